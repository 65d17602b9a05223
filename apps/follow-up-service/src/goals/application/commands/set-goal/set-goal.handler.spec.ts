import { goalWorld } from '../../../../../test/fakes';
import { InvalidFiguresError, InvalidGoalError } from '../../../domain/goal.errors';
import { SetGoalCommand, type SetGoalInput } from './set-goal.command';
import { SetGoalHandler } from './set-goal.handler';

const INPUT: SetGoalInput = {
  name: 'Halve unemployment among foreign-born women',
  targetGroup: 'foreign-born women, registered unemployed',
  baselineMonth: '2029-09',
  targetMonth: '2031-09',
  reductionPercent: 50,
  baselines: [
    { municipality: '1480', value: 1200 },
    { municipality: '1401', value: 80 },
  ],
};

function setup(now?: Date) {
  const world = goalWorld(now);
  const handler = new SetGoalHandler(world.dataSource.asDataSource(), world.goals, world.clock);
  const set = (input: Partial<SetGoalInput> = {}) =>
    handler.execute(new SetGoalCommand(world.region, { ...INPUT, ...input }, { actor: 'analyst-1', correlationId: 'c-1' }));
  return { ...world, set };
}

describe(SetGoalHandler.name, () => {
  it('stores the goal of the region with its baselines, in one transaction', async () => {
    const { set, goals, dataSource } = setup();

    const { goalId } = await set();

    const stored = goals.rows.get(goalId)!;
    expect(stored).toMatchObject({ region: 'se-14', countyCode: '14', name: INPUT.name, reductionPercent: 50, createdBy: 'analyst-1' });
    expect([...stored.figures.values()]).toEqual([
      { municipality: '1480', month: '2029-09', value: 1200 },
      { municipality: '1401', month: '2029-09', value: 80 },
    ]);
    expect(dataSource.transactions).toHaveLength(1);
  });

  it("judges months by Sweden's calendar: just after midnight on 1 April in Stockholm, April has begun", async () => {
    // 22:30 UTC on 31 March is 00:30 on 1 April in Sweden (summer time).
    const { set, goals } = setup(new Date('2030-03-31T22:30:00Z'));

    const { goalId } = await set({ baselineMonth: '2030-04', targetMonth: '2031-04', baselines: [] });

    expect(goals.rows.get(goalId)?.baselineMonth).toBe('2030-04');
    await expect(setup(new Date('2030-03-31T21:30:00Z')).set({ baselineMonth: '2030-04', baselines: [] })).rejects.toThrow(
      InvalidGoalError,
    );
  });

  it('stores nothing when a baseline is wrong: the whole set is refused, naming the line', async () => {
    const { set, goals } = setup();

    const error = await set({
      baselines: [
        { municipality: '1480', value: 10 },
        { municipality: '0180', value: 5 },
      ],
    }).catch((e) => e);

    expect(error).toBeInstanceOf(InvalidFiguresError);
    expect(error.message).toMatch(/^line 2, municipality: 0180 \(Stockholm\) is not in this region/);
    expect(goals.rows.size).toBe(0);
  });
});
