import { DynamicModule, Module } from '@nestjs/common';
import { MatchingSettings } from '../config/env';
import { PlacementsModule } from '../placements/placements.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { WeightsModule } from '../weights/weights.module';
import { AssignmentDiffApplier } from './application/assignment-diff.applier';
import { AssignmentWhatIf } from './application/assignment-what-if';
import { CandidateErasure } from './application/candidate-erasure';
import { Capacities, MATCHING_SETTINGS } from './application/capacities';
import { MatchingEngine } from './application/matching.engine';
import { PairScorer } from './application/pair-scorer';
import { MatchEdgeRepository } from './domain/match-edge.repository';
import { PostgresMatchEdgeRepository } from './infrastructure/postgres-match-edge.repository';
import { SolverTurnRepository } from './domain/solver-turn.repository';
import { PostgresSolverTurnRepository } from './infrastructure/postgres-solver-turn.repository';

/**
 * The engine (matching.match_edges and the in-memory assignment) and what it is made of. Global: reviews,
 * placements and the read-model consumer all take the engine's lock in their own transactions, while the engine
 * uses those modules' ledgers; being global breaks that circle without the modules importing each other.
 */
@Module({})
export class MatchingModule {
  static forRoot(settings: MatchingSettings): DynamicModule {
    return {
      module: MatchingModule,
      global: true,
      imports: [ReadModelsModule, ProposalsModule, PlacementsModule, WeightsModule],
      providers: [
        { provide: MATCHING_SETTINGS, useValue: settings },
        { provide: MatchEdgeRepository, useClass: PostgresMatchEdgeRepository },
        { provide: SolverTurnRepository, useClass: PostgresSolverTurnRepository },
        PairScorer,
        Capacities,
        AssignmentDiffApplier,
        CandidateErasure,
        MatchingEngine,
        AssignmentWhatIf,
      ],
      // The why / why-not answer (why module) asks the engine's own scorer and what-if, never a copy of them.
      exports: [MatchingEngine, PairScorer, AssignmentWhatIf],
    };
  }
}
