import { ConsentChangedV1, ConsentPurpose } from '@jobbspar/contracts';
import { CANDIDATE_ID, candidateWorld, CTX, rejectionOf } from '../../../../../test/fakes';
import { CandidateNotFoundError } from '../../../domain/candidate.errors';
import { ChangeConsentCommand } from './change-consent.command';
import { ChangeConsentHandler } from './change-consent.handler';

const NOW = new Date('2030-01-10T08:00:00Z');
const GIVEN_AT = new Date('2030-01-02T09:00:00Z');
const FOLLOW_UP = { gender: 'woman', bornAbroad: true, yearOfArrival: 2016 } as const;

function setup(options: { candidate?: boolean; followUp?: boolean } = {}) {
  const world = candidateWorld();
  world.clock.set(NOW);
  if (options.candidate !== false) {
    world.seedCandidate();
    world.candidates.seedConsent(CANDIDATE_ID, 'matching', true, GIVEN_AT);
    if (options.followUp) {
      world.candidates.seedConsent(CANDIDATE_ID, 'follow-up-statistics', true, GIVEN_AT);
      world.candidates.followUps.set(CANDIDATE_ID, FOLLOW_UP);
    }
  }
  const handler = new ChangeConsentHandler(world.dataSource.asDataSource(), world.candidates, world.outbox, world.clock);
  const change = (purpose: ConsentPurpose, given: boolean) => handler.execute(new ChangeConsentCommand(CANDIDATE_ID, purpose, given, CTX));
  return { ...world, change };
}

describe(ChangeConsentHandler.name, () => {
  it('withdraws her matching consent and appends ConsentChanged at her next revision', async () => {
    const { change, candidates, outbox, dataSource } = setup({ followUp: true });

    const result = await change('matching', false);

    expect(result).toEqual({ candidateId: CANDIDATE_ID, purpose: 'matching', given: false, changedAt: NOW.toISOString(), changed: true });
    expect(candidates.consent(CANDIDATE_ID, 'matching')).toEqual({ given: false, changedAt: NOW, changedBy: CTX.actor });
    expect(candidates.locked).toEqual([CANDIDATE_ID]);
    expect(candidates.stored(CANDIDATE_ID).revision).toBe(4);
    // Withdrawing matching is not withdrawing follow-up statistics.
    expect(candidates.followUps.get(CANDIDATE_ID)).toEqual(FOLLOW_UP);
    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(ConsentChangedV1);
    expect(event.em).toBe(dataSource.transactions[0]);
    expect(event.payload).toEqual({
      candidateId: CANDIDATE_ID,
      revision: 4,
      purpose: 'matching',
      given: false,
      changedAt: NOW.toISOString(),
    });
    expect(event.envelope).toMatchObject({
      tenant: 'se-14',
      aggregateId: CANDIDATE_ID,
      aggregateVersion: 4,
      actor: CTX.actor,
      correlationId: CTX.correlationId,
    });
  });

  it('gives a consent back after it was withdrawn', async () => {
    const { change, candidates, outbox } = setup();
    await change('matching', false);

    const result = await change('matching', true);

    expect(result).toMatchObject({ given: true, changed: true });
    expect(candidates.consent(CANDIDATE_ID, 'matching')?.given).toBe(true);
    expect(outbox.appended.map((e) => [e.payload, e.envelope.aggregateVersion])).toEqual([
      [expect.objectContaining({ given: false, revision: 4 }), 4],
      [expect.objectContaining({ given: true, revision: 5 }), 5],
    ]);
  });

  it('withdrawing the follow-up statistics consent deletes her follow-up attributes', async () => {
    const { change, candidates, outbox } = setup({ followUp: true });

    await change('follow-up-statistics', false);

    expect(candidates.followUps.has(CANDIDATE_ID)).toBe(false);
    expect(candidates.consent(CANDIDATE_ID, 'follow-up-statistics')).toMatchObject({ given: false, changedAt: NOW });
    expect(outbox.appended[0].payload).toMatchObject({ purpose: 'follow-up-statistics', given: false, revision: 4 });
  });

  it('changes nothing and tells no one when the consent already has that value', async () => {
    const { change, candidates, outbox } = setup({ followUp: true });

    const result = await change('follow-up-statistics', true);

    expect(result).toEqual({
      candidateId: CANDIDATE_ID,
      purpose: 'follow-up-statistics',
      given: true,
      changedAt: GIVEN_AT.toISOString(),
      changed: false,
    });
    expect(candidates.consent(CANDIDATE_ID, 'follow-up-statistics')).toEqual({
      given: true,
      changedAt: GIVEN_AT,
      changedBy: 'coordinator:seed',
    });
    expect(candidates.followUps.get(CANDIDATE_ID)).toEqual(FOLLOW_UP);
    expect(candidates.stored(CANDIDATE_ID).revision).toBe(3);
    expect(outbox.appended).toEqual([]);
  });

  it('rejects an unknown candidate, storing and appending nothing', async () => {
    const { change, candidates, outbox } = setup({ candidate: false });

    const error = await rejectionOf(change('matching', false));

    expect(error).toBeInstanceOf(CandidateNotFoundError);
    expect(error.code).toBe('CANDIDATE_NOT_FOUND');
    expect(candidates.consentRows.size).toBe(0);
    expect(outbox.appended).toEqual([]);
  });

  it('rolls the consent and the deletion back when the event cannot be appended', async () => {
    const { change, candidates, outbox, dataSource } = setup({ followUp: true });
    jest.spyOn(outbox, 'append').mockRejectedValueOnce(new Error('outbox unavailable'));

    await expect(change('follow-up-statistics', false)).rejects.toThrow('outbox unavailable');

    expect(dataSource.rollbacks).toBe(1);
    expect(candidates.consent(CANDIDATE_ID, 'follow-up-statistics')?.given).toBe(true);
    expect(candidates.followUps.get(CANDIDATE_ID)).toEqual(FOLLOW_UP);
    expect(candidates.stored(CANDIDATE_ID).revision).toBe(3);
  });
});
