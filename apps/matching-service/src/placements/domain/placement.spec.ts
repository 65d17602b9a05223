import { endPlacement, PlacementState, recordFollowUp, followUpDueOn } from './placement';
import { PlacementDateInvalid, PlacementStateConflict } from './placement.errors';

const started = (over: Partial<PlacementState> = {}): PlacementState => ({
  placementId: 'pl1',
  status: 'started',
  startDate: '2026-01-10',
  endDate: null,
  outcome: null,
  checkpointsRecorded: [],
  ...over,
});

describe('placement lifecycle', () => {
  it('ends a started placement with its outcome', () => {
    expect(endPlacement(started(), '2026-06-30', 'employed')).toMatchObject({
      status: 'ended',
      endDate: '2026-06-30',
      outcome: 'employed',
    });
  });

  it('refuses to end a placement twice or before it started', () => {
    expect(() => endPlacement(started({ status: 'ended' }), '2026-06-30', 'employed')).toThrow(PlacementStateConflict);
    expect(() => endPlacement(started(), '2026-01-09', 'interrupted')).toThrow(PlacementDateInvalid);
  });

  it('records each checkpoint once, after the start', () => {
    const once = recordFollowUp(started(), 30, '2026-02-10');
    expect(once.checkpointsRecorded).toEqual([30]);
    expect(() => recordFollowUp(once, 30, '2026-02-11')).toThrow(PlacementStateConflict);
    expect(recordFollowUp(once, 90, '2026-04-10').checkpointsRecorded).toEqual([30, 90]);
  });

  it('refuses a follow-up before the placement has started', () => {
    expect(() => recordFollowUp(started({ startDate: '2026-03-01' }), 30, '2026-02-28')).toThrow(PlacementStateConflict);
  });

  it('still takes follow-ups after the placement ended', () => {
    expect(recordFollowUp(started({ status: 'ended', endDate: '2026-02-01' }), 180, '2026-08-01').checkpointsRecorded).toEqual([180]);
  });
});

describe('followUpDueOn', () => {
  it('counts calendar days from the start, across months and leap days', () => {
    expect(followUpDueOn('2026-01-31', 30)).toBe('2026-03-02');
    expect(followUpDueOn('2027-12-01', 90)).toBe('2028-02-29');
    expect(followUpDueOn('2025-11-21', 180)).toBe('2026-05-20');
  });
});
