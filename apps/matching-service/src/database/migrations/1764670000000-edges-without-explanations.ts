import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '../migration-schema';

/**
 * A match edge keeps only what the assignment solves over (its score) and what its explanation is derived from
 * again when the pair is proposed: the weights version and the Swedish day it was scored on (the only input of the
 * score that is not in the read models or the weights). Writing ~2,000 explanations per NeedPosted was the largest
 * part of it at 100k × 5k (issue 14 item 3), and only proposals show one.
 *
 * Existing edges keep the day their stored explanation was computed on: its waiting factor says "waiting N day(s)
 * since D", and D + N days gives the same N again (N is 0 for any day up to D). An edge without that factor is
 * given today's date. Down: the column comes back with an empty explanation for every edge; the edges of needs
 * still open must then be re-scored (post them again) before their explanations mean anything.
 */
export class EdgesWithoutExplanations1764670000000 implements MigrationInterface {
  name = 'EdgesWithoutExplanations1764670000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await q.query(`ALTER TABLE "${schema}".match_edges ADD COLUMN scored_on date`);
    await q.query(
      `UPDATE "${schema}".match_edges e SET scored_on = COALESCE(
         (SELECT substring(f->>'detail' FROM 'since ([0-9]{4}-[0-9]{2}-[0-9]{2})')::date
                 + substring(f->>'detail' FROM '^waiting ([0-9]+) day')::int
            FROM jsonb_array_elements(e.explanation->'factors') f
           WHERE f->>'factor' = 'waiting' AND f->>'detail' ~ '^waiting [0-9]+ day\\(s\\) since [0-9]{4}-[0-9]{2}-[0-9]{2}$'
           LIMIT 1),
         (now() AT TIME ZONE 'Europe/Stockholm')::date)`,
    );
    await q.query(`ALTER TABLE "${schema}".match_edges ALTER COLUMN scored_on SET NOT NULL, DROP COLUMN explanation`);
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await q.query(`ALTER TABLE "${schema}".match_edges ADD COLUMN explanation jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await q.query(`ALTER TABLE "${schema}".match_edges ALTER COLUMN explanation DROP DEFAULT, DROP COLUMN scored_on`);
  }
}
