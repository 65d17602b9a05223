import { CandidateRegisteredV1 } from '@jobbspar/contracts';
import { candidateWorld, CTX, rejectionOf } from '../../../../../test/fakes';
import {
  IdentityNumberTakenError,
  InvalidFollowUpError,
  InvalidIdentityNumberError,
  MatchingConsentRequiredError,
  UnknownMunicipalityError,
  UnknownOccupationError,
} from '../../../domain/candidate.errors';
import { RegisterCandidateCommand, RegisterCandidateInput } from './register-candidate.command';
import { RegisterCandidateHandler } from './register-candidate.handler';

const NOW = new Date('2030-01-10T08:00:00Z');
const IDENTITY = '19121212-1212';

function input(over: Partial<RegisterCandidateInput> = {}): RegisterCandidateInput {
  return {
    personalIdentityNumber: IDENTITY,
    contact: { name: 'Hodan Registrerad', email: 'hodan@example.org' },
    homeMunicipality: '1496',
    availableFrom: '2030-02-01',
    maxCommuteMinutes: 45,
    interests: ['9412', '9412'],
    supportNeeds: { closeSupervision: true, languageSupport: false },
    languages: ['ar', 'sv', 'ar'],
    consent: { matching: true },
    ...over,
  };
}

function setup() {
  const world = candidateWorld();
  world.clock.set(NOW);
  const handler = new RegisterCandidateHandler(
    world.dataSource.asDataSource(),
    world.cipher,
    world.candidates,
    world.profiles,
    world.clock,
  );
  const register = (over: Partial<RegisterCandidateInput> = {}) => handler.execute(new RegisterCandidateCommand(input(over), CTX));
  return { ...world, register };
}

describe(RegisterCandidateHandler.name, () => {
  it('stores her profile, sealed personal data and matching consent, and appends CandidateRegistered at revision 1', async () => {
    const { register, candidates, cipher, outbox, dataSource } = setup();

    const { candidateId, revision } = await register();

    expect(revision).toBe(1);
    expect(candidates.stored(candidateId)).toMatchObject({
      tenant: 'se-14',
      revision: 1,
      homeMunicipality: '1496',
      availableFrom: '2030-02-01',
      maxCommuteMinutes: 45,
      interests: ['9412'],
      supportNeeds: { closeSupervision: true, languageSupport: false },
      languages: ['ar', 'sv'],
      waitingSince: '2030-01-10',
    });
    const personal = candidates.personal.get(candidateId)!;
    const dataKey = cipher.unwrap(candidateId, personal.wrappedDataKey);
    expect(cipher.decryptJson(dataKey, candidateId, 'contact', personal.contact)).toEqual(input().contact);
    expect(cipher.decryptJson(dataKey, candidateId, 'identity-number', personal.identityNumber!)).toBe('191212121212');
    expect(personal.identityNumberIndex).toEqual(cipher.blindIndex('identity-number', '191212121212'));
    expect(personal.contact.toString('utf8')).not.toContain('Hodan');
    expect(candidates.consent(candidateId, 'matching')).toEqual({ given: true, changedAt: NOW, changedBy: CTX.actor });
    expect(candidates.consent(candidateId, 'follow-up-statistics')).toBeUndefined();
    expect(candidates.followUps.size).toBe(0);

    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(CandidateRegisteredV1);
    expect(event.em).toBe(dataSource.transactions[0]);
    expect(event.payload).toEqual({
      candidateId,
      revision: 1,
      homeMunicipality: '1496',
      availableFrom: '2030-02-01',
      maxCommuteMinutes: 45,
      interests: ['9412'],
      supportNeeds: { closeSupervision: true, languageSupport: false },
      waitingSince: '2030-01-10',
      matchingConsent: true,
    });
    expect(event.envelope).toMatchObject({
      tenant: 'se-14',
      aggregateId: candidateId,
      aggregateVersion: 1,
      actor: CTX.actor,
      correlationId: CTX.correlationId,
    });
  });

  it("counts her waiting from Sweden's calendar day, not UTC's", async () => {
    const { register, candidates, clock } = setup();
    clock.set('2030-01-09T23:30:00Z'); // already 00:30 on the 10th in Stockholm

    const { candidateId } = await register();

    expect(candidates.stored(candidateId).waitingSince).toBe('2030-01-10');
  });

  it('serialises registrations on the identity number by locking its blind index before checking it', async () => {
    const { register, cipher, candidates } = setup();
    const lock = jest.spyOn(candidates, 'lockIdentityNumber');
    const taken = jest.spyOn(candidates, 'identityNumberTaken');

    await register();

    expect(candidates.identityLocks).toEqual([cipher.blindIndex('identity-number', '191212121212')]);
    expect(lock.mock.invocationCallOrder[0]).toBeLessThan(taken.mock.invocationCallOrder[0]);
  });

  it('registers her without an identity number: nothing sealed, no blind index, no lock', async () => {
    const { register, candidates } = setup();

    const { candidateId } = await register({ personalIdentityNumber: undefined });

    expect(candidates.personal.get(candidateId)).toMatchObject({ identityNumber: null, identityNumberIndex: null });
    expect(candidates.identityLocks).toEqual([]);
  });

  it('stores follow-up attributes with their consent, and keeps them out of the event', async () => {
    const { register, candidates, outbox } = setup();
    const followUp = { gender: 'woman', bornAbroad: true, yearOfArrival: 2016, reasonForImmigration: 'refugee' } as const;

    const { candidateId } = await register({ followUp });

    expect(candidates.followUps.get(candidateId)).toEqual(followUp);
    expect(candidates.consent(candidateId, 'follow-up-statistics')).toEqual({ given: true, changedAt: NOW, changedBy: CTX.actor });
    const payload = outbox.appended[0].payload as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(
      [
        'availableFrom',
        'candidateId',
        'homeMunicipality',
        'interests',
        'matchingConsent',
        'maxCommuteMinutes',
        'revision',
        'supportNeeds',
        'waitingSince',
      ].sort(),
    );
    expect(JSON.stringify(outbox.appended[0].envelope)).not.toMatch(/woman|refugee|2016|Hodan|191212/);
  });

  it('gives each candidate her own id and data key', async () => {
    const { register, candidates } = setup();

    const first = await register({ personalIdentityNumber: undefined });
    const second = await register({ personalIdentityNumber: undefined });

    expect(first.candidateId).not.toBe(second.candidateId);
    expect(candidates.personal.get(first.candidateId)!.wrappedDataKey).not.toEqual(
      candidates.personal.get(second.candidateId)!.wrappedDataKey,
    );
  });

  describe('rejects, storing and appending nothing', () => {
    it.each([
      ['an unknown home municipality', { homeMunicipality: '9999' }, UnknownMunicipalityError, 'UNKNOWN_MUNICIPALITY'],
      ['an unknown interest', { interests: ['9412', '0000'] }, UnknownOccupationError, 'UNKNOWN_OCCUPATION'],
      ['no matching consent', { consent: undefined }, MatchingConsentRequiredError, 'MATCHING_CONSENT_REQUIRED'],
      ['a refused matching consent', { consent: { matching: false } }, MatchingConsentRequiredError, 'MATCHING_CONSENT_REQUIRED'],
      [
        'an identity number with a wrong check digit',
        { personalIdentityNumber: '19121212-1213' },
        InvalidIdentityNumberError,
        'INVALID_IDENTITY_NUMBER',
      ],
      [
        'a year of arrival for someone born in Sweden',
        { followUp: { gender: 'man', bornAbroad: false, yearOfArrival: 2010 } },
        InvalidFollowUpError,
        'INVALID_FOLLOW_UP',
      ],
      [
        'a year of arrival in the future',
        { followUp: { gender: 'man', bornAbroad: true, yearOfArrival: 2031 } },
        InvalidFollowUpError,
        'INVALID_FOLLOW_UP',
      ],
    ] as const)('%s', async (_case, over, errorClass, code) => {
      const { register, candidates, outbox } = setup();

      const error = await rejectionOf(register(over as Partial<RegisterCandidateInput>));

      expect(error).toBeInstanceOf(errorClass);
      expect(error.code).toBe(code);
      expect(candidates.rows.size).toBe(0);
      expect(candidates.personal.size).toBe(0);
      expect(candidates.consentRows.size).toBe(0);
      expect(candidates.followUps.size).toBe(0);
      expect(outbox.appended).toEqual([]);
    });

    it.each([
      ['in the same spelling', IDENTITY],
      ['in the other spelling', '191212121212'],
    ])('an identity number already registered, %s', async (_case, second) => {
      const { register, candidates, outbox } = setup();
      const { candidateId: first } = await register();
      outbox.appended = [];

      const error = await rejectionOf(register({ personalIdentityNumber: second, followUp: { gender: 'other', bornAbroad: false } }));

      expect(error).toBeInstanceOf(IdentityNumberTakenError);
      expect(error.code).toBe('IDENTITY_NUMBER_TAKEN');
      expect([...candidates.rows.keys()]).toEqual([first]);
      expect([...candidates.personal.keys()]).toEqual([first]);
      expect(candidates.followUps.size).toBe(0);
      expect(outbox.appended).toEqual([]);
    });
  });
});
