import { CANDIDATE_ID, candidateWorld, CTX, rejectionOf, WORKPLACE_ID } from '../../../../../test/fakes';
import { CandidateNotFoundError } from '../../../../candidates/domain/candidate.errors';
import { InvalidPeriodError, UnknownWorkplaceError } from '../../../domain/internship.errors';
import { StartInternshipCommand } from './start-internship.command';
import { StartInternshipHandler } from './start-internship.handler';

type Input = StartInternshipCommand['input'];

function input(over: Partial<Input> = {}): Input {
  return {
    candidateId: CANDIDATE_ID,
    workplaceId: WORKPLACE_ID,
    supervisorRole: 'kökschef',
    startDate: '2030-03-02',
    endDate: '2030-03-27',
    ...over,
  };
}

function setup(options: { candidate?: boolean; workplace?: boolean } = {}) {
  const world = candidateWorld();
  if (options.candidate !== false) world.seedCandidate();
  if (options.workplace !== false) world.workplaces.seed(WORKPLACE_ID);
  const handler = new StartInternshipHandler(world.dataSource.asDataSource(), world.candidates, world.internships, world.workplaces);
  const start = (over: Partial<Input> = {}) => handler.execute(new StartInternshipCommand(input(over), CTX));
  return { ...world, start };
}

describe(StartInternshipHandler.name, () => {
  it('stores the internship for her at a known workplace, created by the actor, and publishes nothing', async () => {
    const { start, candidates, internships, outbox } = setup();

    const { internshipId } = await start();

    expect(internships.internshipRows.get(internshipId)).toEqual({ internshipId, ...input(), createdBy: CTX.actor });
    expect(candidates.locked).toEqual([CANDIDATE_ID]);
    expect(candidates.stored(CANDIDATE_ID).revision).toBe(3);
    expect(outbox.appended).toEqual([]);
  });

  it('accepts a one-day internship', async () => {
    const { start, internships } = setup();

    const { internshipId } = await start({ startDate: '2030-03-02', endDate: '2030-03-02' });

    expect(internships.internshipRows.get(internshipId)).toMatchObject({ startDate: '2030-03-02', endDate: '2030-03-02' });
  });

  describe('rejects, storing nothing', () => {
    it('an end before the start, before opening a transaction', async () => {
      const { start, internships, dataSource } = setup();

      const error = await rejectionOf(start({ startDate: '2030-03-02', endDate: '2030-03-01' }));

      expect(error).toBeInstanceOf(InvalidPeriodError);
      expect(error.code).toBe('INVALID_PERIOD');
      expect(dataSource.transactions).toEqual([]);
      expect(internships.internshipRows.size).toBe(0);
    });

    it('an unknown workplace', async () => {
      const { start, internships } = setup({ workplace: false });

      const error = await rejectionOf(start());

      expect(error).toBeInstanceOf(UnknownWorkplaceError);
      expect(error.code).toBe('UNKNOWN_WORKPLACE');
      expect(internships.internshipRows.size).toBe(0);
    });

    it('an unknown candidate', async () => {
      const { start, internships } = setup({ candidate: false });

      const error = await rejectionOf(start());

      expect(error).toBeInstanceOf(CandidateNotFoundError);
      expect(error.code).toBe('CANDIDATE_NOT_FOUND');
      expect(internships.internshipRows.size).toBe(0);
    });
  });
});
