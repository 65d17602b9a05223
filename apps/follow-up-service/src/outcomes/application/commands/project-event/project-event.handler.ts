import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  CandidateErasedV1,
  CandidateProfileUpdatedV1,
  CandidateRegisteredV1,
  ConsentChangedV1,
  FollowUpRecordedV1,
  NeedClosedV1,
  NeedPostedV1,
  NeedUpdatedV1,
  PlacementStartedV1,
  ProposalCreatedV1,
  ProposalReviewedV1,
  TaskValidatedV1,
  TaskValidationRevokedV1,
} from '@jobbspar/contracts';
import { Inbox, isEvent } from '@jobbspar/messaging';
import { swedishDay } from '@jobbspar/platform';
import { OutcomeProjectionRepository } from '../../../domain/outcome-projection.repository';
import { ProjectEventCommand } from './project-event.command';

/**
 * Each event a fact of the projection; a fact about a candidate erased here is skipped, so late events cannot bring
 * her back. The day of a registration, a proposal or an acceptance is the day (in Sweden) the event was recorded;
 * tasks, placements and checkpoints carry their own days.
 */
@CommandHandler(ProjectEventCommand)
export class ProjectEventHandler implements ICommandHandler<ProjectEventCommand> {
  constructor(
    private readonly projection: OutcomeProjectionRepository,
    private readonly inbox: Inbox,
  ) {}

  async execute({ event }: ProjectEventCommand): Promise<void> {
    const { em, envelope } = event;
    const day = swedishDay(new Date(envelope.occurredAt));
    const candidateId = (event.payload as { candidateId?: string }).candidateId;
    if (candidateId !== undefined && !isEvent(event, CandidateErasedV1) && (await this.projection.isErased(em, candidateId))) return;

    if (isEvent(event, CandidateRegisteredV1) || isEvent(event, CandidateProfileUpdatedV1)) {
      const p = event.payload;
      await this.projection.upsertPerson(em, {
        candidateId: p.candidateId,
        region: envelope.tenant,
        municipality: p.homeMunicipality,
        revision: p.revision,
        occurredOn: day,
        maxCommuteMinutes: p.maxCommuteMinutes,
        availableFrom: p.availableFrom,
        matchingConsent: p.matchingConsent,
      });
    } else if (isEvent(event, ConsentChangedV1)) {
      if (event.payload.purpose === 'matching') {
        await this.projection.setMatchingConsent(em, event.payload.candidateId, event.payload.revision, event.payload.given);
      }
    } else if (isEvent(event, TaskValidatedV1)) {
      await this.projection.firstDate(em, event.payload.candidateId, 'task', event.payload.assessedOn);
      await this.projection.setTaskLevel(em, event.payload.candidateId, event.payload.taskId, event.payload.effectiveLevel);
    } else if (isEvent(event, TaskValidationRevokedV1)) {
      await this.projection.setTaskLevel(em, event.payload.candidateId, event.payload.taskId, event.payload.effectiveLevel);
    } else if (isEvent(event, CandidateErasedV1)) {
      const placementIds = await this.projection.erase(em, event.payload.candidateId);
      // Her inbox rows go; the tombstone (by her tag) is what keeps a redelivered event of hers from applying.
      await this.inbox.forget(em, [event.payload.candidateId, ...placementIds]);
    } else if (isEvent(event, ProposalCreatedV1)) {
      await this.projection.firstDate(em, event.payload.candidateId, 'proposed', day);
    } else if (isEvent(event, ProposalReviewedV1)) {
      if (event.payload.decision === 'accepted') await this.projection.firstDate(em, event.payload.candidateId, 'accepted', day);
    } else if (isEvent(event, PlacementStartedV1)) {
      const p = event.payload;
      await this.projection.addPlacement(em, {
        placementId: p.placementId,
        candidateId: p.candidateId,
        region: envelope.tenant,
        type: p.placementType,
        startDate: p.startDate,
        support: { ...p.support },
      });
    } else if (isEvent(event, FollowUpRecordedV1)) {
      const p = event.payload;
      await this.projection.addCheckpoint(em, {
        placementId: p.placementId,
        candidateId: p.candidateId,
        days: p.checkpointDays,
        status: p.status,
        recordedOn: p.recordedOn,
      });
    } else if (isEvent(event, NeedPostedV1) || isEvent(event, NeedUpdatedV1)) {
      const n = event.payload;
      await this.projection.upsertNeed(em, {
        needId: n.needId,
        region: envelope.tenant,
        municipality: n.workplaceMunicipality,
        revision: n.revision,
        status: n.status,
        positionsLeft: Math.max(0, n.positions - n.positionsFilled),
        tasks: n.tasks.map((t) => ({ taskId: t.taskId, requiredLevel: t.requiredLevel, weight: t.weight })),
      });
    } else if (isEvent(event, NeedClosedV1)) {
      await this.projection.closeNeed(em, event.payload.needId, event.payload.revision, event.payload.status);
    }
    // Other events (employers, roles, withdrawn proposals, ended placements) change no outcome figure.
  }
}
