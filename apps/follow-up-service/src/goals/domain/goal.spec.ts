import { InvalidFiguresError } from './goal.errors';
import { Goal } from './goal';

const NOW = new Date('2026-03-10T08:00:00Z');
const goal = () =>
  Goal.define(
    {
      id: '11111111-1111-4111-8111-111111111111',
      region: 'se-12',
      countyCode: '12',
      name: 'Halvera arbetslösheten bland utrikes födda kvinnor',
      targetGroup: 'Inskrivna arbetslösa utrikes födda kvinnor',
      baselineMonth: '2025-09',
      targetMonth: '2027-09',
      reductionPercent: 50,
      createdBy: 'analyst:a1',
    },
    NOW,
    '2026-03',
  );

describe(Goal.name, () => {
  it('names every wrong row by line and field and stores none of the set', () => {
    const g = goal();
    let error: InvalidFiguresError | undefined;
    try {
      g.recordFigures(
        [
          { line: 2, municipality: '1283', month: '2025-09', value: '412' },
          { line: 3, municipality: '0180', month: '2025-09', value: '9' },
          { line: 4, municipality: '1282', month: '2025-13', value: '80' },
          { line: 5, municipality: '1282', month: '2025-09', value: '-3' },
          { line: 6, municipality: '1261', month: '2025-12', value: '50' },
        ],
        '2026-03',
        NOW,
      );
    } catch (e) {
      error = e as InvalidFiguresError;
    }
    expect(error).toBeInstanceOf(InvalidFiguresError);
    expect(error!.problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'municipality'],
      [4, 'month'],
      [5, 'value'],
      [6, 'month'],
    ]);
    expect(error!.message).toContain('line 3, municipality: 0180');
    expect(g.toProps().figures.size).toBe(0);
  });

  it('takes a baseline and later months in one set, and a corrected figure replaces the earlier one', () => {
    const g = goal();
    g.recordFigures(
      [
        { line: 2, municipality: '1283', month: '2025-09', value: '412' },
        { line: 3, municipality: '1283', month: '2025-10', value: 405 },
      ],
      '2026-03',
      NOW,
    );
    g.recordFigures([{ line: 2, municipality: '1283', month: '2025-10', value: '400' }], '2026-03', NOW);
    expect([...g.toProps().figures.values()]).toEqual([
      { municipality: '1283', month: '2025-09', value: 412 },
      { municipality: '1283', month: '2025-10', value: 400 },
    ]);
    expect(g.toProps().revision).toBe(3);
  });

  it('refuses months not begun, months before the baseline and the same cell twice', () => {
    const g = goal();
    expect(() =>
      g.recordFigures(
        [
          { line: 2, municipality: '1283', month: '2025-09', value: '1' },
          { line: 3, municipality: '1283', month: '2026-04', value: '1' },
          { line: 4, municipality: '1283', month: '2025-08', value: '1' },
          { line: 5, municipality: '1283', month: '2025-09', value: '2' },
        ],
        '2026-03',
        NOW,
      ),
    ).toThrow(/line 3, month: 2026-04 has not begun.*line 4, month: 2025-08 is before.*line 5, month: 1283 2025-09 is given twice/);
  });
});
