import { NeedClosedV1, NeedPostedV1, NeedUpdatedV1 } from '@jobbspar/contracts';
import { Outbox } from '@jobbspar/messaging';
import { EntityManager } from 'typeorm';
import type { CommandContext } from '../../common/tenant';
import type { Need } from '../domain/need';
import { NeedMapper } from '../infrastructure/need.mapper';

/**
 * Writes what the need recorded to the outbox, in the caller's transaction. NeedPosted and NeedUpdated carry the
 * full snapshot (with the frozen role version), NeedClosed only the final status; every one carries the need's
 * revision as aggregateVersion, so consumers can drop anything older than what they hold.
 */
export async function publishNeedEvents(outbox: Outbox, em: EntityManager, need: Need, ctx: CommandContext): Promise<void> {
  for (const event of need.pullEvents()) {
    const envelope = { tenant: need.tenant, aggregateId: need.id, aggregateVersion: event.revision, ...ctx };
    if (event.type === 'closed') {
      await outbox.append(
        em,
        NeedClosedV1,
        { needId: need.id, revision: event.revision, status: event.status, reason: event.reason },
        envelope,
      );
    } else {
      const snapshot = NeedMapper.toSnapshot(need.toProps());
      await outbox.append(em, event.type === 'posted' ? NeedPostedV1 : NeedUpdatedV1, snapshot, envelope);
    }
  }
}
