import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA } from '../../config/env';

/**
 * Employers, roles with immutable versions, competence needs and the administrator's shortage overrides. The
 * CHECKs repeat the domain's rules so that a bug in the code cannot store what the domain forbids.
 */
export class EmployersRolesNeeds1763900100000 implements MigrationInterface {
  name = 'EmployersRolesNeeds1763900100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${SCHEMA}"`;
    await queryRunner.query(`
      CREATE TABLE ${s}.employers (
        id uuid PRIMARY KEY,
        organisation_number text NOT NULL UNIQUE CHECK (organisation_number ~ '^\\d{6}-\\d{4}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        sector text NOT NULL CHECK (sector IN ('public', 'private')),
        municipality_code text NOT NULL CHECK (municipality_code ~ '^\\d{4}$'),
        county_code text NOT NULL CHECK (county_code ~ '^\\d{2}$'),
        is_municipality boolean NOT NULL,
        registered_at timestamptz NOT NULL,
        CHECK (NOT is_municipality OR sector = 'public')
      )`);
    await queryRunner.query(`CREATE INDEX employers_municipality_idx ON ${s}.employers (municipality_code)`);

    await queryRunner.query(`
      CREATE TABLE ${s}.roles (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('standard', 'composed')),
        employer_id uuid REFERENCES ${s}.employers (id),
        ssyk text CHECK (ssyk ~ '^\\d{4}$'),
        tenant text NOT NULL,
        latest_version integer NOT NULL CHECK (latest_version >= 1),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((kind = 'standard') = (ssyk IS NOT NULL)),
        CHECK ((kind = 'composed') = (employer_id IS NOT NULL))
      )`);
    // One standard role per occupation: deriving it again refreshes that role rather than creating a twin.
    await queryRunner.query(`CREATE UNIQUE INDEX roles_standard_ssyk_idx ON ${s}.roles (ssyk) WHERE kind = 'standard'`);
    await queryRunner.query(`CREATE INDEX roles_employer_idx ON ${s}.roles (employer_id)`);

    await queryRunner.query(`
      CREATE TABLE ${s}.role_versions (
        role_id uuid NOT NULL REFERENCES ${s}.roles (id),
        version integer NOT NULL CHECK (version >= 1),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        occupations text[] NOT NULL CHECK (cardinality(occupations) BETWEEN 1 AND 20),
        tasks jsonb NOT NULL CHECK (jsonb_typeof(tasks) = 'array' AND jsonb_array_length(tasks) BETWEEN 1 AND 60),
        taxonomy_version text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (role_id, version)
      )`);

    await queryRunner.query(`
      CREATE TABLE ${s}.needs (
        id uuid PRIMARY KEY,
        -- Insertion order, for a stable newest-first listing even when two needs share a timestamp.
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        employer_id uuid NOT NULL REFERENCES ${s}.employers (id),
        role_id uuid NOT NULL,
        role_version integer NOT NULL,
        positions integer NOT NULL CHECK (positions BETWEEN 1 AND 1000),
        positions_filled integer NOT NULL CHECK (positions_filled BETWEEN 0 AND positions),
        workplace_municipality text NOT NULL CHECK (workplace_municipality ~ '^\\d{4}$'),
        county_code text NOT NULL CHECK (county_code ~ '^\\d{2}$'),
        start_date date NOT NULL,
        placement_type text NOT NULL CHECK (placement_type IN ('internship', 'work-training', 'employment')),
        supervisor_capacity integer NOT NULL CHECK (supervisor_capacity BETWEEN 0 AND 100),
        pair_internship_allowed boolean NOT NULL,
        language_support boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'open', 'filled', 'closed')),
        shortage boolean NOT NULL,
        close_reason text,
        revision integer NOT NULL CHECK (revision >= 1),
        posted_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        FOREIGN KEY (role_id, role_version) REFERENCES ${s}.role_versions (role_id, version),
        CHECK ((status = 'draft') = (posted_at IS NULL) OR status = 'closed')
      )`);
    await queryRunner.query(`CREATE INDEX needs_status_idx ON ${s}.needs (status)`);
    await queryRunner.query(`CREATE INDEX needs_county_idx ON ${s}.needs (county_code)`);
    await queryRunner.query(`CREATE INDEX needs_municipality_idx ON ${s}.needs (workplace_municipality)`);
    await queryRunner.query(`CREATE INDEX needs_employer_idx ON ${s}.needs (employer_id)`);

    await queryRunner.query(`
      CREATE TABLE ${s}.shortage_overrides (
        county_code text NOT NULL CHECK (county_code ~ '^\\d{2}$'),
        ssyk text NOT NULL CHECK (ssyk ~ '^\\d{4}$'),
        shortage boolean NOT NULL,
        set_by text NOT NULL,
        set_at timestamptz NOT NULL,
        PRIMARY KEY (county_code, ssyk)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${SCHEMA}"`;
    for (const table of ['shortage_overrides', 'needs', 'role_versions', 'roles', 'employers']) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${s}.${table}`);
    }
  }
}
