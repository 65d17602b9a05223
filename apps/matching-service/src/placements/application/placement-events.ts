import { FollowUpRecordedV1, PlacementEndedV1, PlacementStartedV1 } from '@jobbspar/contracts';
import { Outbox } from '@jobbspar/messaging';
import type { EntityManager } from 'typeorm';
import type { Cause } from '../../common/cause';
import type { Placement } from '../domain/placement';

/** Writes what the placement recorded to the outbox, in the caller's transaction, each at the version it reached. */
export async function publishPlacementEvents(outbox: Outbox, em: EntityManager, placement: Placement, cause: Cause): Promise<void> {
  for (const event of placement.pullEvents()) {
    const p = placement.toProps();
    const envelope = { tenant: p.tenant, aggregateId: p.placementId, aggregateVersion: event.version, ...cause };
    if (event.type === 'started') {
      await outbox.append(
        em,
        PlacementStartedV1,
        {
          placementId: p.placementId,
          proposalId: p.proposalId,
          needId: p.needId,
          candidateId: p.candidateId,
          employerId: p.employerId,
          placementType: p.placementType,
          startDate: p.startDate,
          support: p.support,
        },
        envelope,
      );
    } else if (event.type === 'ended') {
      await outbox.append(
        em,
        PlacementEndedV1,
        { placementId: p.placementId, needId: p.needId, candidateId: p.candidateId, endDate: p.endDate!, outcome: p.outcome! },
        envelope,
      );
    } else {
      const f = event.followUp;
      await outbox.append(
        em,
        FollowUpRecordedV1,
        {
          placementId: p.placementId,
          candidateId: p.candidateId,
          checkpointDays: f.checkpointDays,
          status: f.status,
          recordedOn: f.recordedOn,
        },
        envelope,
      );
    }
  }
}
