import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '../migration-schema';

/**
 * Every change of a proposal (created, rescored, reviewed, withdrawn, placed) is announced on the PostgreSQL channel
 * `matching_proposals` by a trigger, so the review queue's live stream needs no hook in the code that writes
 * proposals. A notification is delivered only when its transaction commits, once, to every listening instance:
 * a rolled-back change is never announced. The payload names the proposal and where it is, never a person.
 */
export class ProposalNotifications1764100000000 implements MigrationInterface {
  name = 'ProposalNotifications1764100000000';

  async up(q: QueryRunner): Promise<void> {
    // The data source's schema, so that replay, which runs these migrations into a scratch schema, gets its own.
    const schema = migrationSchema(q);
    await q.query(`CREATE FUNCTION "${schema}".notify_proposal_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('matching_proposals', json_build_object(
          'proposalId', NEW.proposal_id,
          'needId', NEW.need_id,
          'status', NEW.status,
          'previousStatus', CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END,
          'score', NEW.score,
          'tenant', NEW.tenant,
          'municipality', NEW.municipality
        )::text);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER proposals_notify AFTER INSERT OR UPDATE OF status, score ON "${schema}".proposals
      FOR EACH ROW EXECUTE FUNCTION "${schema}".notify_proposal_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await q.query(`DROP TRIGGER IF EXISTS proposals_notify ON "${schema}".proposals`);
    await q.query(`DROP FUNCTION IF EXISTS "${schema}".notify_proposal_change()`);
  }
}
