import type { EntityManager } from 'typeorm';

export interface WorkplaceRecord {
  workplaceId: string;
  name: string;
  municipalityCode: string;
  /** The employer's organisation number: a supervisor whose token names it works there. */
  organisationNumber: string;
}

/** Where internships can be: every employer employer-service registered (`candidate.workplaces`). */
export abstract class WorkplaceRepository {
  /** Records a workplace, or its new name and municipality. */
  abstract record(em: EntityManager, w: WorkplaceRecord): Promise<void>;
  abstract exists(em: EntityManager, workplaceId: string): Promise<boolean>;
}
