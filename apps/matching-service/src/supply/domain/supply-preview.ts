import {
  checkHardFilters,
  type CandidateForMatching,
  type HardFilterCode,
  type TaskLevel,
  type TaskRequirement,
} from '@jobbspar/matching-core';

/** A role as HR is composing it: not posted yet, so it has no id, no positions and perhaps no start date. */
export interface DraftRole {
  readonly workplaceMunicipality: string;
  readonly tasks: readonly TaskRequirement[];
  /** YYYY-MM-DD; without one, availability is not asked. */
  readonly startDate: string | null;
}

/** A must-have that, validated at its level, would make the candidates who miss only it qualify. */
export interface ClosingValidation {
  readonly taskId: string;
  readonly requiredLevel: TaskLevel;
  /** Candidates one validation away for whom this is the one: none validated yet, or validated below the level. */
  readonly missing: number;
  readonly belowLevel: number;
}

export interface SupplyPreview {
  /** Candidates within their own commute of the workplace, consenting, available, holding one of the role's tasks. */
  readonly inReach: number;
  /** Of those, the ones who pass every rule a proposal of this role would: every must-have at its level. */
  readonly qualify: number;
  /** Of those, the ones for whom exactly one must-have is missing or below its level. */
  readonly oneValidationAway: number;
  /** What the one validation is, most candidates first. */
  readonly closingValidations: readonly ClosingValidation[];
}

const TASK_RULES: ReadonlySet<HardFilterCode> = new Set(['MUST_HAVE_MISSING', 'MUST_HAVE_BELOW_LEVEL']);

/**
 * Who of the candidates would qualify for a role not posted yet, by the same hard filters a posted need's proposals
 * pass (matching-core's checkHardFilters, on an open need with a position left). A candidate failing a rule other
 * than a must-have (commute, consent, availability) is not supply for this role and is not counted at all.
 */
export function previewSupply(
  candidates: readonly CandidateForMatching[],
  role: DraftRole,
  ctx: { today: string; commuteMinutes(from: string, to: string): number },
): SupplyPreview {
  const need = {
    needId: 'draft',
    status: 'open' as const,
    positionsLeft: 1,
    // No start date: "as soon as possible" would ask for availability today; the far future asks nothing.
    startDate: role.startDate ?? '9999-12-31',
    workplaceMunicipality: role.workplaceMunicipality,
    occupations: [],
    tasks: role.tasks,
    shortage: false,
    support: { supervisorCapacity: 0, languageSupport: false, pairInternshipAllowed: false },
  };
  let inReach = 0;
  let qualify = 0;
  let oneAway = 0;
  const closing = new Map<string, { missing: number; belowLevel: number }>();
  for (const candidate of candidates) {
    const { failures } = checkHardFilters(candidate, need, { ...ctx, rejected: false });
    if (failures.some((f) => !TASK_RULES.has(f.code))) continue;
    inReach++;
    if (failures.length === 0) qualify++;
    if (failures.length !== 1) continue;
    oneAway++;
    // The one must-have she does not reach: the filter's failure, found again from her levels.
    const task = role.tasks.find((t) => t.weight === 'must-have' && !(levelOf(candidate, t.taskId) >= t.requiredLevel));
    if (!task) continue;
    const entry = closing.get(task.taskId) ?? { missing: 0, belowLevel: 0 };
    if (failures[0].code === 'MUST_HAVE_MISSING') entry.missing++;
    else entry.belowLevel++;
    closing.set(task.taskId, entry);
  }
  const closingValidations = role.tasks
    .filter((t) => closing.has(t.taskId))
    .map((t) => ({ taskId: t.taskId, requiredLevel: t.requiredLevel, ...closing.get(t.taskId)! }))
    .sort((a, b) => b.missing + b.belowLevel - (a.missing + a.belowLevel));
  return { inReach, qualify, oneValidationAway: oneAway, closingValidations };
}

/** Own properties only, as matching-core reads them: a task id such as "constructor" finds nothing. */
const levelOf = (c: CandidateForMatching, taskId: string): number =>
  Object.prototype.hasOwnProperty.call(c.validations, taskId) ? c.validations[taskId] : 0;
