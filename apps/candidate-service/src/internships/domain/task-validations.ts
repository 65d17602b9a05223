import { AlreadyRevokedError, ValidationNotFoundError } from './internship.errors';
import type { TaskLevel } from './internship';

/** One certified validation of a candidate on one task. */
export interface TaskValidation {
  readonly validationId: string;
  readonly level: TaskLevel;
  readonly revoked: boolean;
  /** Order of certification; among equal levels the latest counts. */
  readonly certifiedAt: string;
}

function current(validations: readonly TaskValidation[]): TaskValidation | undefined {
  return validations
    .filter((v) => !v.revoked)
    .reduce<TaskValidation | undefined>(
      (best, v) => (!best || v.level > best.level || (v.level === best.level && v.certifiedAt >= best.certifiedAt) ? v : best),
      undefined,
    );
}

/** Her level on a task: the highest valid validation. A lower one never lowers it; a revoked one no longer counts. */
export function effectiveLevel(validations: readonly TaskValidation[]): TaskLevel | null {
  return current(validations)?.level ?? null;
}

/**
 * Adding a certified validation to her history on the task. It supersedes the validation that counted so far only
 * if it is higher; the effective level is never lowered by it.
 */
export function certify(history: readonly TaskValidation[], added: TaskValidation): { effectiveLevel: TaskLevel; supersedes?: string } {
  const before = current(history);
  const after = effectiveLevel([...history, added])!;
  return before && added.level > before.level ? { effectiveLevel: after, supersedes: before.validationId } : { effectiveLevel: after };
}

/** Revoking one validation; the next highest valid one (if any) counts again. */
export function revoke(history: readonly TaskValidation[], validationId: string): { effectiveLevel: TaskLevel | null } {
  const target = history.find((v) => v.validationId === validationId);
  if (!target) throw new ValidationNotFoundError(validationId);
  if (target.revoked) throw new AlreadyRevokedError(validationId);
  return { effectiveLevel: effectiveLevel(history.map((v) => (v.validationId === validationId ? { ...v, revoked: true } : v))) };
}
