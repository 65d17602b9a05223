import type { EntityManager } from 'typeorm';
import type { Employer } from './employer';

/** Employers as stored. Every method takes the EntityManager of the caller's transaction. */
export abstract class EmployerRepository {
  abstract findById(em: EntityManager, id: string): Promise<Employer | null>;
  abstract findIdByOrganisationNumber(em: EntityManager, organisationNumber: string): Promise<string | null>;
  abstract insert(em: EntityManager, employer: Employer): Promise<void>;
}
