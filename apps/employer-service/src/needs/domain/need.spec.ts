import 'reflect-metadata';
import { Need, NeedPolicy, PostNeedInput } from './need';
import {
  EmptyNeedUpdateError,
  InvalidNeedFieldError,
  NeedAlreadyClosedError,
  NeedNotDraftError,
  NeedNotEditableError,
  NeedNotOpenForPlacementError,
  PositionsBelowFilledError,
  StartDateInPastError,
} from './need.errors';

const NOW = new Date('2030-01-10T08:00:00Z');
const LATER = new Date('2030-01-12T08:00:00Z');
const policy = (over: Partial<NeedPolicy> = {}): NeedPolicy => ({
  now: NOW,
  today: '2030-01-10',
  shortage: (_county, occupations) => occupations.includes('5321'),
  ...over,
});

const input = (over: Partial<PostNeedInput> = {}): PostNeedInput => ({
  id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
  employerId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  role: {
    roleId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
    version: 1,
    name: 'Serviceassistent',
    occupations: ['9412', '9111'],
    tasks: [{ taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' }],
  },
  positions: 2,
  workplaceMunicipality: '1496',
  countyCode: '14',
  startDate: '2030-02-01',
  placementType: 'internship',
  support: { supervisorCapacity: 2, pairInternshipAllowed: true, languageSupport: false },
  publish: true,
  ...over,
});

const open = (over: Partial<PostNeedInput> = {}): Need => {
  const need = Need.post(input(over), policy());
  need.pullEvents();
  return need;
};
const draft = (): Need => open({ publish: false });

describe(Need.name, () => {
  describe('posting', () => {
    it('opens at revision 1 and records NeedPosted', () => {
      const need = Need.post(input(), policy());
      expect(need.toProps()).toMatchObject({ status: 'open', revision: 1, positionsFilled: 0, postedAt: NOW, shortage: false });
      expect(need.pullEvents()).toEqual([{ type: 'posted', revision: 1 }]);
      expect(need.pullEvents()).toEqual([]);
    });

    it('keeps a draft private: nothing to publish', () => {
      const need = Need.post(input({ publish: false }), policy());
      expect(need.toProps()).toMatchObject({ status: 'draft', revision: 1, postedAt: null });
      expect(need.pullEvents()).toEqual([]);
    });

    it("judges shortage from the role's occupations in the workplace's county", () => {
      const need = Need.post(input({ role: { ...input().role, occupations: ['9412', '5321'] } }), policy());
      expect(need.toProps().shortage).toBe(true);
    });

    it('accepts a start date of today and rejects yesterday', () => {
      expect(Need.post(input({ startDate: '2030-01-10' }), policy()).status).toBe('open');
      expect(() => Need.post(input({ startDate: '2030-01-09' }), policy())).toThrow(StartDateInPastError);
      expect(() => Need.post(input({ startDate: '2030-01-09' }), policy())).toThrow(/^startDate: 2030-01-09 is in the past/);
    });

    it('rejects a day that is not on the calendar', () => {
      expect(() => Need.post(input({ startDate: '2030-02-30' }), policy())).toThrow(InvalidNeedFieldError);
      expect(() => Need.post(input({ startDate: '2030-2-3' }), policy())).toThrow(InvalidNeedFieldError);
    });

    it.each([0, -1, 1001, 2.5])('rejects %p positions', (positions) => {
      expect(() => Need.post(input({ positions }), policy())).toThrow(/^positions: /);
    });

    it('accepts 1 and 1000 positions', () => {
      expect(Need.post(input({ positions: 1 }), policy()).status).toBe('open');
      expect(Need.post(input({ positions: 1000 }), policy()).status).toBe('open');
    });

    it('rejects an unknown placement type and a supervisor capacity out of range', () => {
      expect(() => Need.post(input({ placementType: 'apprenticeship' as never }), policy())).toThrow(/^placementType: /);
      expect(() => Need.post(input({ support: { ...input().support, supervisorCapacity: -1 } }), policy())).toThrow(
        /^support\.supervisorCapacity: /,
      );
    });
  });

  describe('draft → open', () => {
    it('opens a draft and posts it then, with the next revision', () => {
      const need = draft();
      need.open(policy({ now: LATER, today: '2030-01-12' }));
      expect(need.toProps()).toMatchObject({ status: 'open', revision: 2, postedAt: LATER });
      expect(need.pullEvents()).toEqual([{ type: 'posted', revision: 2 }]);
    });

    it('does not open a draft whose start date has passed meanwhile', () => {
      const need = draft();
      expect(() => need.open(policy({ today: '2030-02-02' }))).toThrow(StartDateInPastError);
      expect(need.status).toBe('draft');
    });

    it('opens only drafts', () => {
      expect(() => open().open(policy())).toThrow(NeedNotDraftError);
    });

    it('recomputes shortage when opened', () => {
      const need = draft();
      need.open(policy({ shortage: () => true }));
      expect(need.toProps().shortage).toBe(true);
    });
  });

  describe('updating', () => {
    it('publishes a published need’s change as NeedUpdated with the next revision', () => {
      const need = open();
      expect(need.update({ positions: 5, placementType: 'employment' }, policy())).toBe(true);
      expect(need.toProps()).toMatchObject({ positions: 5, placementType: 'employment', revision: 2 });
      expect(need.pullEvents()).toEqual([{ type: 'updated', revision: 2 }]);
    });

    it('changes a draft without publishing anything', () => {
      const need = draft();
      need.update({ startDate: '2030-03-01' }, policy());
      expect(need.toProps()).toMatchObject({ startDate: '2030-03-01', revision: 2, status: 'draft' });
      expect(need.pullEvents()).toEqual([]);
    });

    it('reports nothing when nothing changes', () => {
      const need = open();
      expect(need.update({ positions: 2, support: { ...input().support } }, policy())).toBe(false);
      expect(need.revision).toBe(1);
      expect(need.pullEvents()).toEqual([]);
    });

    it('counts a change of the shortage flags as a change', () => {
      const need = open();
      expect(need.update({ positions: 2 }, policy({ shortage: () => true }))).toBe(true);
      expect(need.toProps().shortage).toBe(true);
    });

    it('refuses an empty update', () => {
      expect(() => open().update({}, policy())).toThrow(EmptyNeedUpdateError);
    });

    it('refuses a new start date in the past but keeps an unchanged one that has passed', () => {
      const need = open();
      expect(() => need.update({ startDate: '2030-01-09' }, policy())).toThrow(StartDateInPastError);
      expect(need.update({ startDate: '2030-02-01', positions: 3 }, policy({ today: '2030-03-01' }))).toBe(true);
    });

    it('refuses fewer positions than those already filled plus one', () => {
      const need = open({ positions: 3 });
      need.recordPlacement(NOW);
      need.recordPlacement(NOW);
      expect(() => need.update({ positions: 2 }, policy())).toThrow(PositionsBelowFilledError);
      expect(() => need.update({ positions: 1 }, policy())).toThrow(PositionsBelowFilledError);
      expect(need.update({ positions: 4 }, policy())).toBe(true);
    });

    it.each(['closed', 'filled'] as const)('refuses any change to a %s need', (final) => {
      const need = open({ positions: 1 });
      if (final === 'closed') need.close('withdrawn', NOW);
      else need.recordPlacement(NOW);
      need.pullEvents();
      expect(() => need.update({ positions: 5 }, policy())).toThrow(NeedNotEditableError);
      expect(() => need.update({ positions: 5 }, policy())).toThrow(`status: need dddddddd-dddd-4ddd-8ddd-dddddddddddd is ${final}`);
      expect(need.pullEvents()).toEqual([]);
    });
  });

  describe('closing', () => {
    it('closes an open need and publishes NeedClosed with the reason', () => {
      const need = open();
      need.close('funding-ended', LATER);
      expect(need.toProps()).toMatchObject({ status: 'closed', closeReason: 'funding-ended', revision: 2, updatedAt: LATER });
      expect(need.pullEvents()).toEqual([{ type: 'closed', revision: 2, status: 'closed', reason: 'funding-ended' }]);
    });

    it('discards a draft without publishing', () => {
      const need = draft();
      need.close('withdrawn', NOW);
      expect(need.status).toBe('closed');
      expect(need.pullEvents()).toEqual([]);
    });

    it('does not close twice, nor close a filled need', () => {
      const closed = open();
      closed.close('withdrawn', NOW);
      expect(() => closed.close('other', NOW)).toThrow(NeedAlreadyClosedError);
      const filled = open({ positions: 1 });
      filled.recordPlacement(NOW);
      expect(() => filled.close('other', NOW)).toThrow(NeedAlreadyClosedError);
    });
  });

  describe('placements', () => {
    it('takes one position per placement and publishes the snapshot', () => {
      const need = open({ positions: 2 });
      expect(need.recordPlacement(LATER)).toBe(true);
      expect(need.toProps()).toMatchObject({ positionsFilled: 1, status: 'open', revision: 2 });
      expect(need.pullEvents()).toEqual([{ type: 'updated', revision: 2 }]);
    });

    it('is filled when the last position is taken, and says so with NeedClosed', () => {
      const need = open({ positions: 2 });
      need.recordPlacement(NOW);
      need.recordPlacement(LATER);
      expect(need.toProps()).toMatchObject({ positionsFilled: 2, status: 'filled', closeReason: 'positions-filled', revision: 3 });
      expect(need.pullEvents()).toEqual([
        { type: 'updated', revision: 2 },
        { type: 'closed', revision: 3, status: 'filled', reason: 'positions-filled' },
      ]);
    });

    it('leaves a closed or filled need as it is', () => {
      const filled = open({ positions: 1 });
      filled.recordPlacement(NOW);
      filled.pullEvents();
      expect(filled.recordPlacement(LATER)).toBe(false);
      expect(filled.toProps()).toMatchObject({ positionsFilled: 1, revision: 2, status: 'filled' });
      expect(filled.pullEvents()).toEqual([]);
      const closed = open();
      closed.close('withdrawn', NOW);
      expect(closed.recordPlacement(LATER)).toBe(false);
      expect(closed.toProps().positionsFilled).toBe(0);
    });

    it('refuses a placement on a need never published', () => {
      expect(() => draft().recordPlacement(NOW)).toThrow(NeedNotOpenForPlacementError);
      const discarded = draft();
      discarded.close('withdrawn', NOW);
      expect(() => discarded.recordPlacement(NOW)).toThrow(NeedNotOpenForPlacementError);
    });
  });
});
