import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { CandidateErasedV1 } from '@jobbspar/contracts';
import { Inbox, Outbox } from '@jobbspar/messaging';
import { asServiceWithin, Clock, IdempotencyRecords } from '@jobbspar/platform';
import { DataSource } from 'typeorm';
import { SERVICE_NAME } from '../../../../config/env';
import { InternshipRepository } from '../../../../internships/domain/internship.repository';
import { CandidateRepository } from '../../../domain/candidate.repository';
import { PlacementRepository } from '../../../domain/placement.repository';
import { EraseCandidateCommand } from './erase-candidate.command';

/**
 * Erasure in one transaction: every row about her goes, each through the repository that owns it (children first),
 * including her wrapped data key (so any ciphertext that survives elsewhere, e.g. in a backup, is unreadable), her
 * outbox, inbox and recorded-response rows, and what remains is a tombstone holding only a tag of her id (a keyed
 * hash, libs/messaging erasure-tags.ts) and a time, plus the CandidateErased event that tells the other services to
 * drop what they hold on the id (deleted from the outbox once sent). Events never carried
 * personal data, so what is already on Kafka is an id that now links to nobody.
 */
@CommandHandler(EraseCandidateCommand)
export class EraseCandidateHandler implements ICommandHandler<EraseCandidateCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: CandidateRepository,
    private readonly internships: InternshipRepository,
    private readonly placements: PlacementRepository,
    private readonly outbox: Outbox,
    private readonly inbox: Inbox,
    private readonly idempotency: IdempotencyRecords,
    private readonly clock: Clock,
  ) {}

  async execute({ candidateId, ctx }: EraseCandidateCommand): Promise<{ candidateId: string; erasedAt: string; alreadyErased: boolean }> {
    return this.dataSource.transaction(async (em) => {
      const erasedAt = await this.candidates.erasedAt(em, candidateId);
      if (erasedAt) return { candidateId, erasedAt, alreadyErased: true };
      const candidate = await this.candidates.lock(em, candidateId).catch(async (error: unknown) => {
        // A concurrent erasure held the lock and removed her row: the second call is a repeat, not an unknown id.
        const erasedMeanwhile = await this.candidates.erasedAt(em, candidateId);
        if (erasedMeanwhile) return erasedMeanwhile;
        throw error;
      });
      if (typeof candidate === 'string') return { candidateId, erasedAt: candidate, alreadyErased: true };
      await this.internships.forgetCandidate(em, candidateId);
      const placementIds = await this.placements.forgetCandidate(em, candidateId);
      const now = this.clock.now();
      await this.candidates.erase(em, candidateId, now);
      // Events about her placements name her too. Waiting for the relay's row locks here is what keeps a
      // half-published batch from resurrecting a deleted row.
      const aggregateIds = [candidateId, ...placementIds];
      // As the service: the outbox rows naming her may be another tenant's (an event's tenant is its aggregate's).
      await asServiceWithin(em, SERVICE_NAME, () =>
        this.outbox.forget(em, { aggregateIds, payloadField: 'candidateId', value: candidateId }),
      );
      // Her inbox rows keep their event ids but name her tag: the tombstone, keyed by her tag, keeps a redelivered event
      // of hers from applying. The inbox is the consumers' record, the service's alone: changed as the service, in her
      // coordinator's transaction.
      await asServiceWithin(em, SERVICE_NAME, () => this.inbox.forget(em, aggregateIds));
      // A retried registration answers 404 (her id was in its recorded answer), and registers nobody.
      await this.idempotency.forgetResultsNaming(em, candidateId);
      await this.outbox.append(
        em,
        CandidateErasedV1,
        { candidateId, erasedAt: now.toISOString() },
        { tenant: candidate.tenant, aggregateId: candidateId, aggregateVersion: candidate.revision + 1, ...ctx },
      );
      // The erasure event itself must go out, and then go: the relay deletes it once sent. Marking a row is the
      // relay's bookkeeping, the service's alone (row-level security lets only the service update the outbox).
      await asServiceWithin(em, SERVICE_NAME, () =>
        this.outbox.forgetOncePublished(em, { aggregateIds: [candidateId], payloadField: 'candidateId', value: candidateId }),
      );
      return { candidateId, erasedAt: now.toISOString(), alreadyErased: false };
    });
  }
}
