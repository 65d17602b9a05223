import {
  CandidateErasedV1,
  CandidateRegisteredV1,
  ConsentChangedV1,
  type Contract,
  NeedPostedV1,
  PlacementEndedV1,
  ProposalCreatedV1,
  ProposalReviewedV1,
} from '@jobbspar/contracts';
import type { ReceivedEvent } from '@jobbspar/messaging';
import { FakeInbox } from '@jobbspar/testing';
import { fakeEntityManager, FakeOutcomeProjection } from '../../../../../test/fakes';
import { ProjectEventCommand } from './project-event.command';
import { ProjectEventHandler } from './project-event.handler';

const HER = '11111111-1111-4111-8111-111111111111';

/** An event as the pipeline hands it over; only what the projection reads is filled in. */
function event(contract: Contract, payload: object, occurredAt = '2030-03-10T08:00:00.000Z'): ReceivedEvent {
  return {
    type: contract.type,
    contract,
    payload,
    envelope: { occurredAt, tenant: 'se-14' } as ReceivedEvent['envelope'],
    em: fakeEntityManager(true),
  };
}

function setup() {
  const projection = new FakeOutcomeProjection();
  const inbox = new FakeInbox();
  const handler = new ProjectEventHandler(projection, inbox);
  const project = (e: ReceivedEvent) => handler.execute(new ProjectEventCommand(e));
  return { projection, project, inbox };
}

describe(ProjectEventHandler.name, () => {
  it('records a registration in her region, on the Swedish day it happened (23:30 UTC is the next day there)', async () => {
    const { projection, project } = setup();

    await project(
      event(
        CandidateRegisteredV1,
        {
          candidateId: HER,
          revision: 1,
          homeMunicipality: '1480',
          maxCommuteMinutes: 45,
          availableFrom: '2030-04-01',
          matchingConsent: true,
        },
        '2030-01-09T23:30:00.000Z',
      ),
    );

    expect(projection.writes).toEqual([
      [
        'upsertPerson',
        {
          candidateId: HER,
          region: 'se-14',
          municipality: '1480',
          revision: 1,
          occurredOn: '2030-01-10',
          maxCommuteMinutes: 45,
          availableFrom: '2030-04-01',
          matchingConsent: true,
        },
      ],
    ]);
  });

  it('dates a proposal and an acceptance by their events, and ignores a rejection and consent to other purposes', async () => {
    const { projection, project } = setup();

    await project(event(ProposalCreatedV1, { candidateId: HER }));
    await project(event(ProposalReviewedV1, { candidateId: HER, decision: 'rejected' }));
    await project(event(ProposalReviewedV1, { candidateId: HER, decision: 'accepted' }, '2030-03-12T09:00:00.000Z'));
    await project(event(ConsentChangedV1, { candidateId: HER, revision: 4, purpose: 'statistics', given: false }));
    await project(event(ConsentChangedV1, { candidateId: HER, revision: 5, purpose: 'matching', given: false }));

    expect(projection.writes).toEqual([
      ['firstDate', HER, 'proposed', '2030-03-10'],
      ['firstDate', HER, 'accepted', '2030-03-12'],
      ['setMatchingConsent', HER, 5, false],
    ]);
  });

  it('keeps of a need its positions left and its tasks, and nothing of an ended placement', async () => {
    const { projection, project } = setup();
    const needId = '22222222-2222-4222-8222-222222222222';

    await project(
      event(NeedPostedV1, {
        needId,
        revision: 2,
        workplaceMunicipality: '1401',
        status: 'open',
        positions: 3,
        positionsFilled: 1,
        tasks: [{ taskId: 'kitchen.serve-lunch', requiredLevel: 2, weight: 3, note: 'not kept' }],
      }),
    );
    await project(event(PlacementEndedV1, { candidateId: HER, placementId: needId, endDate: '2030-06-01', outcome: 'employed' }));

    expect(projection.writes).toEqual([
      [
        'upsertNeed',
        {
          needId,
          region: 'se-14',
          municipality: '1401',
          revision: 2,
          status: 'open',
          positionsLeft: 2,
          tasks: [{ taskId: 'kitchen.serve-lunch', requiredLevel: 2, weight: 3 }],
        },
      ],
    ]);
  });

  it('erases her, and then skips every later fact about her so that nothing brings her back', async () => {
    const { projection, project } = setup();

    await project(event(CandidateErasedV1, { candidateId: HER, erasedAt: '2030-03-10T08:00:00.000Z' }));
    await project(event(ProposalCreatedV1, { candidateId: HER }));
    await project(
      event(CandidateRegisteredV1, {
        candidateId: HER,
        revision: 9,
        homeMunicipality: '1480',
        maxCommuteMinutes: 45,
        availableFrom: '2030-04-01',
        matchingConsent: true,
      }),
    );

    expect(projection.writes).toEqual([['erase', HER]]);
  });

  it("forgets her inbox rows and her placements' on erasure", async () => {
    const { projection, project, inbox } = setup();
    projection.placementsOf.set(HER, ['p-1', 'p-2']);

    await project(event(CandidateErasedV1, { candidateId: HER, erasedAt: '2030-03-10T08:00:00.000Z' }));

    expect(inbox.forgets.map((f) => f.aggregateIds)).toEqual([[HER, 'p-1', 'p-2']]);
  });
});
