import {
  CandidateErasedV1,
  CandidateErasedV1Payload,
  CandidateProfileV1Payload,
  ConsentChangedV1Payload,
  NeedClosedV1Payload,
  NeedSnapshotV1Payload,
  TaskValidatedV1Payload,
  TaskValidationRevokedV1Payload,
  CandidateProfileUpdatedV1,
  CandidateRegisteredV1,
  ConsentChangedV1,
  Contract,
  NeedClosedV1,
  NeedPostedV1,
  NeedUpdatedV1,
  TaskValidatedV1,
  TaskValidationRevokedV1,
} from '@jobbspar/contracts';
import type { EntityManager } from 'typeorm';
import {
  applyConsent,
  CandidateRow,
  candidateRowFromProfile,
  closeNeed,
  effectiveLevel,
  isNewer,
  NeedRow,
  needRowFromSnapshot,
  ValidationRow,
} from '../domain/projection';

/** What a projected event changed, for the matching engine to react to. */
export type ReadModelChange =
  | { kind: 'need'; needId: string }
  | { kind: 'candidate'; candidateId: string; consentWithdrawn: boolean }
  | { kind: 'erased'; candidateId: string }
  | { kind: 'none' };

const NONE: ReadModelChange = { kind: 'none' };

type Executor = Pick<EntityManager, 'query'>;

/**
 * Applies events to the read-model tables of one schema: the live `matching` schema from the consumers, or a
 * scratch schema from replay. The same code in both is what makes replay a proof.
 */
export class ReadModelProjector {
  constructor(private readonly schema: string) {}

  private t(table: string): string {
    return `"${this.schema}".${table}`;
  }

  async apply(em: Executor, contract: Contract, payload: object): Promise<ReadModelChange> {
    switch (contract) {
      case NeedPostedV1:
      case NeedUpdatedV1:
        return this.upsertNeed(em, payload as NeedSnapshotV1Payload);
      case NeedClosedV1: {
        const p = payload as NeedClosedV1Payload;
        const next = closeNeed(await this.need(em, p.needId), p.needId, p.revision, p.status);
        if (!next) return NONE;
        await this.saveNeed(em, next);
        return { kind: 'need', needId: p.needId };
      }
      case CandidateRegisteredV1:
      case CandidateProfileUpdatedV1: {
        const p = payload as CandidateProfileV1Payload;
        const held = await this.candidate(em, p.candidateId);
        const next = candidateRowFromProfile(held, p);
        if (!next) return NONE;
        await this.saveCandidate(em, next);
        return { kind: 'candidate', candidateId: p.candidateId, consentWithdrawn: held?.matchingConsent === true && !next.matchingConsent };
      }
      case ConsentChangedV1: {
        const p = payload as ConsentChangedV1Payload;
        if (p.purpose !== 'matching') return NONE;
        const held = await this.candidate(em, p.candidateId);
        const next = applyConsent(held, p.candidateId, p.revision, p.given);
        if (!next) return NONE;
        await this.saveCandidate(em, next);
        return { kind: 'candidate', candidateId: p.candidateId, consentWithdrawn: !p.given };
      }
      case TaskValidatedV1: {
        const p = payload as TaskValidatedV1Payload;
        await em.query(
          `INSERT INTO ${this.t('validations')} (validation_id, candidate_id, task_id, level, supersedes) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (validation_id) DO UPDATE SET candidate_id = $2, task_id = $3, level = $4, supersedes = $5`,
          [p.validationId, p.candidateId, p.taskId, p.level, p.supersedes ?? null],
        );
        return this.refreshLevel(em, p.candidateId, p.taskId);
      }
      case TaskValidationRevokedV1: {
        const p = payload as TaskValidationRevokedV1Payload;
        // A revocation that overtakes its validation leaves a revoked stub; the validation, when it comes, stays revoked.
        await em.query(
          `INSERT INTO ${this.t('validations')} (validation_id, candidate_id, task_id, level, revoked) VALUES ($1, $2, $3, 1, true)
           ON CONFLICT (validation_id) DO UPDATE SET revoked = true`,
          [p.validationId, p.candidateId, p.taskId],
        );
        return this.refreshLevel(em, p.candidateId, p.taskId);
      }
      case CandidateErasedV1: {
        const p = payload as CandidateErasedV1Payload;
        await this.erase(em, p.candidateId);
        return { kind: 'erased', candidateId: p.candidateId };
      }
      default:
        return NONE;
    }
  }

  private async upsertNeed(em: Executor, snapshot: NeedSnapshotV1Payload): Promise<ReadModelChange> {
    const held = await this.need(em, snapshot.needId);
    if (held && !isNewer(held.revision, snapshot.revision)) return NONE;
    await this.saveNeed(em, needRowFromSnapshot(snapshot));
    return { kind: 'need', needId: snapshot.needId };
  }

  private async refreshLevel(em: Executor, candidateId: string, taskId: string): Promise<ReadModelChange> {
    const rows: { validation_id: string; level: number; supersedes: string | null; revoked: boolean }[] = await em.query(
      `SELECT validation_id, level, supersedes, revoked FROM ${this.t('validations')} WHERE candidate_id = $1 AND task_id = $2`,
      [candidateId, taskId],
    );
    const level = effectiveLevel(
      rows.map((r): ValidationRow => ({
        validationId: r.validation_id,
        level: r.level as 1 | 2 | 3,
        supersedes: r.supersedes,
        revoked: r.revoked,
      })),
    );
    const [held]: { level: number }[] = await em.query(
      `SELECT level FROM ${this.t('candidate_task_levels')} WHERE candidate_id = $1 AND task_id = $2`,
      [candidateId, taskId],
    );
    if ((held?.level ?? null) === level) return NONE;
    if (level === null) {
      await em.query(`DELETE FROM ${this.t('candidate_task_levels')} WHERE candidate_id = $1 AND task_id = $2`, [candidateId, taskId]);
    } else {
      await em.query(
        `INSERT INTO ${this.t('candidate_task_levels')} (candidate_id, task_id, level) VALUES ($1, $2, $3)
         ON CONFLICT (candidate_id, task_id) DO UPDATE SET level = $3`,
        [candidateId, taskId, level],
      );
    }
    return { kind: 'candidate', candidateId, consentWithdrawn: false };
  }

  async erase(em: Executor, candidateId: string): Promise<void> {
    await em.query(`DELETE FROM ${this.t('candidate_task_levels')} WHERE candidate_id = $1`, [candidateId]);
    await em.query(`DELETE FROM ${this.t('validations')} WHERE candidate_id = $1`, [candidateId]);
    // A tombstone keeps a late, older profile event from bringing her back.
    await em.query(
      `INSERT INTO ${this.t('candidates')} (candidate_id, revision, profile, matching_consent) VALUES ($1, 2147483647, NULL, false)
       ON CONFLICT (candidate_id) DO UPDATE SET revision = 2147483647, profile = NULL, matching_consent = false`,
      [candidateId],
    );
  }

  async need(em: Executor, needId: string): Promise<NeedRow | undefined> {
    const [r] = await em.query(`SELECT * FROM ${this.t('needs')} WHERE need_id = $1`, [needId]);
    return r
      ? {
          needId: r.need_id,
          revision: r.revision,
          status: r.status,
          snapshot: r.snapshot,
          tenant: r.tenant,
          positionsLeft: r.positions_left,
          workplaceMunicipality: r.workplace_municipality,
          occupations: r.occupations,
        }
      : undefined;
  }

  async candidate(em: Executor, candidateId: string): Promise<CandidateRow | undefined> {
    const [r] = await em.query(`SELECT * FROM ${this.t('candidates')} WHERE candidate_id = $1`, [candidateId]);
    return r ? { candidateId: r.candidate_id, revision: r.revision, profile: r.profile, matchingConsent: r.matching_consent } : undefined;
  }

  private async saveNeed(em: Executor, n: NeedRow): Promise<void> {
    await em.query(
      `INSERT INTO ${this.t('needs')} (need_id, revision, status, snapshot, tenant, positions_left, workplace_municipality, occupations)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (need_id) DO UPDATE SET revision = $2, status = $3, snapshot = $4, tenant = $5, positions_left = $6,
         workplace_municipality = $7, occupations = $8`,
      [
        n.needId,
        n.revision,
        n.status,
        n.snapshot ? JSON.stringify(n.snapshot) : null,
        n.tenant,
        n.positionsLeft,
        n.workplaceMunicipality,
        n.occupations,
      ],
    );
    await em.query(`DELETE FROM ${this.t('need_tasks')} WHERE need_id = $1`, [n.needId]);
    const tasks = n.snapshot?.tasks ?? [];
    if (tasks.length > 0) {
      await em.query(
        `INSERT INTO ${this.t('need_tasks')} (need_id, task_id, required_level, weight)
         SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[])`,
        [n.needId, tasks.map((t) => t.taskId), tasks.map((t) => t.requiredLevel), tasks.map((t) => t.weight)],
      );
    }
  }

  private async saveCandidate(em: Executor, c: CandidateRow): Promise<void> {
    await em.query(
      `INSERT INTO ${this.t('candidates')} (candidate_id, revision, profile, matching_consent) VALUES ($1, $2, $3, $4)
       ON CONFLICT (candidate_id) DO UPDATE SET revision = $2, profile = $3, matching_consent = $4`,
      [c.candidateId, c.revision, c.profile ? JSON.stringify(c.profile) : null, c.matchingConsent],
    );
  }
}
