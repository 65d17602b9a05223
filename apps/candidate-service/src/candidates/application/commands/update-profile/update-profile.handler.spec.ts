import { CandidateProfileUpdatedV1 } from '@jobbspar/contracts';
import { CANDIDATE_ID, candidateWorld, CTX, rejectionOf } from '../../../../../test/fakes';
import { CandidateProfile } from '../../../domain/candidate';
import { CandidateNotFoundError, UnknownMunicipalityError, UnknownOccupationError } from '../../../domain/candidate.errors';
import { UpdateProfileCommand } from './update-profile.command';
import { UpdateProfileHandler } from './update-profile.handler';

function setup(options: { candidate?: boolean } = {}) {
  const world = candidateWorld();
  // Skövde, county 14; interests 9412; close supervision, no language support; languages ar, sv; revision 3.
  if (options.candidate !== false) world.seedCandidate();
  const handler = new UpdateProfileHandler(world.dataSource.asDataSource(), world.candidates, world.profiles);
  const update = (changes: Partial<CandidateProfile>) => handler.execute(new UpdateProfileCommand(CANDIDATE_ID, changes, CTX));
  return { ...world, update };
}

describe(UpdateProfileHandler.name, () => {
  it('changes only the given fields and appends her whole profile as CandidateProfileUpdated', async () => {
    const { update, candidates, outbox, dataSource } = setup();

    const result = await update({
      maxCommuteMinutes: 60,
      interests: ['9412', '9111', '9111'],
      supportNeeds: { closeSupervision: false, languageSupport: true },
    });

    expect(result).toEqual({ candidateId: CANDIDATE_ID, revision: 4 });
    expect(candidates.locked[0]).toBe(CANDIDATE_ID);
    expect(candidates.stored(CANDIDATE_ID)).toMatchObject({
      tenant: 'se-14',
      revision: 4,
      homeMunicipality: '1496',
      availableFrom: '2030-02-01',
      maxCommuteMinutes: 60,
      interests: ['9412', '9111'],
      supportNeeds: { closeSupervision: false, languageSupport: true },
      languages: ['ar', 'sv'],
      waitingSince: '2030-01-02',
    });
    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(CandidateProfileUpdatedV1);
    expect(event.em).toBe(dataSource.transactions[0]);
    expect(event.payload).toEqual({
      candidateId: CANDIDATE_ID,
      revision: 4,
      homeMunicipality: '1496',
      availableFrom: '2030-02-01',
      maxCommuteMinutes: 60,
      interests: ['9412', '9111'],
      supportNeeds: { closeSupervision: false, languageSupport: true },
      waitingSince: '2030-01-02',
      matchingConsent: true,
    });
    expect(event.envelope).toMatchObject({
      tenant: 'se-14',
      aggregateId: CANDIDATE_ID,
      aggregateVersion: 4,
      actor: CTX.actor,
      correlationId: CTX.correlationId,
    });
  });

  it('moves her to the tenant of her new home county', async () => {
    const { update, candidates, outbox } = setup();

    await update({ homeMunicipality: '1280' });

    expect(candidates.stored(CANDIDATE_ID)).toMatchObject({ homeMunicipality: '1280', tenant: 'se-12' });
    expect(outbox.appended[0].envelope).toMatchObject({ tenant: 'se-12' });
    expect(outbox.appended[0].payload).toMatchObject({ homeMunicipality: '1280' });
  });

  it('publishes the matching consent as it stands', async () => {
    const { update, candidates, outbox } = setup();
    candidates.seedConsent(CANDIDATE_ID, 'matching', false);

    await update({ availableFrom: '2030-03-01' });

    expect(outbox.appended[0].payload).toMatchObject({ availableFrom: '2030-03-01', matchingConsent: false });
  });

  it('a language change is stored and published, though languages are not in the event', async () => {
    const { update, candidates, outbox } = setup();

    const result = await update({ languages: ['so'] });

    expect(result.revision).toBe(4);
    expect(candidates.stored(CANDIDATE_ID).languages).toEqual(['so']);
    expect(outbox.appended[0].payload).not.toHaveProperty('languages');
  });

  it.each([
    ['no changes', {}],
    ['the same values', { homeMunicipality: '1496', maxCommuteMinutes: 45 }],
    ['the same interests and languages in another order, repeated', { interests: ['9412', '9412'], languages: ['sv', 'ar'] }],
  ] as const)('changes nothing and tells no one for %s', async (_case, changes) => {
    const { update, candidates, outbox } = setup();
    const before = candidates.stored(CANDIDATE_ID);

    const result = await update(changes as Partial<CandidateProfile>);

    expect(result).toEqual({ candidateId: CANDIDATE_ID, revision: 3 });
    expect(candidates.stored(CANDIDATE_ID)).toBe(before);
    expect(outbox.appended).toEqual([]);
  });

  describe('rejects, storing and appending nothing', () => {
    it.each([
      ['an unknown home municipality', { homeMunicipality: '9999' }, UnknownMunicipalityError, 'UNKNOWN_MUNICIPALITY'],
      ['an unknown interest', { interests: ['0000'] }, UnknownOccupationError, 'UNKNOWN_OCCUPATION'],
    ] as const)('%s', async (_case, changes, errorClass, code) => {
      const { update, candidates, outbox } = setup();
      const before = candidates.stored(CANDIDATE_ID);

      const error = await rejectionOf(update(changes as Partial<CandidateProfile>));

      expect(error).toBeInstanceOf(errorClass);
      expect(error.code).toBe(code);
      expect(candidates.stored(CANDIDATE_ID)).toBe(before);
      expect(outbox.appended).toEqual([]);
    });

    it('an unknown candidate', async () => {
      const { update, candidates, outbox } = setup({ candidate: false });

      const error = await rejectionOf(update({ maxCommuteMinutes: 60 }));

      expect(error).toBeInstanceOf(CandidateNotFoundError);
      expect(error.code).toBe('CANDIDATE_NOT_FOUND');
      expect(candidates.rows.size).toBe(0);
      expect(outbox.appended).toEqual([]);
    });
  });

  it('rolls the profile change back when the event cannot be appended', async () => {
    const { update, candidates, outbox, dataSource } = setup();
    const before = candidates.stored(CANDIDATE_ID);
    jest.spyOn(outbox, 'append').mockRejectedValueOnce(new Error('outbox unavailable'));

    await expect(update({ maxCommuteMinutes: 90 })).rejects.toThrow('outbox unavailable');

    expect(dataSource.rollbacks).toBe(1);
    expect(candidates.stored(CANDIDATE_ID)).toBe(before);
  });
});
