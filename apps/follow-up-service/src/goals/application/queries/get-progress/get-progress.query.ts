import { Query } from '@nestjs/cqrs';
import type { Figure } from '../../../domain/goal';
import type { MunicipalityProgress, Progress } from '../../../domain/progress';

export interface GoalView {
  goalId: string;
  region: string;
  name: string;
  targetGroup: string;
  baselineMonth: string;
  targetMonth: string;
  reductionPercent: number;
  figures: Figure[];
}

export interface GoalProgressView extends GoalView {
  municipalities: (MunicipalityProgress & { name: string })[];
  cooperation: Progress & { municipalitiesCounted: number };
}

export class GetProgressQuery extends Query<GoalProgressView> {
  constructor(
    readonly region: string,
    readonly goalId: string,
  ) {
    super();
  }
}

export interface GoalPage {
  items: GoalView[];
  total: number;
  limit: number;
  offset: number;
}

export class ListGoalsQuery extends Query<GoalPage> {
  constructor(
    readonly region: string,
    readonly page: { limit: number; offset: number },
  ) {
    super();
  }
}
