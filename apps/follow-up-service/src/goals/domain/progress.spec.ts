import { goalProgress, progressOf } from './progress';

const HALVE = { baselineMonth: '2025-09', targetMonth: '2027-09', reductionPercent: 50 };

describe(progressOf.name, () => {
  it('puts the latest figure against the straight path: 24 months to halve 400, so 350 is planned after 6', () => {
    const p = progressOf(HALVE, 400, { municipality: '1283', month: '2026-03', value: 340 });
    expect(p.target).toBe(200);
    expect(p.planned).toBe(350);
    expect(p.status).toBe('on-track');
    expect(p.pacePerMonth).toBe(-10);
    // 340 → 200 at -10 a month is 14 more months after March 2026.
    expect(p.reachedByAtCurrentPace).toBe('2027-05');
  });

  it('is behind when above the path, and names a month after the target date when the pace is too slow', () => {
    const p = progressOf(HALVE, 400, { municipality: '1283', month: '2026-03', value: 370 });
    expect(p.status).toBe('behind');
    expect(p.pacePerMonth).toBe(-5);
    // 170 more to go at -5 a month: 34 months after March 2026.
    expect(p.reachedByAtCurrentPace).toBe('2029-01');
  });

  it('never reaches the goal when the figure rises or stays', () => {
    expect(progressOf(HALVE, 400, { municipality: '1283', month: '2026-01', value: 410 }).reachedByAtCurrentPace).toBeNull();
    expect(progressOf(HALVE, 400, { municipality: '1283', month: '2026-01', value: 400 }).reachedByAtCurrentPace).toBeNull();
  });

  it('has reached the goal once at or below the target, and past the target month the path stays at the target', () => {
    const p = progressOf(HALVE, 400, { municipality: '1283', month: '2028-01', value: 200 });
    expect(p.status).toBe('reached');
    expect(p.planned).toBe(200);
    expect(p.reachedByAtCurrentPace).toBe('2028-01');
  });

  it('with only the baseline there is no pace yet', () => {
    const p = progressOf(HALVE, 400, undefined);
    expect(p).toMatchObject({ status: 'no-figure-yet', latest: 400, planned: 400, pacePerMonth: null, reachedByAtCurrentPace: null });
  });
});

describe(goalProgress.name, () => {
  it('sums the cooperation over the latest month every municipality has reported', () => {
    const figures = [
      { municipality: '1283', month: '2025-09', value: 400 },
      { municipality: '1282', month: '2025-09', value: 100 },
      { municipality: '1283', month: '2025-12', value: 370 },
      { municipality: '1282', month: '2025-12', value: 80 },
      // Only Helsingborg has reported January: the cooperation still stands at December.
      { municipality: '1283', month: '2026-01', value: 360 },
    ];
    const { municipalities, cooperation } = goalProgress(HALVE, figures);
    expect(municipalities.map((m) => [m.municipality, m.latestMonth, m.latest])).toEqual([
      ['1282', '2025-12', 80],
      ['1283', '2026-01', 360],
    ]);
    expect(cooperation).toMatchObject({ baseline: 500, target: 250, latestMonth: '2025-12', latest: 450, municipalitiesCounted: 2 });
    // Three months of a 24-month path from 500 to 250: 468.8 planned; 450 is on track.
    expect(cooperation.planned).toBe(468.8);
    expect(cooperation.status).toBe('on-track');
  });
});
