import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '../migration-schema';

/**
 * Read models (built only from events, rebuildable by replay) and matching's own state (edges, proposals,
 * placements, follow-ups, weights), in the data source's schema: replay runs this same migration into its scratch
 * schema.
 */
export class Matching1763900500000 implements MigrationInterface {
  name = 'Matching1763900500000';

  async up(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await q.query(`CREATE TABLE "${schema}".needs (
      need_id uuid PRIMARY KEY,
      revision int NOT NULL,
      status text NOT NULL,
      snapshot jsonb,
      tenant text,
      positions_left int NOT NULL DEFAULT 0,
      workplace_municipality text,
      occupations text[] NOT NULL DEFAULT '{}'
    )`);
    await q.query(`CREATE INDEX needs_open_idx ON "${schema}".needs (status)`);
    // Inverted index task -> needs.
    await q.query(`CREATE TABLE "${schema}".need_tasks (
      need_id uuid NOT NULL REFERENCES "${schema}".needs (need_id) ON DELETE CASCADE,
      task_id text NOT NULL,
      required_level int NOT NULL,
      weight text NOT NULL,
      PRIMARY KEY (need_id, task_id)
    )`);
    await q.query(`CREATE INDEX need_tasks_task_idx ON "${schema}".need_tasks (task_id)`);
    await q.query(`CREATE TABLE "${schema}".candidates (
      candidate_id uuid PRIMARY KEY,
      revision int NOT NULL,
      profile jsonb,
      matching_consent boolean NOT NULL DEFAULT false
    )`);
    await q.query(`CREATE TABLE "${schema}".validations (
      validation_id uuid PRIMARY KEY,
      candidate_id uuid NOT NULL,
      task_id text NOT NULL,
      level int NOT NULL,
      supersedes uuid,
      revoked boolean NOT NULL DEFAULT false
    )`);
    await q.query(`CREATE INDEX validations_candidate_idx ON "${schema}".validations (candidate_id)`);
    // Inverted index task -> candidates with her effective level (a row only while she holds a level).
    await q.query(`CREATE TABLE "${schema}".candidate_task_levels (
      candidate_id uuid NOT NULL,
      task_id text NOT NULL,
      level int NOT NULL,
      PRIMARY KEY (candidate_id, task_id)
    )`);
    await q.query(`CREATE INDEX candidate_task_levels_task_idx ON "${schema}".candidate_task_levels (task_id)`);
    await q.query(`CREATE TABLE "${schema}".match_edges (
      candidate_id uuid NOT NULL,
      need_id uuid NOT NULL,
      score numeric(7,2) NOT NULL,
      explanation jsonb NOT NULL,
      weights_version text NOT NULL,
      PRIMARY KEY (candidate_id, need_id)
    )`);
    await q.query(`CREATE INDEX match_edges_need_idx ON "${schema}".match_edges (need_id)`);
    await q.query(`CREATE TABLE "${schema}".proposals (
      proposal_id uuid PRIMARY KEY,
      need_id uuid NOT NULL,
      candidate_id uuid NOT NULL,
      pair_id uuid,
      status text NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected', 'withdrawn', 'placed')),
      score numeric(7,2) NOT NULL,
      explanation jsonb NOT NULL,
      weights_version text NOT NULL,
      tenant text NOT NULL,
      municipality text NOT NULL,
      occupations text[] NOT NULL,
      reason_code text,
      comment text,
      withdrawal_reason text,
      reviewed_by text,
      reviewed_at timestamptz,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    // At most one live proposal per pair: a pair is re-proposed only after a withdrawal.
    await q.query(
      `CREATE UNIQUE INDEX proposals_live_pair_idx ON "${schema}".proposals (candidate_id, need_id) WHERE status IN ('proposed', 'accepted', 'placed')`,
    );
    await q.query(`CREATE INDEX proposals_need_idx ON "${schema}".proposals (need_id)`);
    await q.query(`CREATE INDEX proposals_candidate_idx ON "${schema}".proposals (candidate_id)`);
    await q.query(`CREATE INDEX proposals_queue_idx ON "${schema}".proposals (score DESC) WHERE status = 'proposed'`);
    await q.query(`CREATE TABLE "${schema}".placements (
      placement_id uuid PRIMARY KEY,
      proposal_id uuid NOT NULL UNIQUE,
      need_id uuid NOT NULL,
      candidate_id uuid NOT NULL,
      employer_id uuid NOT NULL,
      placement_type text NOT NULL,
      tenant text NOT NULL,
      start_date date NOT NULL,
      support jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('started', 'ended')),
      end_date date,
      outcome text,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX placements_candidate_idx ON "${schema}".placements (candidate_id)`);
    await q.query(`CREATE TABLE "${schema}".follow_ups (
      placement_id uuid NOT NULL REFERENCES "${schema}".placements (placement_id),
      checkpoint_days int NOT NULL,
      status text NOT NULL,
      recorded_on date NOT NULL,
      recorded_by text NOT NULL,
      PRIMARY KEY (placement_id, checkpoint_days)
    )`);
    await q.query(`CREATE TABLE "${schema}".weights (
      version text PRIMARY KEY,
      region text NOT NULL,
      seq int NOT NULL,
      weights jsonb NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (region, seq)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    const tables = ['weights', 'follow_ups', 'placements', 'proposals', 'match_edges'];
    for (const t of [...tables, 'candidate_task_levels', 'validations', 'candidates', 'need_tasks', 'needs']) {
      await q.query(`DROP TABLE IF EXISTS "${schema}".${t}`);
    }
  }
}
