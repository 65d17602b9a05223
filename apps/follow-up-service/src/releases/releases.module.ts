import { Module } from '@nestjs/common';
import { ReleaseRepository } from './domain/release.repository';
import { PostgresReleaseRepository } from './infrastructure/postgres-release.repository';

/** The ledger of released months, shared by the reports that publish a month (outcomes, equal distribution). */
@Module({
  providers: [{ provide: ReleaseRepository, useClass: PostgresReleaseRepository }],
  exports: [ReleaseRepository],
})
export class ReleasesModule {}
