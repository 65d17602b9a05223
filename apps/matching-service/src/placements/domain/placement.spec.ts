import { followUpDueOn, Placement, PlacementProps } from './placement';
import { PlacementDateInvalid, PlacementStateConflict } from './placement.errors';

const started = (over: Partial<PlacementProps> = {}): Placement =>
  Placement.restore({
    placementId: 'pl1',
    proposalId: 'p1',
    needId: 'n1',
    candidateId: 'c1',
    employerId: 'e1',
    placementType: 'internship',
    tenant: 'se-14',
    startDate: '2026-01-10',
    support: { supervisor: true, languageSupport: false, studyCounselling: false },
    status: 'started',
    endDate: null,
    outcome: null,
    followUps: [],
    version: 1,
    ...over,
  });

describe('placement lifecycle', () => {
  it('starts at version 1 with only the three support measures', () => {
    const noisy = { supervisor: true, languageSupport: false, studyCounselling: true, pizzaFridays: true };
    const p = Placement.start({ ...started().toProps(), support: noisy }, '2026-01-10');
    expect(p.toProps()).toMatchObject({ status: 'started', version: 1, followUps: [], endDate: null });
    expect(p.toProps().support).toEqual({ supervisor: true, languageSupport: false, studyCounselling: true });
    expect(p.pullEvents()).toEqual([{ type: 'started', version: 1 }]);
  });

  it('starts on or after the day its proposal was accepted, never before (422 naming both dates)', () => {
    const input = started().toProps();
    expect(() => Placement.start({ ...input, startDate: '2026-01-09' }, '2026-01-10')).toThrow(PlacementDateInvalid);
    try {
      Placement.start({ ...input, startDate: '2026-01-09' }, '2026-01-10');
    } catch (e) {
      expect((e as PlacementDateInvalid).message).toBe(
        'startDate: 2026-01-09 is before the proposal was accepted on 2026-01-10; a placement starts on or after its acceptance',
      );
      expect((e as PlacementDateInvalid).details).toEqual({ field: 'startDate', startDate: '2026-01-09', acceptedOn: '2026-01-10' });
    }
    expect(Placement.start({ ...input, startDate: '2026-01-10' }, '2026-01-10').toProps().startDate).toBe('2026-01-10');
  });

  it('ends a started placement with its outcome', () => {
    const p = started();
    p.end('2026-06-30', 'employed');
    expect(p.toProps()).toMatchObject({ status: 'ended', endDate: '2026-06-30', outcome: 'employed', version: 2 });
    expect(p.pullEvents()).toEqual([{ type: 'ended', version: 2 }]);
  });

  it('refuses to end a placement twice or before it started', () => {
    expect(() => started({ status: 'ended' }).end('2026-06-30', 'employed')).toThrow(PlacementStateConflict);
    expect(() => started().end('2026-01-09', 'interrupted')).toThrow(PlacementDateInvalid);
  });

  it('records each checkpoint once, after the start', () => {
    const p = started();
    p.recordFollowUp(30, 'in-work', '2026-02-10', 'coordinator:c-1');
    expect(p.toProps().followUps.map((f) => f.checkpointDays)).toEqual([30]);
    expect(() => p.recordFollowUp(30, 'other', '2026-02-11', 'coordinator:c-1')).toThrow(PlacementStateConflict);
    p.recordFollowUp(90, 'in-studies', '2026-04-10', 'coordinator:c-1');
    expect(p.toProps().followUps).toEqual([
      { checkpointDays: 30, status: 'in-work', recordedOn: '2026-02-10', recordedBy: 'coordinator:c-1' },
      { checkpointDays: 90, status: 'in-studies', recordedOn: '2026-04-10', recordedBy: 'coordinator:c-1' },
    ]);
    expect(p.pullEvents().map((e) => [e.type, e.version])).toEqual([
      ['follow-up-recorded', 2],
      ['follow-up-recorded', 3],
    ]);
  });

  it('refuses a follow-up before the placement has started', () => {
    expect(() => started({ startDate: '2026-03-01' }).recordFollowUp(30, 'in-work', '2026-02-28', 'coordinator:c-1')).toThrow(
      PlacementStateConflict,
    );
  });

  it('refuses a checkpoint that has not fallen due, saying when it does', () => {
    expect(() => started({ startDate: '2026-05-01' }).recordFollowUp(30, 'in-work', '2026-05-20', 'coordinator:c-1')).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ dueOn: '2026-05-31' }) }),
    );
  });

  it('still takes follow-ups after the placement ended', () => {
    const p = started({ status: 'ended', endDate: '2026-02-01' });
    p.recordFollowUp(180, 'in-work', '2026-08-01', 'coordinator:c-1');
    expect(p.toProps().followUps.map((f) => f.checkpointDays)).toEqual([180]);
  });

  it('forgets the candidate on erasure without an event or a new version', () => {
    const p = started();
    p.forgetCandidate('anon-1');
    expect(p.toProps()).toMatchObject({ candidateId: 'anon-1', version: 1 });
    expect(p.pullEvents()).toEqual([]);
  });
});

describe('followUpDueOn', () => {
  it('counts calendar days from the start, across months and leap days', () => {
    expect(followUpDueOn('2026-01-31', 30)).toBe('2026-03-02');
    expect(followUpDueOn('2027-12-01', 90)).toBe('2028-02-29');
    expect(followUpDueOn('2025-11-21', 180)).toBe('2026-05-20');
  });
});
