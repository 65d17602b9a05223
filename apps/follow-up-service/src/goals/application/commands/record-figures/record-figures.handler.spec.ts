import { goalWorld } from '../../../../../test/fakes';
import { Goal } from '../../../domain/goal';
import { GoalNotFoundError, InvalidFiguresError } from '../../../domain/goal.errors';
import { RecordFiguresCommand } from './record-figures.command';
import { RecordFiguresHandler } from './record-figures.handler';

const GOAL_ID = '11111111-1111-4111-8111-111111111111';
const CTX = { actor: 'analyst-1', correlationId: 'c-1' };

function setup(now?: Date) {
  const world = goalWorld(now);
  const goal = Goal.define(
    {
      id: GOAL_ID,
      region: 'se-14',
      countyCode: '14',
      name: 'Halve it',
      targetGroup: 'foreign-born women',
      baselineMonth: '2029-09',
      targetMonth: '2031-09',
      reductionPercent: 50,
      createdBy: 'analyst-1',
    },
    new Date('2029-10-01T08:00:00Z'),
    '2029-10',
  );
  goal.recordFigures([{ line: 2, municipality: '1480', month: '2029-09', value: 1200 }], '2029-10', new Date('2029-10-01T08:00:00Z'));
  world.goals.rows.set(GOAL_ID, goal.toProps());
  const handler = new RecordFiguresHandler(world.dataSource.asDataSource(), world.goals, world.clock);
  const record = (rows: ConstructorParameters<typeof RecordFiguresCommand>[2], goalId = GOAL_ID, region = world.region) =>
    handler.execute(new RecordFiguresCommand(region, goalId, rows, CTX));
  return { ...world, record };
}

describe(RecordFiguresHandler.name, () => {
  it('records monthly figures on the locked goal; a corrected figure replaces the earlier one', async () => {
    const { record, goals } = setup();

    const { recorded } = await record([
      { line: 2, municipality: '1480', month: '2030-02', value: '1100' },
      { line: 3, municipality: '1480', month: '2029-09', value: 1250 },
    ]);

    expect(recorded).toEqual([
      { municipality: '1480', month: '2030-02', value: 1100 },
      { municipality: '1480', month: '2029-09', value: 1250 },
    ]);
    expect(goals.locked).toEqual([GOAL_ID]);
    expect(goals.rows.get(GOAL_ID)?.figures.get('1480|2029-09')).toEqual({ municipality: '1480', month: '2029-09', value: 1250 });
    expect(goals.rows.get(GOAL_ID)?.revision).toBe(3);
  });

  it("refuses a month that has not begun in Sweden, and stores none of the set's rows", async () => {
    const { record, goals } = setup(new Date('2030-03-31T21:30:00Z'));

    const error = await record([
      { line: 2, municipality: '1480', month: '2030-03', value: 1000 },
      { line: 3, municipality: '1480', month: '2030-04', value: 990 },
    ]).catch((e) => e);

    expect(error).toBeInstanceOf(InvalidFiguresError);
    expect(error.message).toBe('line 3, month: 2030-04 has not begun yet (this month is 2030-03)');
    expect(goals.rows.get(GOAL_ID)?.figures.has('1480|2030-03')).toBe(false);
  });

  it("says so for a goal that is not the region's", async () => {
    const { record, region } = setup();

    await expect(
      record([{ line: 2, municipality: '1480', month: '2030-02', value: 1 }], GOAL_ID, { ...region, tenant: 'se-12' }),
    ).rejects.toThrow(GoalNotFoundError);
  });
});
