import { DynamicModule, Module } from '@nestjs/common';
import { MatchingSettings } from '../config/env';
import { PlacementsService } from '../placements/application/placements.service';
import { PlacementsController } from '../placements/interface/http/placements.controller';
import { ProposalsService } from '../proposals/application/proposals.service';
import { ProposalsController } from '../proposals/interface/http/proposals.controller';
import { WeightsService } from '../weights/application/weights.service';
import { WeightsController } from '../weights/interface/http/weights.controller';
import { MATCHING_SETTINGS, MatchingEngine } from './application/matching.engine';

/**
 * The engine and everything that shares it: proposals, placements and weights live in one module because a review
 * and a placement take the same matching lock as the event consumers.
 */
@Module({})
export class MatchingModule {
  static forRoot(settings: MatchingSettings): DynamicModule {
    return {
      module: MatchingModule,
      global: true,
      controllers: [ProposalsController, PlacementsController, WeightsController],
      providers: [{ provide: MATCHING_SETTINGS, useValue: settings }, MatchingEngine, WeightsService, ProposalsService, PlacementsService],
      exports: [MatchingEngine, WeightsService],
    };
  }
}
