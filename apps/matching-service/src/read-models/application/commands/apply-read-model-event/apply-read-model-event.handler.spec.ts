import {
  CandidateRegisteredV1,
  ConsentChangedV1,
  Contract,
  EmployerRegisteredV1,
  NeedPostedV1,
  NeedSnapshotV1Payload,
} from '@jobbspar/contracts';
import { EndOfBatch } from '@jobbspar/messaging';
import type { EntityManager } from 'typeorm';
import { fakeWorld } from '../../../../../test/fakes';
import { ReadModelProjector } from '../../../infrastructure/read-model.projector';
import { ApplyReadModelEventCommand } from './apply-read-model-event.command';
import { ApplyReadModelEventHandler } from './apply-read-model-event.handler';

const NEED = '00000000-0000-4000-8000-000000000001';
const CANDIDATE = '00000000-0000-4000-8000-0000000000c1';
const cause = { actor: 'system:matching-service', correlationId: 'corr-event-0001', causationId: '00000000-0000-4000-8000-0000000000ee' };

const need = (revision: number): NeedSnapshotV1Payload => ({
  needId: NEED,
  revision,
  employerId: '00000000-0000-4000-8000-000000000002',
  roleId: '00000000-0000-4000-8000-000000000003',
  roleVersion: 1,
  roleName: 'Kockbiträde',
  occupations: ['5120'],
  tasks: [{ taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' }],
  positions: 1,
  positionsFilled: 0,
  workplaceMunicipality: '1496',
  countyCode: '14',
  startDate: '2026-12-01',
  placementType: 'internship',
  support: { supervisorCapacity: 2, pairInternshipAllowed: false, languageSupport: true },
  status: 'open',
  shortage: true,
});

function setup() {
  const world = fakeWorld();
  const handler = new ApplyReadModelEventHandler(new ReadModelProjector(world.readModels), world.engine.asEngine());
  const em = { queryRunner: { isTransactionActive: true } } as unknown as EntityManager;
  const apply = <P extends object>(contract: Contract<P>, payload: P, batch?: EndOfBatch) =>
    handler.execute(new ApplyReadModelEventCommand(contract as unknown as Contract, payload, em, cause, batch));
  return { ...world, apply, em };
}

describe(ApplyReadModelEventHandler.name, () => {
  it('takes the matching lock before the read models change, then hands the change to the engine in the same transaction', async () => {
    const { apply, journal, engine, em, readModels } = setup();

    await apply(NeedPostedV1, need(1));

    expect(journal).toEqual(['engine.enter', 'read-models.need', 'read-models.saveNeed', 'engine.onReadModelChange']);
    expect(engine.entered).toEqual([{ em, cause }]);
    expect(engine.changes).toEqual([{ em, change: { kind: 'need', needId: NEED }, cause }]);
    expect(readModels.needs.get(NEED)).toMatchObject({ revision: 1, tenant: 'se-14', positionsLeft: 1 });
  });

  it("in a batch, projects without the matching lock (the engine takes it for the batch's matching), written at its end", async () => {
    const { apply, journal, engine, readModels } = setup();
    const batch = new EndOfBatch([]);

    await apply(NeedPostedV1, need(1), batch);

    expect(journal).toEqual(['read-models.loadForProjection', 'engine.onReadModelChange']);
    expect(engine.entered).toEqual([]);
    expect(readModels.needs.get(NEED)).toBeUndefined();
    await batch.run();
    expect(readModels.needs.get(NEED)).toMatchObject({ revision: 1, tenant: 'se-14', positionsLeft: 1 });
  });

  it('tells the engine nothing changed for an older snapshot, and leaves the newer one held', async () => {
    const { apply, engine, readModels } = setup();
    await apply(NeedPostedV1, { ...need(3), positionsFilled: 1, positions: 3 });

    await apply(NeedPostedV1, need(2));

    expect(engine.changes.map((c) => c.change)).toEqual([{ kind: 'need', needId: NEED }, { kind: 'none' }]);
    expect(readModels.needs.get(NEED)).toMatchObject({ revision: 3, positionsLeft: 2 });
  });

  it('reports a withdrawn consent, so the engine withdraws her accepted proposals too', async () => {
    const { apply, engine } = setup();
    const profile = {
      candidateId: CANDIDATE,
      revision: 1,
      homeMunicipality: '1496',
      availableFrom: '2026-11-01',
      maxCommuteMinutes: 45,
      interests: ['5120'],
      supportNeeds: { closeSupervision: false, languageSupport: true },
      waitingSince: '2025-01-01',
      matchingConsent: true,
    };
    await apply(CandidateRegisteredV1, profile);

    await apply(ConsentChangedV1, {
      candidateId: CANDIDATE,
      revision: 2,
      purpose: 'matching',
      given: false,
      changedAt: '2026-01-01T10:00:00Z',
    });

    expect(engine.changes.map((c) => c.change)).toEqual([
      { kind: 'candidate', candidateId: CANDIDATE, consentWithdrawn: false },
      { kind: 'candidate', candidateId: CANDIDATE, consentWithdrawn: true },
    ]);
  });

  it('stores a registered employer and re-scores nothing: who the employer is changes no pair', async () => {
    const { apply, engine, journal, readModels } = setup();

    await apply(EmployerRegisteredV1, {
      employerId: NEED,
      organisationNumber: '212000-1876',
      name: 'Skövde kommun',
      sector: 'public',
      municipalityCode: '1496',
      isMunicipality: true,
    });

    expect(engine.changes.map((c) => c.change)).toEqual([{ kind: 'none' }]);
    expect(journal).toEqual(['engine.enter', 'read-models.saveEmployer', 'engine.onReadModelChange']);
    expect([...readModels.employerRows.values()]).toEqual([
      { employerId: NEED, organisationNumber: '212000-1876', name: 'Skövde kommun', municipalityCode: '1496', isMunicipality: true },
    ]);
  });
});
