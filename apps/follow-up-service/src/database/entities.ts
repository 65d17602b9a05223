import { GoalFigureOrmEntity, GoalOrmEntity } from '../goals/infrastructure/goal.orm-entity';

/** Every TypeORM entity of this service; the projection and the releases are plain SQL in their repositories. */
export const ENTITIES: Function[] = [GoalOrmEntity, GoalFigureOrmEntity];
