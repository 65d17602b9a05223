import { applyConsent, applyNeedSnapshot, applyProfile, closeNeed, effectiveLevel, isNewer } from './projection';
import type { CandidateProfile, CandidateReadModel, NeedReadModel, NeedTerms } from './read-models';

type Need = NeedReadModel & { terms: NeedTerms };

const need = (revision: number, over: Partial<Need> = {}): Need => ({
  needId: '00000000-0000-4000-8000-000000000001',
  revision,
  status: 'open',
  tenant: 'se-14',
  positionsLeft: 2,
  workplaceMunicipality: '1496',
  occupations: ['5120'],
  terms: {
    employerId: '00000000-0000-4000-8000-000000000002',
    roleName: 'Serviceassistent',
    placementType: 'internship',
    startDate: '2026-12-01',
    tasks: [{ taskId: 'serve-lunch', requiredLevel: 2, weight: 'must-have' }],
    shortage: true,
    support: { supervisorCapacity: 2, pairInternshipAllowed: true, languageSupport: true },
  },
  ...over,
});

const profile = (revision: number, consent = true): CandidateReadModel & { profile: CandidateProfile } => ({
  candidateId: '00000000-0000-4000-8000-0000000000c1',
  revision,
  matchingConsent: consent,
  profile: {
    homeMunicipality: '1496',
    availableFrom: '2026-11-01',
    maxCommuteMinutes: 45,
    interests: ['5120'],
    supportNeeds: { closeSupervision: false, languageSupport: true },
    waitingSince: '2025-01-01',
  },
});

describe('read-model projection rules', () => {
  it('applies a snapshot only when its revision is newer than the one held', () => {
    expect(isNewer(undefined, 1)).toBe(true);
    expect(isNewer(3, 4)).toBe(true);
    expect(isNewer(3, 3)).toBe(false);
    expect(isNewer(3, 2)).toBe(false);
  });

  it('applies a need snapshot only when it is newer than the need held', () => {
    const held = need(2);
    expect(applyNeedSnapshot(undefined, need(1))?.revision).toBe(1);
    expect(applyNeedSnapshot(held, need(2, { positionsLeft: 1 }))).toBeUndefined();
    expect(applyNeedSnapshot(held, need(3, { positionsLeft: 1 }))).toMatchObject({ revision: 3, positionsLeft: 1 });
  });

  it('keeps a close that overtook the posting as a tombstone, so the older posting changes nothing', () => {
    const tombstone = closeNeed(undefined, need(1).needId, 3, 'closed');
    expect(tombstone).toMatchObject({ revision: 3, status: 'closed', terms: null });
    expect(isNewer(tombstone!.revision, need(2).revision)).toBe(false);
  });

  it('ignores a close older than the snapshot held, and closes a newer one keeping its terms', () => {
    const held = need(5);
    expect(closeNeed(held, held.needId, 4, 'closed')).toBeUndefined();
    const closed = closeNeed(held, held.needId, 6, 'filled')!;
    expect(closed.status).toBe('filled');
    expect(closed.revision).toBe(6);
    expect(closed.terms).toEqual(held.terms);
    expect(closed).toMatchObject({ tenant: 'se-14', positionsLeft: 2, workplaceMunicipality: '1496', occupations: ['5120'] });
  });

  it('drops an older profile and applies a newer one with its consent', () => {
    const held = applyProfile(undefined, profile(2))!;
    expect(applyProfile(held, profile(1, false))).toBeUndefined();
    expect(applyProfile(held, profile(3, false))?.matchingConsent).toBe(false);
  });

  it('orders consent changes and profiles on the one candidate revision', () => {
    const held = applyProfile(undefined, profile(2))!;
    const withdrawn = applyConsent(held, held.candidateId, 3, false)!;
    expect(withdrawn.matchingConsent).toBe(false);
    expect(withdrawn.profile).toEqual(held.profile);
    // The profile snapshot of revision 2 arriving again must not bring consent back.
    expect(applyProfile(withdrawn, profile(2, true))).toBeUndefined();
  });

  it('keeps a consent change for a candidate not yet known, without a profile', () => {
    const stub = applyConsent(undefined, profile(1).candidateId, 2, true)!;
    expect(stub).toMatchObject({ profile: null, matchingConsent: true, revision: 2 });
    expect(applyProfile(stub, profile(1))).toBeUndefined();
    expect(applyProfile(stub, profile(3))?.profile).not.toBeNull();
  });

  describe(effectiveLevel.name, () => {
    const v = (validationId: string, level: 1 | 2 | 3, extra: { supersedes?: string; revoked?: boolean } = {}) => ({
      validationId,
      level,
      supersedes: extra.supersedes ?? null,
      revoked: extra.revoked ?? false,
    });

    it('is the highest valid level', () => {
      expect(effectiveLevel([v('a', 1), v('b', 3), v('c', 2)])).toBe(3);
    });

    it('does not count revoked validations, and is null when none is left', () => {
      expect(effectiveLevel([v('a', 1), v('b', 3, { revoked: true })])).toBe(1);
      expect(effectiveLevel([v('b', 3, { revoked: true })])).toBeNull();
      expect(effectiveLevel([])).toBeNull();
    });

    it('does not count a superseded validation, in whatever order the two arrived', () => {
      expect(effectiveLevel([v('old', 3), v('new', 2, { supersedes: 'old' })])).toBe(2);
      expect(effectiveLevel([v('new', 2, { supersedes: 'old' }), v('old', 3)])).toBe(2);
    });
  });
});
