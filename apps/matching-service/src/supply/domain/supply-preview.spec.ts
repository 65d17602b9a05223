import type { CandidateForMatching } from '@jobbspar/matching-core';
import { previewSupply, type DraftRole } from './supply-preview';

const MINUTES: Record<string, number> = { '1496>1496': 10, '1494>1496': 35, '1480>1496': 120 };
const ctx = { today: '2026-05-20', commuteMinutes: (from: string, to: string) => MINUTES[`${from}>${to}`] ?? Number.POSITIVE_INFINITY };

function candidate(
  id: string,
  validations: CandidateForMatching['validations'],
  over: Partial<CandidateForMatching> = {},
): CandidateForMatching {
  return {
    candidateId: id,
    homeMunicipality: '1496',
    availableFrom: '2026-05-01',
    maxCommuteMinutes: 45,
    interests: [],
    supportNeeds: { closeSupervision: false, languageSupport: false },
    consentActive: true,
    waitingSince: '2026-01-01',
    validations,
    ...over,
  };
}

const role = (tasks: DraftRole['tasks'], startDate: string | null = null): DraftRole => ({
  workplaceMunicipality: '1496',
  tasks,
  startDate,
});
const LUNCH = { taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' } as const;
const DISHES = { taskId: 'kitchen.dishwashing', requiredLevel: 2, weight: 'must-have' } as const;
const LAUNDRY = { taskId: 'laundry.wash-and-sort', requiredLevel: 2, weight: 'nice-to-have' } as const;

describe(previewSupply.name, () => {
  const amal = candidate('amal', { 'kitchen.serve-school-lunch': 2, 'kitchen.dishwashing': 2 });
  const dilan = candidate('dilan', { 'kitchen.serve-school-lunch': 3 });
  const hodan = candidate('hodan', { 'kitchen.serve-school-lunch': 2, 'kitchen.dishwashing': 1 }, { homeMunicipality: '1494' });
  const nadia = candidate('nadia', { 'laundry.wash-and-sort': 1 });

  it('counts who qualifies, who is one must-have away and which must-have that is', () => {
    const preview = previewSupply([amal, dilan, hodan, nadia], role([LUNCH, DISHES, LAUNDRY]), ctx);

    expect(preview).toEqual({
      inReach: 4,
      qualify: 1,
      oneValidationAway: 2,
      closingValidations: [{ taskId: 'kitchen.dishwashing', requiredLevel: 2, missing: 1, belowLevel: 1 }],
    });
  });

  it('changes as a must-have is added: those who qualified without it become one validation away', () => {
    const before = previewSupply([amal, dilan], role([LUNCH]), ctx);
    const after = previewSupply([amal, dilan], role([LUNCH, DISHES]), ctx);

    expect([before.qualify, before.oneValidationAway]).toEqual([2, 0]);
    expect([after.qualify, after.oneValidationAway]).toEqual([1, 1]);
    expect(after.closingValidations).toEqual([{ taskId: 'kitchen.dishwashing', requiredLevel: 2, missing: 1, belowLevel: 0 }]);
  });

  it('counts a candidate two must-haves away in reach only', () => {
    const preview = previewSupply([nadia], role([LUNCH, DISHES, LAUNDRY]), ctx);

    expect(preview).toEqual({ inReach: 1, qualify: 0, oneValidationAway: 0, closingValidations: [] });
  });

  it('treats a nice-to-have as no requirement: missing it does not stop anyone qualifying', () => {
    const preview = previewSupply([dilan], role([LUNCH, LAUNDRY]), ctx);

    expect(preview.qualify).toBe(1);
  });

  it('leaves out whoever fails a rule other than the tasks: commute, consent, availability by the start date', () => {
    const far = candidate('far', amal.validations, { homeMunicipality: '1480' });
    const noConsent = candidate('no-consent', amal.validations, { consentActive: false });
    const later = candidate('later', amal.validations, { availableFrom: '2026-09-01' });

    expect(previewSupply([far, noConsent, later], role([LUNCH, DISHES]), ctx)).toMatchObject({ inReach: 1, qualify: 1 });
    expect(previewSupply([far, noConsent, later], role([LUNCH, DISHES], '2026-06-01'), ctx)).toMatchObject({ inReach: 0, qualify: 0 });
    expect(previewSupply([later], role([LUNCH, DISHES], '2026-09-01'), ctx)).toMatchObject({ inReach: 1, qualify: 1 });
  });

  it('reads levels as own properties: a task id such as "constructor" is never held', () => {
    const preview = previewSupply([amal], role([LUNCH, { taskId: 'constructor', requiredLevel: 1, weight: 'must-have' }]), ctx);

    expect(preview.closingValidations).toEqual([{ taskId: 'constructor', requiredLevel: 1, missing: 1, belowLevel: 0 }]);
  });
});
