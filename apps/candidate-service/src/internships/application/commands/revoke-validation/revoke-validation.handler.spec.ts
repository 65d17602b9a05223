import { TaskValidationRevokedV1 } from '@jobbspar/contracts';
import { CANDIDATE_ID, candidateWorld, CTX, rejectionOf } from '../../../../../test/fakes';
import type { TaskLevel } from '../../../domain/internship';
import { AlreadyRevokedError, ValidationNotFoundError } from '../../../domain/internship.errors';
import { RevocationReason, RevokeValidationCommand } from './revoke-validation.command';
import { RevokeValidationHandler } from './revoke-validation.handler';

const LUNCH = 'kitchen.serve-school-lunch';
const DISHES = 'kitchen.dishwashing';
const TARGET = '33333333-3333-4333-8333-333333333333';
const OTHER = '44444444-4444-4444-8444-444444444444';

function setup() {
  const world = candidateWorld();
  world.seedCandidate();
  const validation = (validationId: string, level: TaskLevel, options: { revoked?: boolean; taskId?: string; day?: number } = {}) =>
    world.internships.seedValidation({
      validationId,
      candidateId: CANDIDATE_ID,
      taskId: options.taskId ?? LUNCH,
      level,
      revoked: options.revoked,
      certifiedAt: `2030-02-${String(options.day ?? 1).padStart(2, '0')}T08:00:00.000Z`,
    });
  const handler = new RevokeValidationHandler(world.dataSource.asDataSource(), world.candidates, world.internships, world.outbox);
  const revoke = (validationId = TARGET, reason: RevocationReason = 'assessment-error') =>
    handler.execute(new RevokeValidationCommand(validationId, reason, CTX));
  return { ...world, validation, revoke };
}

describe(RevokeValidationHandler.name, () => {
  it('revokes her only validation on a task, leaving her no level there, and appends TaskValidationRevoked', async () => {
    const { revoke, validation, candidates, internships, outbox, dataSource } = setup();
    validation(TARGET, 2);

    const result = await revoke(TARGET, 'wrong-candidate');

    expect(result).toEqual({ validationId: TARGET, taskId: LUNCH, effectiveLevel: null });
    expect(internships.validationRows.get(TARGET)).toMatchObject({
      revoked: true,
      revokedBy: CTX.actor,
      revocationReason: 'wrong-candidate',
    });
    expect(candidates.locked).toEqual([CANDIDATE_ID]);
    expect(candidates.stored(CANDIDATE_ID).revision).toBe(4);
    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(TaskValidationRevokedV1);
    expect(event.em).toBe(dataSource.transactions[0]);
    expect(event.payload).toEqual({
      validationId: TARGET,
      candidateId: CANDIDATE_ID,
      taskId: LUNCH,
      reason: 'wrong-candidate',
      effectiveLevel: null,
    });
    expect(event.envelope).toMatchObject({
      tenant: 'se-14',
      aggregateId: CANDIDATE_ID,
      aggregateVersion: 4,
      actor: CTX.actor,
      correlationId: CTX.correlationId,
    });
  });

  it('revoking the highest validation brings back the next highest one', async () => {
    const { revoke, validation, outbox } = setup();
    validation(OTHER, 1, { day: 1 });
    validation(TARGET, 3, { day: 2 });

    const result = await revoke();

    expect(result.effectiveLevel).toBe(1);
    expect(outbox.appended[0].payload).toMatchObject({ effectiveLevel: 1 });
  });

  it('revoking a lower validation leaves her level as it was', async () => {
    const { revoke, validation, internships, outbox } = setup();
    validation(OTHER, 3, { day: 1 });
    validation(TARGET, 1, { day: 2 });

    const result = await revoke();

    expect(result.effectiveLevel).toBe(3);
    expect(outbox.appended[0].payload).toMatchObject({ effectiveLevel: 3 });
    expect(internships.validationRows.get(OTHER)?.revoked).toBe(false);
  });

  it('counts neither already revoked validations nor those on other tasks', async () => {
    const { revoke, validation, outbox } = setup();
    validation(TARGET, 2, { day: 3 });
    validation(OTHER, 3, { day: 1, revoked: true });
    validation('55555555-5555-4555-8555-555555555555', 3, { day: 2, taskId: DISHES });

    const result = await revoke();

    expect(result).toEqual({ validationId: TARGET, taskId: LUNCH, effectiveLevel: null });
    expect(outbox.appended[0].payload).toMatchObject({ taskId: LUNCH, effectiveLevel: null });
  });

  describe('rejects, storing and appending nothing', () => {
    it('an unknown validation', async () => {
      const { revoke, validation, candidates, internships, outbox } = setup();
      validation(OTHER, 2);

      const error = await rejectionOf(revoke(TARGET));

      expect(error).toBeInstanceOf(ValidationNotFoundError);
      expect(error.code).toBe('VALIDATION_NOT_FOUND');
      expect(internships.validationRows.get(OTHER)?.revoked).toBe(false);
      expect(candidates.stored(CANDIDATE_ID).revision).toBe(3);
      expect(outbox.appended).toEqual([]);
    });

    it('a validation already revoked', async () => {
      const { revoke, validation, candidates, internships, outbox } = setup();
      validation(TARGET, 2, { revoked: true });
      const before = internships.validationRows.get(TARGET);

      const error = await rejectionOf(revoke(TARGET, 'fraud'));

      expect(error).toBeInstanceOf(AlreadyRevokedError);
      expect(error.code).toBe('ALREADY_REVOKED');
      expect(internships.validationRows.get(TARGET)).toEqual(before);
      expect(candidates.stored(CANDIDATE_ID).revision).toBe(3);
      expect(outbox.appended).toEqual([]);
    });
  });

  it('rolls the revocation back when the event cannot be appended', async () => {
    const { revoke, validation, candidates, internships, outbox, dataSource } = setup();
    validation(TARGET, 2);
    jest.spyOn(outbox, 'append').mockRejectedValueOnce(new Error('outbox unavailable'));

    await expect(revoke()).rejects.toThrow('outbox unavailable');

    expect(dataSource.rollbacks).toBe(1);
    expect(internships.validationRows.get(TARGET)?.revoked).toBe(false);
    expect(candidates.stored(CANDIDATE_ID).revision).toBe(3);
  });
});
