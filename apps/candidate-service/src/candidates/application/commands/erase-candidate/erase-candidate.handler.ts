import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { CandidateErasedV1 } from '@jobbspar/contracts';
import { Outbox } from '@jobbspar/messaging';
import { Clock } from '@jobbspar/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CandidateRepository } from '../../../infrastructure/candidate.repository';
import { EraseCandidateCommand } from './erase-candidate.command';

/** Child tables first; `candidates` last because the others reference it. */
const TABLES_BY_CANDIDATE = [
  'placement_follow_ups',
  'validations',
  'assessments',
  'internships',
  'placements',
  'consents',
  'follow_up_attributes',
  'personal_data',
  'candidates',
] as const;

/**
 * Erasure in one transaction: every row about her goes, including her wrapped data key (so any ciphertext that
 * survives elsewhere, e.g. in a backup, is unreadable), her outbox and inbox rows, and what remains is a tombstone
 * holding only the pseudonymous id and a time, plus the CandidateErased event that tells the other services to drop
 * what they hold on the id. Events never carried personal data, so what is already on Kafka is an id that now links
 * to nobody.
 */
@CommandHandler(EraseCandidateCommand)
export class EraseCandidateHandler implements ICommandHandler<EraseCandidateCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: CandidateRepository,
    private readonly outbox: Outbox,
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
      await this.eraseRows(em, candidateId);
      const now = this.clock.now();
      await em.query(`INSERT INTO candidate.erasures (candidate_id, erased_at) VALUES ($1, $2)`, [candidateId, now]);
      await this.outbox.append(
        em,
        CandidateErasedV1,
        { candidateId, erasedAt: now.toISOString() },
        { tenant: candidate.tenant, aggregateId: candidateId, aggregateVersion: candidate.revision + 1, ...ctx },
      );
      return { candidateId, erasedAt: now.toISOString(), alreadyErased: false };
    });
  }

  private async eraseRows(em: EntityManager, candidateId: string): Promise<void> {
    const placements: { placement_id: string }[] = await em.query(`SELECT placement_id FROM candidate.placements WHERE candidate_id = $1`, [
      candidateId,
    ]);
    const aggregateIds = [candidateId, ...placements.map((p) => p.placement_id)];
    for (const table of TABLES_BY_CANDIDATE) await em.query(`DELETE FROM candidate.${table} WHERE candidate_id = $1`, [candidateId]);
    // Waiting for the relay's row locks here is what keeps a half-published batch from resurrecting a deleted row.
    await em.query(`DELETE FROM candidate.outbox WHERE message_key = ANY($1) OR envelope->'payload'->>'candidateId' = $2`, [
      aggregateIds,
      candidateId,
    ]);
    await em.query(`DELETE FROM candidate.inbox WHERE aggregate_id = ANY($1)`, [aggregateIds]);
  }
}
