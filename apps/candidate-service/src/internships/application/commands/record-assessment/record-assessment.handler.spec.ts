import { CANDIDATE_ID, candidateWorld, CTX, INTERNSHIP_ID, rejectionOf, WORKPLACE_ID } from '../../../../../test/fakes';
import { CandidateNotFoundError } from '../../../../candidates/domain/candidate.errors';
import {
  AssessmentInFutureError,
  AssessmentOutsidePeriodError,
  InternshipNotFoundError,
  InvalidLevelError,
  UnknownTaskError,
} from '../../../domain/internship.errors';
import { RecordAssessmentCommand } from './record-assessment.command';
import { RecordAssessmentHandler } from './record-assessment.handler';

const LUNCH = 'kitchen.serve-school-lunch';
type Input = RecordAssessmentCommand['input'];

function setup(options: { personalData?: boolean; today?: string } = {}) {
  const world = candidateWorld();
  world.seedCandidate();
  if (options.personalData === false) world.candidates.personal.delete(CANDIDATE_ID);
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
  // Noon in Stockholm on `today` (the internship runs 2030-03-02 to 2030-03-27).
  world.clock.set(`${options.today ?? '2030-03-27'}T11:00:00.000Z`);
  const handler = new RecordAssessmentHandler(
    world.dataSource.asDataSource(),
    world.internships,
    world.keys,
    world.candidates,
    world.clock,
  );
  const record = (over: Partial<Input> = {}, internshipId = INTERNSHIP_ID) =>
    handler.execute(new RecordAssessmentCommand(internshipId, { taskId: LUNCH, level: 2, assessedOn: '2030-03-10', ...over }, CTX));
  return { ...world, record };
}

describe(RecordAssessmentHandler.name, () => {
  it('stores the assessment for the internship’s candidate, assessed by the actor, and publishes nothing', async () => {
    const { record, internships, outbox, candidates } = setup();

    const { assessmentId } = await record();

    expect(internships.assessmentRows.get(assessmentId)).toEqual({
      assessmentId,
      internshipId: INTERNSHIP_ID,
      candidateId: CANDIDATE_ID,
      taskId: LUNCH,
      level: 2,
      assessedOn: '2030-03-10',
      comment: null,
      assessedBy: CTX.actor,
    });
    expect(candidates.locked).toEqual([CANDIDATE_ID]);
    expect(outbox.appended).toEqual([]);
  });

  it('seals the comment with her data key, bound to this assessment', async () => {
    const { record, internships, candidates, cipher } = setup();

    const { assessmentId } = await record({ comment: 'Arbetar lugnt och noggrant' });

    const sealed = internships.assessmentRows.get(assessmentId)!.comment!;
    expect(sealed.toString('utf8')).not.toContain('noggrant');
    const dataKey = cipher.unwrap(CANDIDATE_ID, candidates.personal.get(CANDIDATE_ID)!.wrappedDataKey);
    expect(cipher.decryptJson(dataKey, CANDIDATE_ID, `assessment-comment:${assessmentId}`, sealed)).toBe('Arbetar lugnt och noggrant');
    expect(() => cipher.decryptJson(dataKey, CANDIDATE_ID, 'assessment-comment:another', sealed)).toThrow();
  });

  it.each(['2030-03-02', '2030-03-27'])('accepts an assessment on the boundary day %s', async (assessedOn) => {
    const { record, internships } = setup();

    const { assessmentId } = await record({ assessedOn, level: 3 });

    expect(internships.assessmentRows.get(assessmentId)).toMatchObject({ assessedOn, level: 3 });
  });

  describe('rejects, storing nothing', () => {
    it.each([
      ['an unknown task', { taskId: 'kitchen.no-such-task' }, UnknownTaskError, 'UNKNOWN_TASK'],
      ['level 0', { level: 0 }, InvalidLevelError, 'INVALID_LEVEL'],
      ['level 4', { level: 4 }, InvalidLevelError, 'INVALID_LEVEL'],
      ['a fractional level', { level: 1.5 }, InvalidLevelError, 'INVALID_LEVEL'],
      ['a day before the internship', { assessedOn: '2030-03-01' }, AssessmentOutsidePeriodError, 'ASSESSMENT_OUTSIDE_PERIOD'],
      ['a day after the internship', { assessedOn: '2030-03-28' }, AssessmentOutsidePeriodError, 'ASSESSMENT_OUTSIDE_PERIOD'],
    ] as const)('%s', async (_case, over, errorClass, code) => {
      const { record, internships } = setup();

      const error = await rejectionOf(record(over));

      expect(error).toBeInstanceOf(errorClass);
      expect(error.code).toBe(code);
      expect(internships.assessmentRows.size).toBe(0);
    });

    it('a day after today, though within the internship, naming assessedOn and today', async () => {
      const { record, internships } = setup({ today: '2030-03-10' });

      const error = await rejectionOf(record({ assessedOn: '2030-03-11' }));

      expect(error).toBeInstanceOf(AssessmentInFutureError);
      expect(error.code).toBe('ASSESSMENT_IN_FUTURE');
      expect(error.message).toMatch(/^assessedOn: 2030-03-11 is after today \(2030-03-10\)/);
      expect((error as AssessmentInFutureError).details).toEqual({ field: 'assessedOn', today: '2030-03-10' });
      expect(internships.assessmentRows.size).toBe(0);
    });

    it('an unknown internship', async () => {
      const { record, internships } = setup();

      const error = await rejectionOf(record({}, '99999999-9999-4999-8999-999999999999'));

      expect(error).toBeInstanceOf(InternshipNotFoundError);
      expect(error.code).toBe('INTERNSHIP_NOT_FOUND');
      expect(internships.assessmentRows.size).toBe(0);
    });

    it('a comment about a candidate whose data key is gone', async () => {
      const { record, internships } = setup({ personalData: false });

      const error = await rejectionOf(record({ comment: 'Bra' }));

      expect(error).toBeInstanceOf(CandidateNotFoundError);
      expect(error.code).toBe('CANDIDATE_NOT_FOUND');
      expect(internships.assessmentRows.size).toBe(0);
    });
  });
});
