import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Candidate-service's own state. Personal data lives in `personal_data` (encrypted, with her wrapped data key) and
 * `follow_up_attributes` (statistics only), apart from the matching profile in `candidates`. Every table that holds
 * something about a candidate has a `candidate_id` column: erasure deletes by it, and the e2e test checks that
 * nothing is left anywhere. `workplaces`, `roles` and `needs` are read models built from employer-service's events.
 */
export class Candidates1763901000000 implements MigrationInterface {
  name = 'Candidates1763901000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE candidate.candidates (
        candidate_id uuid PRIMARY KEY,
        tenant text NOT NULL,
        revision int NOT NULL,
        home_municipality text NOT NULL,
        available_from date NOT NULL,
        max_commute_minutes int NOT NULL CHECK (max_commute_minutes BETWEEN 0 AND 240),
        interests text[] NOT NULL,
        close_supervision boolean NOT NULL,
        language_support boolean NOT NULL,
        languages text[] NOT NULL,
        waiting_since date NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX candidates_municipality_idx ON candidate.candidates (home_municipality)`);
    await q.query(`
      CREATE TABLE candidate.personal_data (
        candidate_id uuid PRIMARY KEY REFERENCES candidate.candidates (candidate_id),
        wrapped_data_key bytea NOT NULL,
        contact bytea NOT NULL,
        identity_number bytea,
        identity_number_index bytea UNIQUE
      )`);
    await q.query(`
      CREATE TABLE candidate.consents (
        candidate_id uuid NOT NULL REFERENCES candidate.candidates (candidate_id),
        purpose text NOT NULL,
        given boolean NOT NULL,
        changed_at timestamptz NOT NULL,
        changed_by text NOT NULL,
        PRIMARY KEY (candidate_id, purpose)
      )`);
    await q.query(`
      CREATE TABLE candidate.follow_up_attributes (
        candidate_id uuid PRIMARY KEY REFERENCES candidate.candidates (candidate_id),
        gender text NOT NULL,
        born_abroad boolean NOT NULL,
        year_of_arrival int,
        reason_for_immigration text
      )`);
    await q.query(`
      CREATE TABLE candidate.erasures (
        candidate_id uuid PRIMARY KEY,
        erased_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE candidate.workplaces (
        workplace_id uuid PRIMARY KEY,
        name text NOT NULL,
        municipality_code text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE candidate.roles (
        role_id uuid NOT NULL,
        version int NOT NULL,
        name text NOT NULL,
        tasks jsonb NOT NULL,
        PRIMARY KEY (role_id, version)
      )`);
    await q.query(`
      CREATE TABLE candidate.needs (
        need_id uuid PRIMARY KEY,
        revision int NOT NULL,
        status text NOT NULL,
        role_id uuid,
        workplace_municipality text,
        tasks jsonb NOT NULL DEFAULT '[]',
        positions_left int NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX needs_open_idx ON candidate.needs (workplace_municipality) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE candidate.internships (
        internship_id uuid PRIMARY KEY,
        candidate_id uuid NOT NULL REFERENCES candidate.candidates (candidate_id),
        workplace_id uuid NOT NULL REFERENCES candidate.workplaces (workplace_id),
        supervisor_role text NOT NULL,
        start_date date NOT NULL,
        end_date date NOT NULL CHECK (end_date >= start_date),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL
      )`);
    await q.query(`CREATE INDEX internships_candidate_idx ON candidate.internships (candidate_id)`);
    await q.query(`
      CREATE TABLE candidate.assessments (
        assessment_id uuid PRIMARY KEY,
        internship_id uuid NOT NULL REFERENCES candidate.internships (internship_id),
        candidate_id uuid NOT NULL REFERENCES candidate.candidates (candidate_id),
        task_id text NOT NULL,
        level int NOT NULL CHECK (level BETWEEN 1 AND 3),
        assessed_on date NOT NULL,
        comment bytea,
        assessed_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX assessments_candidate_idx ON candidate.assessments (candidate_id)`);
    await q.query(`
      CREATE TABLE candidate.validations (
        validation_id uuid PRIMARY KEY,
        assessment_id uuid NOT NULL UNIQUE REFERENCES candidate.assessments (assessment_id),
        candidate_id uuid NOT NULL REFERENCES candidate.candidates (candidate_id),
        task_id text NOT NULL,
        level int NOT NULL CHECK (level BETWEEN 1 AND 3),
        assessed_on date NOT NULL,
        workplace_id uuid NOT NULL,
        supersedes uuid,
        certified_at timestamptz NOT NULL,
        certified_by text NOT NULL,
        revoked_at timestamptz,
        revoked_by text,
        revocation_reason text
      )`);
    await q.query(`CREATE INDEX validations_candidate_task_idx ON candidate.validations (candidate_id, task_id)`);
    await q.query(`
      CREATE TABLE candidate.placements (
        placement_id uuid PRIMARY KEY,
        candidate_id uuid NOT NULL REFERENCES candidate.candidates (candidate_id),
        need_id uuid NOT NULL,
        employer_id uuid NOT NULL,
        placement_type text NOT NULL,
        start_date date NOT NULL,
        end_date date,
        outcome text
      )`);
    await q.query(`CREATE INDEX placements_candidate_idx ON candidate.placements (candidate_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'placements',
      'validations',
      'assessments',
      'internships',
      'needs',
      'roles',
      'workplaces',
      'erasures',
      'follow_up_attributes',
      'consents',
      'personal_data',
      'candidates',
    ]) {
      await q.query(`DROP TABLE IF EXISTS candidate.${table}`);
    }
  }
}
