import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { CandidateProfileUpdatedV1, FollowUpRecordedV1, PlacementEndedV1, PlacementStartedV1, Topics } from '@jobbspar/contracts';
import { isEvent, type ReceivedEvent } from '@jobbspar/messaging';
import { JsonLogger } from '@jobbspar/platform';
import { CandidateProfilePublisher } from '../../application/candidate-profile.publisher';
import { CandidateRepository } from '../../infrastructure/candidate.repository';

/**
 * Her placements (with their support measures and follow-ups: equal-distribution statistics), for the job track; the end of one restarts her waiting time, which matching reads from her
 * profile. Events for a candidate who is not (or no longer) here are skipped: after erasure nothing may come back.
 */
@Controller()
export class PlacementEventsConsumer {
  private readonly logger = new JsonLogger('placement-events');

  constructor(
    private readonly candidates: CandidateRepository,
    private readonly profiles: CandidateProfilePublisher,
  ) {}

  @EventPattern(Topics.placements)
  async onPlacementEvent(event: ReceivedEvent): Promise<void> {
    const { em } = event;
    if (isEvent(event, PlacementStartedV1)) {
      const p = event.payload;
      if (!(await this.candidates.find(em, p.candidateId))) return this.skip(event);
      await em.query(
        `INSERT INTO candidate.placements (placement_id, candidate_id, need_id, employer_id, placement_type, start_date,
           supervisor, language_support, study_counselling)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (placement_id) DO NOTHING`,
        [
          p.placementId,
          p.candidateId,
          p.needId,
          p.employerId,
          p.placementType,
          p.startDate,
          p.support.supervisor,
          p.support.languageSupport,
          p.support.studyCounselling,
        ],
      );
    } else if (isEvent(event, FollowUpRecordedV1)) {
      // Her outcome at a checkpoint, for the equal-distribution aggregates (never published as a row).
      const p = event.payload;
      if (!(await this.candidates.find(em, p.candidateId))) return this.skip(event);
      await em.query(
        `INSERT INTO candidate.placement_follow_ups (placement_id, candidate_id, checkpoint_days, status, recorded_on)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (placement_id, checkpoint_days) DO NOTHING`,
        [p.placementId, p.candidateId, p.checkpointDays, p.status, p.recordedOn],
      );
    } else if (isEvent(event, PlacementEndedV1)) {
      const p = event.payload;
      if (!(await this.candidates.find(em, p.candidateId))) return this.skip(event);
      const [updated]: [unknown[]] = await em.query(
        `UPDATE candidate.placements SET end_date = $2, outcome = $3 WHERE placement_id = $1 AND candidate_id = $4 RETURNING placement_id`,
        [p.placementId, p.endDate, p.outcome, p.candidateId],
      );
      // An unknown placement (its start never reached us) is still an end of a placement: her waiting restarts.
      if (updated.length === 0) this.logger.write('warn', 'placement ended before it was known here', { placementId: p.placementId });
      await this.candidates.setWaitingSince(em, p.candidateId, p.endDate);
      await this.profiles.publish(em, CandidateProfileUpdatedV1, p.candidateId, {
        actor: event.envelope.actor,
        correlationId: event.envelope.correlationId,
        causationId: event.envelope.eventId,
      });
    }
  }

  private skip(event: ReceivedEvent): void {
    this.logger.write('info', 'placement event for a candidate not held here (erased or unknown): skipped', {
      eventId: event.envelope.eventId,
      type: event.type,
    });
  }
}
