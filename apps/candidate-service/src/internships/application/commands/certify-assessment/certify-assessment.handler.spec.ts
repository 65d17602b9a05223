import { TaskValidatedV1 } from '@jobbspar/contracts';
import { CANDIDATE_ID, candidateWorld, CTX, INTERNSHIP_ID, rejectionOf, WORKPLACE_ID } from '../../../../../test/fakes';
import { CandidateNotFoundError } from '../../../../candidates/domain/candidate.errors';
import type { TaskLevel } from '../../../domain/internship';
import { AlreadyCertifiedError, AssessmentInFutureError, AssessmentNotFoundError } from '../../../domain/internship.errors';
import { CertifyAssessmentCommand } from './certify-assessment.command';
import { CertifyAssessmentHandler } from './certify-assessment.handler';

const ASSESSMENT_ID = '33333333-3333-4333-8333-333333333333';
const EARLIER_ID = '44444444-4444-4444-8444-444444444444';
const LUNCH = 'kitchen.serve-school-lunch';
const DISHES = 'kitchen.dishwashing';

/** The day the coordinator certifies, after the assessment (2030-03-10) in the specs below unless they say otherwise. */
const CERTIFIED_AT = new Date('2030-03-12T09:00:00.000Z');

function setup(level: TaskLevel = 2, options: { candidate?: boolean; now?: Date } = {}) {
  const world = candidateWorld();
  if (options.candidate !== false) world.seedCandidate();
  world.workplaces.seed(WORKPLACE_ID);
  world.internships.internshipRows.set(INTERNSHIP_ID, {
    internshipId: INTERNSHIP_ID,
    candidateId: CANDIDATE_ID,
    workplaceId: WORKPLACE_ID,
    supervisorRole: 'kökschef',
    startDate: '2030-03-02',
    endDate: '2030-03-27',
    createdBy: 'coordinator:seed',
  });
  world.internships.assessmentRows.set(ASSESSMENT_ID, {
    assessmentId: ASSESSMENT_ID,
    internshipId: INTERNSHIP_ID,
    candidateId: CANDIDATE_ID,
    taskId: LUNCH,
    level,
    assessedOn: '2030-03-10',
    comment: null,
    assessedBy: 'supervisor:s-1',
  });
  const earlier = (level: TaskLevel, revoked = false, taskId = LUNCH) =>
    world.internships.seedValidation({
      validationId: EARLIER_ID,
      candidateId: CANDIDATE_ID,
      taskId,
      level,
      revoked,
      certifiedAt: '2030-02-01T08:00:00.000Z',
    });
  world.clock.set(options.now ?? CERTIFIED_AT);
  const handler = new CertifyAssessmentHandler(
    world.dataSource.asDataSource(),
    world.candidates,
    world.internships,
    world.outbox,
    world.clock,
  );
  const certify = (assessmentId = ASSESSMENT_ID) => handler.execute(new CertifyAssessmentCommand(assessmentId, CTX));
  return { ...world, earlier, certify };
}

describe(CertifyAssessmentHandler.name, () => {
  it('certifies a first assessment, stores the validation and appends TaskValidated at her next revision', async () => {
    const { certify, candidates, internships, outbox, dataSource } = setup(2);

    const result = await certify();

    expect(result).toEqual({
      validationId: expect.any(String),
      candidateId: CANDIDATE_ID,
      taskId: LUNCH,
      level: 2,
      effectiveLevel: 2,
      supersedes: null,
    });
    expect(internships.validationRows.get(result.validationId)).toMatchObject({
      assessmentId: ASSESSMENT_ID,
      candidateId: CANDIDATE_ID,
      taskId: LUNCH,
      level: 2,
      assessedOn: '2030-03-10',
      workplaceId: WORKPLACE_ID,
      supersedes: null,
      revoked: false,
      certifiedBy: CTX.actor,
      certifiedAt: CERTIFIED_AT.toISOString(),
    });
    expect(candidates.locked).toEqual([CANDIDATE_ID]);
    expect(candidates.stored(CANDIDATE_ID).revision).toBe(4);
    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(TaskValidatedV1);
    expect(event.em).toBe(dataSource.transactions[0]);
    expect(event.payload).toEqual({
      validationId: result.validationId,
      candidateId: CANDIDATE_ID,
      taskId: LUNCH,
      level: 2,
      effectiveLevel: 2,
      assessedOn: '2030-03-10',
      workplaceId: WORKPLACE_ID,
    });
    expect(event.envelope).toMatchObject({
      tenant: 'se-14',
      aggregateId: CANDIDATE_ID,
      aggregateVersion: 4,
      actor: CTX.actor,
      correlationId: CTX.correlationId,
    });
  });

  it('a higher level supersedes the validation that counted so far', async () => {
    const { certify, earlier, internships, outbox } = setup(3);
    earlier(1);

    const result = await certify();

    expect(result).toMatchObject({ level: 3, effectiveLevel: 3, supersedes: EARLIER_ID });
    expect(internships.validationRows.get(result.validationId)?.supersedes).toBe(EARLIER_ID);
    expect(outbox.appended[0].payload).toMatchObject({ level: 3, effectiveLevel: 3, supersedes: EARLIER_ID });
  });

  it.each([
    ['a lower level', 3 as TaskLevel, 2 as TaskLevel, 3],
    ['the same level', 2 as TaskLevel, 2 as TaskLevel, 2],
  ])('%s neither lowers her effective level nor supersedes anything', async (_case, before, added, effective) => {
    const { certify, earlier, internships, outbox } = setup(added);
    earlier(before);

    const result = await certify();

    expect(result).toMatchObject({ level: added, effectiveLevel: effective, supersedes: null });
    expect(internships.validationRows.get(result.validationId)?.supersedes).toBeNull();
    expect(outbox.appended[0].payload).toMatchObject({ level: added, effectiveLevel: effective });
    expect(outbox.appended[0].payload).not.toHaveProperty('supersedes');
  });

  it('ignores a revoked validation and validations on other tasks', async () => {
    const { certify, earlier, internships, outbox } = setup(1);
    earlier(3, true);
    internships.seedValidation({
      validationId: '55555555-5555-4555-8555-555555555555',
      candidateId: CANDIDATE_ID,
      taskId: DISHES,
      level: 3,
      certifiedAt: '2030-02-02T08:00:00.000Z',
    });

    const result = await certify();

    expect(result).toMatchObject({ level: 1, effectiveLevel: 1, supersedes: null });
    expect(outbox.appended[0].payload).toMatchObject({ taskId: LUNCH, effectiveLevel: 1 });
  });

  describe('rejects, storing and appending nothing', () => {
    it('an unknown assessment', async () => {
      const { certify, candidates, internships, outbox } = setup();

      const error = await rejectionOf(certify('66666666-6666-4666-8666-666666666666'));

      expect(error).toBeInstanceOf(AssessmentNotFoundError);
      expect(error.code).toBe('ASSESSMENT_NOT_FOUND');
      expect(internships.validationRows.size).toBe(0);
      expect(candidates.stored(CANDIDATE_ID).revision).toBe(3);
      expect(outbox.appended).toEqual([]);
    });

    it('an assessment already certified', async () => {
      const { certify, candidates, internships, outbox } = setup(2);
      await certify();
      const [first] = internships.validationRows.keys();
      outbox.appended = [];

      const error = await rejectionOf(certify());

      expect(error).toBeInstanceOf(AlreadyCertifiedError);
      expect(error.code).toBe('ALREADY_CERTIFIED');
      expect((error as AlreadyCertifiedError).details).toMatchObject({ validationId: first });
      expect([...internships.validationRows.keys()]).toEqual([first]);
      expect(candidates.stored(CANDIDATE_ID).revision).toBe(4);
      expect(outbox.appended).toEqual([]);
    });

    it('an assessment dated after today (stored before the rule), naming the date, until its day has come', async () => {
      const early = setup(2, { now: new Date('2030-03-09T12:00:00.000Z') });

      const error = await rejectionOf(early.certify());

      expect(error).toBeInstanceOf(AssessmentInFutureError);
      expect(error.code).toBe('ASSESSMENT_IN_FUTURE');
      expect(error.message).toBe('assessedOn: 2030-03-10 is after today (2030-03-09); a task is assessed once it has been performed');
      expect(early.internships.validationRows.size).toBe(0);
      expect(early.outbox.appended).toEqual([]);
      // Just after midnight in Sweden (still the 9th in UTC) the day has come.
      const onTheDay = setup(2, { now: new Date('2030-03-09T23:30:00.000Z') });
      await expect(onTheDay.certify()).resolves.toMatchObject({ level: 2 });
    });

    it('an assessment of a candidate who is no longer there', async () => {
      const { certify, internships, outbox } = setup(2, { candidate: false });

      const error = await rejectionOf(certify());

      expect(error).toBeInstanceOf(CandidateNotFoundError);
      expect(error.code).toBe('CANDIDATE_NOT_FOUND');
      expect(internships.validationRows.size).toBe(0);
      expect(outbox.appended).toEqual([]);
    });
  });

  it('rolls the validation and the revision back when the event cannot be appended', async () => {
    const { certify, candidates, internships, outbox, dataSource } = setup(2);
    jest.spyOn(outbox, 'append').mockRejectedValueOnce(new Error('outbox unavailable'));

    await expect(certify()).rejects.toThrow('outbox unavailable');

    expect(dataSource.rollbacks).toBe(1);
    expect(internships.validationRows.size).toBe(0);
    expect(candidates.stored(CANDIDATE_ID).revision).toBe(3);
  });
});
