import { FollowUpRecordedV1, PlacementEndedV1, PlacementStartedV1, SupportMeasuresV1 } from '@jobbspar/contracts';
import { ProposalNotFound, ProposalStateConflict } from '../../proposals/domain/proposal.errors';
import { fakeWorld, PlacementRow, proposalRow } from '../../testing/fakes';
import { PlacementDateInvalid, PlacementNotFound, PlacementStateConflict } from '../domain/placement.errors';
import { PlacementsService } from './placements.service';

const ctx = { actor: 'employer-user:anna-1', correlationId: 'corr-placement-01' };
const PROPOSAL = '6f1c1f8e-0000-4000-8000-000000000001';
const NEED = '6f1c1f8e-0000-4000-8000-0000000000a1';
const CANDIDATE = '6f1c1f8e-0000-4000-8000-0000000000c1';
const EMPLOYER = '6f1c1f8e-0000-4000-8000-0000000000e1';
const PLACEMENT = '6f1c1f8e-0000-4000-8000-0000000000b1';
const OTHER_PLACEMENT = '6f1c1f8e-0000-4000-8000-0000000000b2';
const UNKNOWN = '6f1c1f8e-0000-4000-8000-00000000ffff';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const support: SupportMeasuresV1 = { supervisor: true, languageSupport: false, studyCounselling: true };

function placementRow(over: Partial<PlacementRow> = {}): PlacementRow {
  return {
    placement_id: PLACEMENT,
    proposal_id: PROPOSAL,
    need_id: NEED,
    candidate_id: CANDIDATE,
    employer_id: EMPLOYER,
    placement_type: 'internship',
    tenant: 'se-uppsala',
    start_date: '2026-02-01',
    support,
    status: 'started',
    end_date: null,
    outcome: null,
    version: 1,
    ...over,
  };
}

function setup() {
  const world = fakeWorld();
  world.db.proposals.set(
    PROPOSAL,
    proposalRow({
      proposal_id: PROPOSAL,
      need_id: NEED,
      candidate_id: CANDIDATE,
      status: 'accepted',
      reviewed_by: 'employer-user:bo-2',
      version: 2,
    }),
  );
  world.db.needs.set(NEED, { need_id: NEED, snapshot: { needId: NEED, employerId: EMPLOYER, placementType: 'internship' } });
  const service = new PlacementsService(world.dataSource.asDataSource(), world.outbox.asOutbox(), world.engine.asEngine());
  return { ...world, service };
}

/** Everything a failed command must leave as it was. */
function state(world: ReturnType<typeof setup>) {
  return structuredClone({
    proposals: world.db.proposals,
    placements: world.db.placements,
    followUps: world.db.followUps,
    appended: world.outbox.appended.length,
  });
}

describe(PlacementsService.name, () => {
  describe('start', () => {
    it('places an accepted proposal: stores the placement from the need snapshot and publishes PlacementStarted', async () => {
      const world = setup();

      const view = await world.service.start(PROPOSAL, { startDate: '2026-03-02', support }, ctx);

      expect(view.placementId).toMatch(UUID);
      expect(view).toEqual({
        placementId: view.placementId,
        proposalId: PROPOSAL,
        needId: NEED,
        candidateId: CANDIDATE,
        employerId: EMPLOYER,
        placementType: 'internship',
        startDate: '2026-03-02',
        support,
        status: 'started',
        endDate: null,
        outcome: null,
        followUps: [],
      });
      expect([...world.db.placements.keys()]).toEqual([view.placementId]);
      expect(world.db.placements.get(view.placementId)).toMatchObject({ tenant: 'se-uppsala', version: 1 });
      // The proposal is placed; placing records no reviewer, so the one who accepted stays.
      expect(world.db.proposals.get(PROPOSAL)).toMatchObject({ status: 'placed', reviewed_by: 'employer-user:bo-2', version: 3 });

      expect(world.outbox.appended).toHaveLength(1);
      const [event] = world.outbox.appended;
      expect(event.contract).toBe(PlacementStartedV1);
      expect(event.payload).toEqual({
        placementId: view.placementId,
        proposalId: PROPOSAL,
        needId: NEED,
        candidateId: CANDIDATE,
        employerId: EMPLOYER,
        placementType: 'internship',
        startDate: '2026-03-02',
        support,
      });
      expect(event.ctx).toEqual({ tenant: 'se-uppsala', aggregateId: view.placementId, aggregateVersion: 1, ...ctx });
    });

    it('takes the matching lock in its transaction before touching the proposal', async () => {
      const world = setup();

      await world.service.start(PROPOSAL, { startDate: '2026-03-02', support }, ctx);

      expect(world.db.journal.slice(0, 2)).toEqual(['engine.enter', 'proposals.select-for-update']);
      expect(world.engine.entered).toEqual([{ em: world.outbox.appended[0].em, cause: ctx }]);
    });

    it('keeps only the three support measures, so extra input never reaches the store or the event', async () => {
      const world = setup();
      const noisy = { ...support, pizzaFridays: true } as SupportMeasuresV1;

      const view = await world.service.start(PROPOSAL, { startDate: '2026-03-02', support: noisy }, ctx);

      expect(world.db.placements.get(view.placementId)!.support).toEqual(support);
      expect(world.outbox.appended[0].payload.support).toEqual(support);
    });

    it('rejects an unknown proposal with PROPOSAL_NOT_FOUND, storing and publishing nothing', async () => {
      const world = setup();
      const before = state(world);

      const attempt = world.service.start(UNKNOWN, { startDate: '2026-03-02', support }, ctx);

      await expect(attempt).rejects.toBeInstanceOf(ProposalNotFound);
      await expect(attempt).rejects.toMatchObject({ code: 'PROPOSAL_NOT_FOUND' });
      expect(state(world)).toEqual(before);
      expect(world.outbox.appended).toEqual([]);
    });

    it.each(['proposed', 'rejected', 'withdrawn', 'placed'])(
      'refuses to place a %s proposal with PROPOSAL_STATE_CONFLICT',
      async (status) => {
        const world = setup();
        world.db.proposals.get(PROPOSAL)!.status = status;
        const before = state(world);

        const attempt = world.service.start(PROPOSAL, { startDate: '2026-03-02', support }, ctx);

        await expect(attempt).rejects.toBeInstanceOf(ProposalStateConflict);
        await expect(attempt).rejects.toMatchObject({ code: 'PROPOSAL_STATE_CONFLICT', details: { status, action: 'start a placement' } });
        expect(state(world)).toEqual(before);
        expect(world.outbox.appended).toEqual([]);
      },
    );

    it('refuses a second placement of the same proposal', async () => {
      const world = setup();
      await world.service.start(PROPOSAL, { startDate: '2026-03-02', support }, ctx);

      await expect(world.service.start(PROPOSAL, { startDate: '2026-03-09', support }, ctx)).rejects.toMatchObject({
        code: 'PROPOSAL_STATE_CONFLICT',
      });

      expect(world.db.placements.size).toBe(1);
      expect(world.outbox.appended).toHaveLength(1);
    });

    it.each([
      ['not known here', undefined],
      ['known without a snapshot', null],
    ])('refuses with PLACEMENT_STATE_CONFLICT when the need is %s, and leaves the proposal accepted', async (_, snapshot) => {
      const world = setup();
      if (snapshot === undefined) world.db.needs.clear();
      else world.db.needs.set(NEED, { need_id: NEED, snapshot });
      const before = state(world);

      const attempt = world.service.start(PROPOSAL, { startDate: '2026-03-02', support }, ctx);

      await expect(attempt).rejects.toBeInstanceOf(PlacementStateConflict);
      await expect(attempt).rejects.toMatchObject({ code: 'PLACEMENT_STATE_CONFLICT', details: { needId: NEED } });
      expect(state(world)).toEqual(before);
      expect(world.db.proposals.get(PROPOSAL)!.status).toBe('accepted');
      expect(world.outbox.appended).toEqual([]);
    });
  });

  describe('end', () => {
    it('ends a started placement with its outcome and publishes PlacementEnded at the next version', async () => {
      const world = setup();
      world.db.placements.set(PLACEMENT, placementRow({ version: 3 }));

      const view = await world.service.end(PLACEMENT, { endDate: '2026-07-31', outcome: 'employed' }, ctx);

      expect(world.db.placements.get(PLACEMENT)).toMatchObject({
        status: 'ended',
        end_date: '2026-07-31',
        outcome: 'employed',
        version: 4,
      });
      expect(view).toMatchObject({ placementId: PLACEMENT, status: 'ended', endDate: '2026-07-31', outcome: 'employed' });
      expect(world.outbox.appended.map((e) => e.contract)).toEqual([PlacementEndedV1]);
      expect(world.outbox.appended[0].payload).toEqual({
        placementId: PLACEMENT,
        needId: NEED,
        candidateId: CANDIDATE,
        endDate: '2026-07-31',
        outcome: 'employed',
      });
      expect(world.outbox.appended[0].ctx).toEqual({ tenant: 'se-uppsala', aggregateId: PLACEMENT, aggregateVersion: 4, ...ctx });
      // The placement no longer holds one of her slots: matching re-solves her capacity in the same transaction.
      expect(world.engine.commitments.map((c) => [c.candidateId, c.em])).toEqual([[CANDIDATE, world.outbox.appended[0].em]]);
    });

    it('accepts an end on the start date itself', async () => {
      const world = setup();
      world.db.placements.set(PLACEMENT, placementRow({ start_date: '2026-02-01' }));

      await world.service.end(PLACEMENT, { endDate: '2026-02-01', outcome: 'interrupted' }, ctx);

      expect(world.db.placements.get(PLACEMENT)).toMatchObject({ status: 'ended', end_date: '2026-02-01', outcome: 'interrupted' });
    });

    it('rejects an end before the start with PLACEMENT_DATE_INVALID, storing and publishing nothing', async () => {
      const world = setup();
      world.db.placements.set(PLACEMENT, placementRow({ start_date: '2026-02-01' }));
      const before = state(world);

      const attempt = world.service.end(PLACEMENT, { endDate: '2026-01-31', outcome: 'interrupted' }, ctx);

      await expect(attempt).rejects.toBeInstanceOf(PlacementDateInvalid);
      await expect(attempt).rejects.toMatchObject({ code: 'PLACEMENT_DATE_INVALID', details: { field: 'endDate' } });
      expect(state(world)).toEqual(before);
      expect(world.outbox.appended).toEqual([]);
    });

    it('refuses to end a placement twice with PLACEMENT_STATE_CONFLICT', async () => {
      const world = setup();
      world.db.placements.set(PLACEMENT, placementRow({ status: 'ended', end_date: '2026-06-30', outcome: 'employed', version: 2 }));
      const before = state(world);

      const attempt = world.service.end(PLACEMENT, { endDate: '2026-07-31', outcome: 'interrupted' }, ctx);

      await expect(attempt).rejects.toBeInstanceOf(PlacementStateConflict);
      await expect(attempt).rejects.toMatchObject({ code: 'PLACEMENT_STATE_CONFLICT', details: { placementId: PLACEMENT } });
      expect(state(world)).toEqual(before);
      expect(world.outbox.appended).toEqual([]);
    });

    it('rejects an unknown placement with PLACEMENT_NOT_FOUND', async () => {
      const world = setup();
      world.db.placements.set(PLACEMENT, placementRow());
      const before = state(world);

      const attempt = world.service.end(UNKNOWN, { endDate: '2026-07-31', outcome: 'employed' }, ctx);

      await expect(attempt).rejects.toBeInstanceOf(PlacementNotFound);
      await expect(attempt).rejects.toMatchObject({ code: 'PLACEMENT_NOT_FOUND', details: { placementId: UNKNOWN } });
      expect(state(world)).toEqual(before);
    });
  });

  describe('followUp', () => {
    beforeEach(() => {
      // Only Date is faked: the recorded day is "today", pinned so the spec does not depend on when it runs.
      jest.useFakeTimers({
        now: new Date('2026-05-20T10:00:00Z'),
        doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout'],
      });
    });
    afterEach(() => {
      jest.useRealTimers();
    });

    it("records a checkpoint on today's date by the acting user and publishes FollowUpRecorded", async () => {
      const world = setup();
      world.db.placements.set(PLACEMENT, placementRow({ version: 2 }));

      const view = await world.service.followUp(PLACEMENT, { checkpointDays: 90, status: 'in-work' }, ctx);

      expect(world.db.followUps).toEqual([
        { placement_id: PLACEMENT, checkpoint_days: 90, status: 'in-work', recorded_on: '2026-05-20', recorded_by: ctx.actor },
      ]);
      expect(world.db.placements.get(PLACEMENT)!.version).toBe(3);
      expect(view.followUps).toEqual([{ checkpointDays: 90, status: 'in-work', recordedOn: '2026-05-20' }]);
      expect(world.outbox.appended.map((e) => e.contract)).toEqual([FollowUpRecordedV1]);
      expect(world.outbox.appended[0].payload).toEqual({
        placementId: PLACEMENT,
        candidateId: CANDIDATE,
        checkpointDays: 90,
        status: 'in-work',
        recordedOn: '2026-05-20',
      });
      expect(world.outbox.appended[0].ctx).toEqual({ tenant: 'se-uppsala', aggregateId: PLACEMENT, aggregateVersion: 3, ...ctx });
    });

    it('numbers successive events of one placement without gaps: follow-ups, then the end', async () => {
      const world = setup();
      world.db.placements.set(PLACEMENT, placementRow({ version: 1 }));

      await world.service.followUp(PLACEMENT, { checkpointDays: 30, status: 'in-work' }, ctx);
      await world.service.followUp(PLACEMENT, { checkpointDays: 90, status: 'in-studies' }, ctx);
      await world.service.end(PLACEMENT, { endDate: '2026-05-20', outcome: 'continued-studies' }, ctx);

      expect(world.outbox.appended.map((e) => [e.contract.type, e.ctx.aggregateVersion])).toEqual([
        ['FollowUpRecorded', 2],
        ['FollowUpRecorded', 3],
        ['PlacementEnded', 4],
      ]);
    });

    it('refuses a checkpoint already recorded with PLACEMENT_STATE_CONFLICT, storing and publishing nothing', async () => {
      const world = setup();
      world.db.placements.set(PLACEMENT, placementRow());
      await world.service.followUp(PLACEMENT, { checkpointDays: 30, status: 'in-work' }, ctx);
      const before = state(world);

      const attempt = world.service.followUp(PLACEMENT, { checkpointDays: 30, status: 'other' }, ctx);

      await expect(attempt).rejects.toBeInstanceOf(PlacementStateConflict);
      await expect(attempt).rejects.toMatchObject({
        code: 'PLACEMENT_STATE_CONFLICT',
        details: { placementId: PLACEMENT, checkpointDays: 30 },
      });
      expect(state(world)).toEqual(before);
    });

    it("does not count another placement's checkpoints", async () => {
      const world = setup();
      world.db.placements.set(PLACEMENT, placementRow());
      world.db.followUps.push({
        placement_id: OTHER_PLACEMENT,
        checkpoint_days: 30,
        status: 'in-work',
        recorded_on: '2026-03-03',
        recorded_by: 'employer-user:bo-2',
      });

      const view = await world.service.followUp(PLACEMENT, { checkpointDays: 30, status: 'other' }, ctx);

      expect(view.followUps).toEqual([{ checkpointDays: 30, status: 'other', recordedOn: '2026-05-20' }]);
    });

    it('refuses a follow-up before the placement has started with PLACEMENT_STATE_CONFLICT', async () => {
      const world = setup();
      world.db.placements.set(PLACEMENT, placementRow({ start_date: '2026-05-21' }));
      const before = state(world);

      const attempt = world.service.followUp(PLACEMENT, { checkpointDays: 30, status: 'in-work' }, ctx);

      await expect(attempt).rejects.toBeInstanceOf(PlacementStateConflict);
      await expect(attempt).rejects.toMatchObject({ code: 'PLACEMENT_STATE_CONFLICT' });
      expect(state(world)).toEqual(before);
      expect(world.outbox.appended).toEqual([]);
    });

    it('rejects a checkpoint that has not fallen due, storing and publishing nothing', async () => {
      const world = setup();
      world.db.placements.set(PLACEMENT, placementRow({ start_date: '2026-05-01' }));
      const before = state(world);

      const attempt = world.service.followUp(PLACEMENT, { checkpointDays: 30, status: 'in-work' }, ctx);

      await expect(attempt).rejects.toMatchObject({ code: 'PLACEMENT_STATE_CONFLICT', details: { dueOn: '2026-05-31' } });
      expect(state(world)).toEqual(before);
      expect(world.outbox.appended).toEqual([]);
    });

    it('takes a follow-up on the day it falls due, after the placement ended', async () => {
      const world = setup();
      // 180 days after 2025-11-21 is today, 2026-05-20.
      world.db.placements.set(
        PLACEMENT,
        placementRow({ start_date: '2025-11-21', status: 'ended', end_date: '2026-01-20', outcome: 'employed' }),
      );

      const view = await world.service.followUp(PLACEMENT, { checkpointDays: 180, status: 'in-work' }, ctx);

      expect(view.followUps).toEqual([{ checkpointDays: 180, status: 'in-work', recordedOn: '2026-05-20' }]);
      expect(world.outbox.appended).toHaveLength(1);
    });

    it('rejects an unknown placement with PLACEMENT_NOT_FOUND', async () => {
      const world = setup();
      const before = state(world);

      await expect(world.service.followUp(UNKNOWN, { checkpointDays: 30, status: 'in-work' }, ctx)).rejects.toMatchObject({
        code: 'PLACEMENT_NOT_FOUND',
      });

      expect(state(world)).toEqual(before);
      expect(world.outbox.appended).toEqual([]);
    });
  });
});
