import { whereToTrain } from './where-to-train';

const LUNCH = 'kitchen.serve-school-lunch';
const DISHES = 'kitchen.dishwashing';

describe(whereToTrain.name, () => {
  const need = (needId: string, municipality: string, positionsLeft: number) => ({
    needId,
    municipality,
    positionsLeft,
    tasks: [
      { taskId: LUNCH, requiredLevel: 2 as const, weight: 'must-have' as const },
      { taskId: DISHES, requiredLevel: 1 as const, weight: 'must-have' as const },
    ],
  });
  const person = (candidateId: string, municipality: string, levels: Record<string, 1 | 2 | 3>, maxCommuteMinutes = 60) => ({
    candidateId,
    municipality,
    maxCommuteMinutes,
    levels,
  });

  it('counts who lacks each task within commute, who is one step away, and the positions that step would open', () => {
    const rows = whereToTrain(
      [need('n1', '1283', 2), need('n2', '1282', 1)],
      [
        // One step from both needs: lunch at level 2 is all she lacks.
        person('a', '1283', { [DISHES]: 1, [LUNCH]: 1 }),
        person('b', '1283', { [DISHES]: 2 }),
        person('c', '1283', { [DISHES]: 1 }),
        // Lacks both: two steps away, counts as lacking each but one step from nothing.
        person('d', '1283', {}),
        // Too far from either need (Stockholm).
        person('e', '0180', { [DISHES]: 1 }),
      ],
    );
    const lunch = rows.find((r) => r.taskId === LUNCH)!;
    expect(lunch).toMatchObject({ needsAsking: 2, positionsAsking: 3, candidatesLacking: 4, candidatesOneStepAway: 3 });
    // n1 has 2 positions for 3 one step away, n2 has 1: 3 positions would open.
    expect(lunch.positionsThatWouldOpen).toBe(3);
    expect(rows.find((r) => r.taskId === DISHES)).toMatchObject({
      candidatesLacking: 1,
      candidatesOneStepAway: 0,
      positionsThatWouldOpen: 0,
    });
  });

  it('ignores needs without positions left', () => {
    expect(whereToTrain([need('n1', '1283', 0)], [person('a', '1283', {})])).toEqual([]);
  });
});
