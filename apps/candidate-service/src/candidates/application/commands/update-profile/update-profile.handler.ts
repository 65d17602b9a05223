import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { CandidateProfileUpdatedV1 } from '@jobbspar/contracts';
import { DataSource } from 'typeorm';
import { CandidateProfile, checkProfile, sameProfile, tenantOf } from '../../../domain/candidate';
import { CandidateRepository } from '../../../domain/candidate.repository';
import { CandidateProfilePublisher } from '../../candidate-profile.publisher';
import { UpdateProfileCommand } from './update-profile.command';

@CommandHandler(UpdateProfileCommand)
export class UpdateProfileHandler implements ICommandHandler<UpdateProfileCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: CandidateRepository,
    private readonly profiles: CandidateProfilePublisher,
  ) {}

  async execute({ candidateId, changes, ctx }: UpdateProfileCommand): Promise<{ candidateId: string; revision: number }> {
    return this.dataSource.transaction(async (em) => {
      const current = await this.candidates.lock(em, candidateId);
      const next: CandidateProfile = {
        homeMunicipality: changes.homeMunicipality ?? current.homeMunicipality,
        availableFrom: changes.availableFrom ?? current.availableFrom,
        maxCommuteMinutes: changes.maxCommuteMinutes ?? current.maxCommuteMinutes,
        interests: changes.interests ? [...new Set(changes.interests)] : current.interests,
        supportNeeds: { ...current.supportNeeds, ...changes.supportNeeds },
        languages: changes.languages ? [...new Set(changes.languages)] : current.languages,
      };
      checkProfile(next);
      // Nothing changed, nothing to tell: consumers would only re-apply the same snapshot.
      if (sameProfile(current, next)) return { candidateId, revision: current.revision };
      await this.candidates.updateProfile(em, candidateId, tenantOf(next.homeMunicipality), next);
      const revision = await this.profiles.publish(em, CandidateProfileUpdatedV1, candidateId, ctx);
      return { candidateId, revision };
    });
  }
}
