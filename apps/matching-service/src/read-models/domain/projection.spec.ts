import { applyConsent, applyNeedSnapshot, applyProfile, closeNeed, effectiveLevel, erasedCandidate, isErased, isNewer } from './projection';
import type { NeedSnapshotFact, ProfileSnapshotFact } from './read-models';

type Need = NeedSnapshotFact;

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

const profile = (revision: number, consent = true): ProfileSnapshotFact => ({
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

  const held = (n: Need) => applyNeedSnapshot(undefined, n)!;

  it('applies a need snapshot only when it is newer than the need held', () => {
    const two = held(need(2));
    expect(applyNeedSnapshot(undefined, need(1))).toMatchObject({ revision: 1, termsRevision: 1, statusRevision: 1 });
    expect(applyNeedSnapshot(two, need(2, { positionsLeft: 1 }))).toBeUndefined();
    expect(applyNeedSnapshot(two, need(3, { positionsLeft: 1 }))).toMatchObject({ revision: 3, positionsLeft: 1 });
  });

  it('keeps a close that overtook the posting; the older posting brings its terms but not its status', () => {
    const closed = closeNeed(undefined, need(1).needId, 3, 'closed')!;
    expect(closed).toMatchObject({ revision: 3, status: 'closed', terms: null, termsRevision: null, statusRevision: 3 });
    const posted = applyNeedSnapshot(closed, need(2))!;
    expect(posted).toMatchObject({ revision: 3, status: 'closed', statusRevision: 3, termsRevision: 2, positionsLeft: 2 });
    expect(posted.terms).toEqual(need(2).terms);
    // In revision order the result is the same.
    expect(closeNeed(held(need(2)), need(1).needId, 3, 'closed')).toEqual(posted);
  });

  it('ignores a close older than the status held, and closes a newer one keeping its terms', () => {
    const five = held(need(5));
    expect(closeNeed(five, five.needId, 4, 'closed')).toBeUndefined();
    const closed = closeNeed(five, five.needId, 6, 'filled')!;
    expect(closed.status).toBe('filled');
    expect(closed.revision).toBe(6);
    expect(closed.terms).toEqual(five.terms);
    expect(closed).toMatchObject({ tenant: 'se-14', positionsLeft: 2, workplaceMunicipality: '1496', occupations: ['5120'] });
  });

  it('drops an older profile and applies a newer one with its consent', () => {
    const two = applyProfile(undefined, profile(2))!;
    expect(applyProfile(two, profile(1, false))).toBeUndefined();
    expect(applyProfile(two, profile(3, false))?.matchingConsent).toBe(false);
  });

  it('orders consent changes and profiles on one revision sequence, a revision per facet', () => {
    const two = applyProfile(undefined, profile(2))!;
    const withdrawn = applyConsent(two, two.candidateId, 3, false)!;
    expect(withdrawn.matchingConsent).toBe(false);
    expect(withdrawn.profile).toEqual(two.profile);
    // The profile snapshot of revision 2 arriving again must not bring consent back.
    expect(applyProfile(withdrawn, profile(2, true))).toBeUndefined();
  });

  it('keeps a consent change that overtook her registration, and takes the profile from the late registration', () => {
    const stub = applyConsent(undefined, profile(1).candidateId, 2, false)!;
    expect(stub).toMatchObject({ profile: null, profileRevision: null, matchingConsent: false, consentRevision: 2, revision: 2 });
    const registered = applyProfile(stub, profile(1, true))!;
    expect(registered).toMatchObject({ matchingConsent: false, consentRevision: 2, profileRevision: 1, revision: 2 });
    expect(registered.profile).toEqual(profile(1).profile);
    // The same as in revision order.
    expect(applyConsent(applyProfile(undefined, profile(1, true)), stub.candidateId, 2, false)).toEqual(registered);
    expect(applyProfile(registered, profile(3, true))).toMatchObject({ matchingConsent: true, profileRevision: 3, consentRevision: 3 });
  });

  it('leaves a tombstone on erasure that no older event of either facet changes', () => {
    const erased = erasedCandidate(profile(1).candidateId);
    expect(isErased(erased)).toBe(true);
    expect(isErased(applyProfile(undefined, profile(1)))).toBe(false);
    expect(applyProfile(erased, profile(9))).toBeUndefined();
    expect(applyConsent(erased, erased.candidateId, 9, true)).toBeUndefined();
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
