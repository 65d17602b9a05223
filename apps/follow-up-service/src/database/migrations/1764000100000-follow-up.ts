import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA } from '../../config/env';

/**
 * The analyst's goals and figures (owned here), the outcome projection built from the other services' events
 * (rebuildable by replay: nothing in it is entered here), and the ledger of released months (what was published,
 * frozen, so a published month never changes). The projection names candidates only by their pseudonymous id and
 * holds no follow-up attribute: those stay in candidate-service.
 */
export class FollowUp1764000100000 implements MigrationInterface {
  name = 'FollowUp1764000100000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${SCHEMA}"`;
    await q.query(`
      CREATE TABLE ${s}.goals (
        id uuid PRIMARY KEY,
        region text NOT NULL CHECK (region ~ '^se-\\d{2}$'),
        county_code text NOT NULL CHECK (county_code ~ '^\\d{2}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        target_group text NOT NULL CHECK (length(target_group) BETWEEN 1 AND 300),
        baseline_month text NOT NULL CHECK (baseline_month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        target_month text NOT NULL CHECK (target_month ~ '^\\d{4}-(0[1-9]|1[0-2])$' AND target_month > baseline_month),
        reduction_percent integer NOT NULL CHECK (reduction_percent BETWEEN 1 AND 100),
        revision integer NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX goals_region_idx ON ${s}.goals (region)`);
    await q.query(`
      CREATE TABLE ${s}.goal_figures (
        goal_id uuid NOT NULL REFERENCES ${s}.goals (id),
        municipality text NOT NULL CHECK (municipality ~ '^\\d{4}$'),
        month text NOT NULL CHECK (month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        value integer NOT NULL CHECK (value >= 0),
        PRIMARY KEY (goal_id, municipality, month)
      )`);
    await q.query(`
      CREATE TABLE ${s}.persons (
        candidate_id uuid PRIMARY KEY,
        region text NOT NULL,
        municipality text NOT NULL,
        revision integer NOT NULL,
        registered_on date NOT NULL,
        max_commute_minutes integer NOT NULL,
        available_from date NOT NULL,
        matching_consent boolean NOT NULL,
        first_task_on date,
        first_proposed_on date,
        first_accepted_on date
      )`);
    await q.query(`CREATE INDEX persons_region_idx ON ${s}.persons (region)`);
    await q.query(`
      CREATE TABLE ${s}.task_levels (
        candidate_id uuid NOT NULL,
        task_id text NOT NULL,
        level integer NOT NULL CHECK (level BETWEEN 1 AND 3),
        PRIMARY KEY (candidate_id, task_id)
      )`);
    await q.query(`
      CREATE TABLE ${s}.placements (
        placement_id uuid PRIMARY KEY,
        candidate_id uuid NOT NULL,
        region text NOT NULL,
        placement_type text NOT NULL,
        start_date date NOT NULL,
        supervisor boolean NOT NULL,
        language_support boolean NOT NULL,
        study_counselling boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX placements_candidate_idx ON ${s}.placements (candidate_id)`);
    await q.query(`CREATE INDEX placements_region_start_idx ON ${s}.placements (region, start_date)`);
    await q.query(`
      CREATE TABLE ${s}.checkpoints (
        placement_id uuid NOT NULL,
        candidate_id uuid NOT NULL,
        checkpoint_days integer NOT NULL CHECK (checkpoint_days IN (30, 90, 180)),
        status text NOT NULL,
        recorded_on date NOT NULL,
        PRIMARY KEY (placement_id, checkpoint_days)
      )`);
    await q.query(`
      CREATE TABLE ${s}.needs (
        need_id uuid PRIMARY KEY,
        region text NOT NULL,
        municipality text NOT NULL,
        revision integer NOT NULL,
        status text NOT NULL,
        positions_left integer NOT NULL,
        tasks jsonb NOT NULL
      )`);
    // Erased candidates: events about them that arrive late are skipped, so nothing about them comes back.
    await q.query(`CREATE TABLE ${s}.erasures (candidate_id uuid PRIMARY KEY)`);
    await q.query(`
      CREATE TABLE ${s}.releases (
        region text NOT NULL,
        month text NOT NULL,
        report text NOT NULL,
        released_at timestamptz NOT NULL,
        content jsonb NOT NULL,
        PRIMARY KEY (region, month, report)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = `"${SCHEMA}"`;
    for (const t of ['releases', 'erasures', 'needs', 'checkpoints', 'placements', 'task_levels', 'persons', 'goal_figures', 'goals']) {
      await q.query(`DROP TABLE IF EXISTS ${s}.${t}`);
    }
  }
}
