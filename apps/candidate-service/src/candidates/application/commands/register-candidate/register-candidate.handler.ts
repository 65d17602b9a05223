import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { CandidateRegisteredV1 } from '@jobbspar/contracts';
import { auditObject, Clock, swedishDay } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PersonalDataCipher } from '../../../../privacy/personal-data-cipher';
import { checkFollowUp, checkProfile, requireMatchingConsent, tenantOf } from '../../../domain/candidate';
import { IdentityNumberTakenError } from '../../../domain/candidate.errors';
import { parsePersonalIdentityNumber } from '../../../domain/personal-identity-number';
import { CandidateRepository } from '../../../domain/candidate.repository';
import { CandidateProfilePublisher } from '../../candidate-profile.publisher';
import { RegisterCandidateCommand } from './register-candidate.command';

@CommandHandler(RegisterCandidateCommand)
export class RegisterCandidateHandler implements ICommandHandler<RegisterCandidateCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PersonalDataCipher,
    private readonly candidates: CandidateRepository,
    private readonly profiles: CandidateProfilePublisher,
    private readonly clock: Clock,
  ) {}

  async execute({ input, ctx }: RegisterCandidateCommand): Promise<{ candidateId: string; revision: number }> {
    const now = this.clock.now();
    const today = swedishDay(now);
    checkProfile(input);
    requireMatchingConsent(input.consent?.matching);
    const identity =
      input.personalIdentityNumber === undefined ? undefined : parsePersonalIdentityNumber(input.personalIdentityNumber, today);
    if (input.followUp) checkFollowUp(input.followUp, today);

    const candidateId = randomUUID();
    auditObject(candidateId);
    const { dataKey, wrapped } = this.cipher.newDataKey(candidateId);
    const contact = this.cipher.encryptJson(dataKey, candidateId, 'contact', input.contact);
    const identityNumber = identity && this.cipher.encryptJson(dataKey, candidateId, 'identity-number', identity.normalised);
    const index = identity ? this.cipher.blindIndex('identity-number', identity.normalised) : null;

    return this.dataSource.transaction(async (em) => {
      // Serialises registrations with the same identity number, so the second one gets a 409 rather than a unique violation.
      if (index) await this.candidates.lockIdentityNumber(em, index);
      if (index && (await this.candidates.identityNumberTaken(em, index))) throw new IdentityNumberTakenError();
      await this.candidates.insert(em, {
        candidateId,
        tenant: tenantOf(input.homeMunicipality),
        revision: 0,
        homeMunicipality: input.homeMunicipality,
        availableFrom: input.availableFrom,
        maxCommuteMinutes: input.maxCommuteMinutes,
        interests: [...new Set(input.interests)],
        supportNeeds: input.supportNeeds,
        languages: [...new Set(input.languages)],
        waitingSince: today,
      });
      await this.candidates.insertPersonalData(
        em,
        candidateId,
        { wrappedDataKey: wrapped, contact, identityNumber: identityNumber ?? null },
        index,
      );
      await this.candidates.setConsent(em, candidateId, 'matching', true, now, ctx.actor);
      if (input.followUp) {
        // Giving follow-up attributes is itself the consent to use them for statistics; withdrawing it deletes them.
        await this.candidates.setConsent(em, candidateId, 'follow-up-statistics', true, now, ctx.actor);
        await this.candidates.insertFollowUp(em, candidateId, input.followUp);
      }
      const revision = await this.profiles.publish(em, CandidateRegisteredV1, candidateId, ctx);
      return { candidateId, revision };
    });
  }
}
