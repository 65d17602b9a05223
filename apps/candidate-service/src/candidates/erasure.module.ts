import { Module } from '@nestjs/common';
import { InternshipsModule } from '../internships/internships.module';
import { EraseCandidateHandler } from './application/commands/erase-candidate/erase-candidate.handler';
import { CandidatesModule } from './candidates.module';

/** Erasure deletes rows every feature owns, each through its owner's repository: it stands on both modules. */
@Module({
  imports: [CandidatesModule, InternshipsModule],
  providers: [EraseCandidateHandler],
})
export class ErasureModule {}
