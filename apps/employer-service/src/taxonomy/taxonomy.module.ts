import { Module } from '@nestjs/common';
import { RemoveShortageOverrideHandler } from './application/commands/remove-shortage-override/remove-shortage-override.handler';
import { SetShortageOverrideHandler } from './application/commands/set-shortage-override/set-shortage-override.handler';
import { GetCountyShortageHandler, ListShortageOverridesHandler } from './application/queries/shortage.query';
import { ShortageOverrideRepository } from './domain/shortage-override.repository';
import { PostgresShortageOverrideRepository } from './infrastructure/postgres-shortage-override.repository';
import { TaxonomyController } from './interface/http/taxonomy.controller';
import { EmployerAccess } from '../access/employer-access';

@Module({
  controllers: [TaxonomyController],
  providers: [
    EmployerAccess,
    SetShortageOverrideHandler,
    RemoveShortageOverrideHandler,
    GetCountyShortageHandler,
    ListShortageOverridesHandler,
    { provide: ShortageOverrideRepository, useClass: PostgresShortageOverrideRepository },
  ],
  exports: [ShortageOverrideRepository],
})
export class TaxonomyModule {}
