import type { EntityManager } from 'typeorm';
import type { Role, RoleVersion } from './role';

/** A role and its versions are one aggregate; versions are only ever inserted. */
export abstract class RoleRepository {
  /** With `lock`, the role row is held until the transaction ends, so two revisions cannot claim one version number. */
  abstract findById(em: EntityManager, id: string, options?: { lock?: boolean }): Promise<Role | null>;
  abstract findStandardBySsyk(em: EntityManager, ssyk: string, options?: { lock?: boolean }): Promise<Role | null>;
  /** One version of a role, as a need freezes it. */
  abstract findVersion(em: EntityManager, roleId: string, version: number): Promise<RoleVersion | null>;
  /** Serialises concurrent requests for the standard role of one occupation until the transaction ends. */
  abstract lockStandardRole(em: EntityManager, ssyk: string): Promise<void>;
  abstract insert(em: EntityManager, role: Role, now: Date): Promise<void>;
  abstract addVersion(em: EntityManager, role: Role, version: RoleVersion): Promise<void>;
}
