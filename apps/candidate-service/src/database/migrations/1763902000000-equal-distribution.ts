import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For the equal-distribution aggregates computed here, where the follow-up attributes live: the support measures
 * each placement started with, and the follow-ups at its checkpoints (both from matching.placements).
 */
export class EqualDistribution1763902000000 implements MigrationInterface {
  name = 'EqualDistribution1763902000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE candidate.placements
      ADD COLUMN supervisor boolean NOT NULL DEFAULT false,
      ADD COLUMN language_support boolean NOT NULL DEFAULT false,
      ADD COLUMN study_counselling boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE candidate.placement_follow_ups (
        placement_id uuid NOT NULL,
        candidate_id uuid NOT NULL REFERENCES candidate.candidates (candidate_id),
        checkpoint_days int NOT NULL CHECK (checkpoint_days IN (30, 90, 180)),
        status text NOT NULL,
        recorded_on date NOT NULL,
        PRIMARY KEY (placement_id, checkpoint_days)
      )`);
    await q.query(`CREATE INDEX placement_follow_ups_candidate_idx ON candidate.placement_follow_ups (candidate_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS candidate.placement_follow_ups`);
    await q.query(`ALTER TABLE candidate.placements DROP COLUMN supervisor, DROP COLUMN language_support, DROP COLUMN study_counselling`);
  }
}
