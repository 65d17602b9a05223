import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ServiceInfrastructureModule } from '@jobbspar/messaging';
import { ClockModule } from '@jobbspar/platform';
import { EmployerConfig, SCHEMA, SERVICE_NAME } from './config/env';
import { ENTITIES } from './database/entities';
import { MIGRATIONS } from './database/migrations';
import { EmployersModule } from './employers/employers.module';
import { NeedsModule } from './needs/needs.module';
import { RolesModule } from './roles/roles.module';
import { TaxonomyModule } from './taxonomy/taxonomy.module';

/** Paths this service answers under; the one-process composition routes them here. */
export const EMPLOYER_ROUTES = ['/employers', '/roles', '/needs', '/taxonomy', '/audit/employer-service'] as const;

@Module({})
export class EmployerAppModule {
  static forRoot(config: EmployerConfig): DynamicModule {
    return {
      module: EmployerAppModule,
      imports: [
        CqrsModule.forRoot(),
        ServiceInfrastructureModule.forService({
          service: SERVICE_NAME,
          schema: SCHEMA,
          config,
          entities: ENTITIES,
          migrations: MIGRATIONS,
          rowLevelSecurity: true,
        }),
        ClockModule,
        TaxonomyModule,
        EmployersModule,
        RolesModule,
        NeedsModule,
      ],
    };
  }
}
