import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConsentChangedV1 } from '@jobbspar/contracts';
import { Outbox } from '@jobbspar/messaging';
import { Clock } from '@jobbspar/platform';
import { DataSource } from 'typeorm';
import { CandidateRepository } from '../../../domain/candidate.repository';
import { ChangeConsentCommand, ConsentState } from './change-consent.command';

@CommandHandler(ChangeConsentCommand)
export class ChangeConsentHandler implements ICommandHandler<ChangeConsentCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: CandidateRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute({ candidateId, purpose, given, ctx }: ChangeConsentCommand): Promise<ConsentState> {
    return this.dataSource.transaction(async (em) => {
      await this.candidates.lock(em, candidateId);
      const current = (await this.candidates.consents(em, candidateId)).find((c) => c.purpose === purpose);
      if (current && current.given === given) return { candidateId, purpose, given, changedAt: current.changedAt, changed: false };
      const now = this.clock.now();
      await this.candidates.setConsent(em, candidateId, purpose, given, now, ctx.actor);
      // Without that consent the attributes have no basis to be kept: withdrawing it deletes them.
      if (purpose === 'follow-up-statistics' && !given) await this.candidates.deleteFollowUp(em, candidateId);
      const { revision, tenant } = await this.candidates.nextRevision(em, candidateId);
      await this.outbox.append(
        em,
        ConsentChangedV1,
        { candidateId, revision, purpose, given, changedAt: now.toISOString() },
        { tenant, aggregateId: candidateId, aggregateVersion: revision, ...ctx },
      );
      return { candidateId, purpose, given, changedAt: now.toISOString(), changed: true };
    });
  }
}
