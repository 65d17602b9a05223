import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ServiceInfrastructureModule } from '@jobbspar/messaging';
import { ClockModule, serviceRoleFor } from '@jobbspar/platform';
import { MatchingConfig, matchingSettings, SCHEMA, SERVICE_NAME } from './config/env';
import { ENTITIES } from './database/entities';
import { MIGRATIONS } from './database/migrations';
import { LiveModule } from './live/live.module';
import { MatchingModule } from './matching/matching.module';
import { PlacementsModule } from './placements/placements.module';
import { ProposalsModule } from './proposals/proposals.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { SupplyModule } from './supply/supply.module';
import { WeightsModule } from './weights/weights.module';
import { WhyModule } from './why/why.module';

/** Paths this service answers under; the one-process composition routes them here. */
export const MATCHING_ROUTES = ['/matching', '/audit/matching-service'] as const;

/**
 * Partitions whose batches are applied at once (`npm run bench -- consume --compare-partitions N` measures another):
 * the engine's lock is taken only for a batch's matching, so one partition's decoding, inbox rows and projection
 * overlap another's matching and commit (issue 14: 3 measured 1.10–1.31× of 1, at less CPU per event).
 */
const CONCURRENT_PARTITIONS = 3;

/**
 * Events per batch, above libs/messaging's MAX_BATCH (250): `npm run bench -- consume --compare-batch N` measured
 * 1000 against 250 at half the PostgreSQL CPU per event, and 5000 against 1000 (a burst of 22k) at about half the
 * CPU per event again in both the service and PostgreSQL (issue 14): a batch's matching (its solve, its proposals,
 * its few dozen statements under the engine's lock) costs much the same whatever its size. A kill redelivers up to
 * about twice this; in a steady flow batches are as small as what each fetch brings.
 */
const MAX_BATCH_EVENTS = 5000;

@Module({})
export class MatchingAppModule {
  static forRoot(config: MatchingConfig): DynamicModule {
    return {
      module: MatchingAppModule,
      imports: [
        CqrsModule.forRoot(),
        ClockModule.using(config.clock),
        ServiceInfrastructureModule.forService({
          service: SERVICE_NAME,
          schema: SCHEMA,
          config,
          entities: ENTITIES,
          migrations: MIGRATIONS,
          // One assignment: one replica consumes and solves, the others stand by (and take turns for reviews).
          exclusiveConsumer: true,
          // Batches of different partitions at once: the engine's lock serialises their matching (the assignment), so
          // what overlaps is the rest (fetch, decode, validation, inbox rows, the projection of their own keys, commits).
          concurrentPartitions: config.concurrentPartitions ?? CONCURRENT_PARTITIONS,
          // A batch's matching costs a few dozen statements whatever its size (BatchScope): bigger batches pay.
          maxBatch: config.maxBatch ?? MAX_BATCH_EVENTS,
          rowLevelSecurity: true,
        }),
        ReadModelsModule,
        ProposalsModule,
        PlacementsModule,
        WeightsModule,
        SupplyModule,
        WhyModule,
        MatchingModule.forRoot(matchingSettings(config)),
        // LISTEN needs no table: the service's own role, never the owner.
        LiveModule.forRoot(serviceRoleFor(config.databaseUrl, SCHEMA, config.databaseServiceUrl).url),
      ],
    };
  }
}
