import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  FollowUpRecordedV1,
  NeedSnapshotV1Payload,
  PlacementEndedV1,
  PlacementOutcome,
  PlacementStartedV1,
  PlacementType,
  SupportMeasuresV1,
} from '@jobbspar/contracts';
import { Outbox } from '@jobbspar/messaging';
import { RequestContext } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { MatchingEngine, today } from '../../matching/application/matching.engine';
import { place } from '../../proposals/domain/proposal';
import { ProposalNotFound } from '../../proposals/domain/proposal.errors';
import { ProposalRepository } from '../../proposals/infrastructure/proposal.repository';
import { endPlacement, FollowUpCheckpoint, FollowUpStatus, PlacementState, recordFollowUp } from '../domain/placement';
import { PlacementNotFound, PlacementStateConflict } from '../domain/placement.errors';

export interface PlacementView {
  placementId: string;
  proposalId: string;
  needId: string;
  candidateId: string;
  employerId: string;
  placementType: PlacementType;
  startDate: string;
  support: SupportMeasuresV1;
  status: 'started' | 'ended';
  endDate: string | null;
  outcome: PlacementOutcome | null;
  followUps: { checkpointDays: FollowUpCheckpoint; status: FollowUpStatus; recordedOn: string }[];
}

interface Row {
  placement_id: string;
  proposal_id: string;
  need_id: string;
  candidate_id: string;
  employer_id: string;
  placement_type: PlacementType;
  tenant: string;
  start_date: string;
  support: SupportMeasuresV1;
  status: 'started' | 'ended';
  end_date: string | null;
  outcome: PlacementOutcome | null;
  version: number;
}

/** Placements start from accepted proposals, end with an outcome, and are followed up at fixed checkpoints. */
@Injectable()
export class PlacementsService {
  private readonly proposals = new ProposalRepository();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly engine: MatchingEngine,
  ) {}

  async start(proposalId: string, input: { startDate: string; support: SupportMeasuresV1 }, ctx: RequestContext): Promise<PlacementView> {
    const placementId = await this.dataSource.transaction(async (em) => {
      // Placing changes the accepted counts capacities are made of: take the matching lock like a review does.
      await this.engine.enter(em, ctx);
      const proposal = await this.proposals.get(em, proposalId, true);
      if (!proposal) throw new ProposalNotFound(proposalId);
      const saved = await this.proposals.saveTransition(em, { ...proposal, ...place(proposal) }, null);
      const [need]: { snapshot: NeedSnapshotV1Payload | null }[] = await em.query(
        `SELECT snapshot FROM matching.needs WHERE need_id = $1`,
        [proposal.needId],
      );
      if (!need?.snapshot) throw new PlacementStateConflict(`need ${proposal.needId} is not known here`, { needId: proposal.needId });
      const id = randomUUID();
      const support: SupportMeasuresV1 = {
        supervisor: input.support.supervisor,
        languageSupport: input.support.languageSupport,
        studyCounselling: input.support.studyCounselling,
      };
      await em.query(
        `INSERT INTO matching.placements (placement_id, proposal_id, need_id, candidate_id, employer_id, placement_type, tenant, start_date,
           support, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'started')`,
        [
          id,
          proposalId,
          proposal.needId,
          proposal.candidateId,
          need.snapshot.employerId,
          need.snapshot.placementType,
          saved.tenant,
          input.startDate,
          JSON.stringify(support),
        ],
      );
      await this.outbox.append(
        em,
        PlacementStartedV1,
        {
          placementId: id,
          proposalId,
          needId: proposal.needId,
          candidateId: proposal.candidateId,
          employerId: need.snapshot.employerId,
          placementType: need.snapshot.placementType,
          startDate: input.startDate,
          support,
        },
        { tenant: saved.tenant, aggregateId: id, aggregateVersion: 1, ...ctx },
      );
      return id;
    });
    return this.get(placementId);
  }

  async end(placementId: string, input: { endDate: string; outcome: PlacementOutcome }, ctx: RequestContext): Promise<PlacementView> {
    await this.dataSource.transaction(async (em) => {
      const row = await this.row(em, placementId, true);
      const next = endPlacement(await this.state(em, row), input.endDate, input.outcome);
      await em.query(
        `UPDATE matching.placements SET status = 'ended', end_date = $2, outcome = $3, version = version + 1 WHERE placement_id = $1`,
        [placementId, next.endDate, next.outcome],
      );
      await this.outbox.append(
        em,
        PlacementEndedV1,
        { placementId, needId: row.need_id, candidateId: row.candidate_id, endDate: input.endDate, outcome: input.outcome },
        { tenant: row.tenant, aggregateId: placementId, aggregateVersion: row.version + 1, ...ctx },
      );
      await this.engine.commitmentsChanged(em, row.candidate_id, ctx);
    });
    return this.get(placementId);
  }

  async followUp(
    placementId: string,
    input: { checkpointDays: FollowUpCheckpoint; status: FollowUpStatus },
    ctx: RequestContext,
  ): Promise<PlacementView> {
    await this.dataSource.transaction(async (em) => {
      const row = await this.row(em, placementId, true);
      const recordedOn = today();
      recordFollowUp(await this.state(em, row), input.checkpointDays, recordedOn);
      await em.query(
        `INSERT INTO matching.follow_ups (placement_id, checkpoint_days, status, recorded_on, recorded_by) VALUES ($1, $2, $3, $4, $5)`,
        [placementId, input.checkpointDays, input.status, recordedOn, ctx.actor],
      );
      await em.query(`UPDATE matching.placements SET version = version + 1 WHERE placement_id = $1`, [placementId]);
      await this.outbox.append(
        em,
        FollowUpRecordedV1,
        { placementId, candidateId: row.candidate_id, checkpointDays: input.checkpointDays, status: input.status, recordedOn },
        { tenant: row.tenant, aggregateId: placementId, aggregateVersion: row.version + 1, ...ctx },
      );
    });
    return this.get(placementId);
  }

  async get(placementId: string): Promise<PlacementView> {
    const em = this.dataSource.manager;
    const row = await this.row(em, placementId, false);
    const followUps: { checkpoint_days: number; status: FollowUpStatus; recorded_on: string }[] = await em.query(
      `SELECT checkpoint_days, status, to_char(recorded_on, 'YYYY-MM-DD') AS recorded_on FROM matching.follow_ups WHERE placement_id = $1 ORDER BY checkpoint_days`,
      [placementId],
    );
    return {
      placementId: row.placement_id,
      proposalId: row.proposal_id,
      needId: row.need_id,
      candidateId: row.candidate_id,
      employerId: row.employer_id,
      placementType: row.placement_type,
      startDate: row.start_date,
      support: row.support,
      status: row.status,
      endDate: row.end_date,
      outcome: row.outcome,
      followUps: followUps.map((f) => ({
        checkpointDays: f.checkpoint_days as FollowUpCheckpoint,
        status: f.status,
        recordedOn: f.recorded_on,
      })),
    };
  }

  private async row(em: Pick<EntityManager, 'query'>, placementId: string, forUpdate: boolean): Promise<Row> {
    const [row]: Row[] = await em.query(
      `SELECT placement_id, proposal_id, need_id, candidate_id, employer_id, placement_type, tenant, to_char(start_date, 'YYYY-MM-DD') AS start_date,
         support, status, to_char(end_date, 'YYYY-MM-DD') AS end_date, outcome, version
       FROM matching.placements WHERE placement_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [placementId],
    );
    if (!row) throw new PlacementNotFound(placementId);
    return row;
  }

  private async state(em: Pick<EntityManager, 'query'>, row: Row): Promise<PlacementState> {
    const recorded: { checkpoint_days: number }[] = await em.query(
      `SELECT checkpoint_days FROM matching.follow_ups WHERE placement_id = $1`,
      [row.placement_id],
    );
    return {
      placementId: row.placement_id,
      status: row.status,
      startDate: row.start_date,
      endDate: row.end_date,
      outcome: row.outcome,
      checkpointsRecorded: recorded.map((r) => r.checkpoint_days as FollowUpCheckpoint),
    };
  }
}
