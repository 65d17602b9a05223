import { RoleDefinedV1, RoleVersionedV1, RoleVersionV1Payload } from '@jobbspar/contracts';
import { Outbox } from '@jobbspar/messaging';
import { EntityManager } from 'typeorm';
import type { CommandContext } from '../../common/tenant';
import type { Role, RoleChange } from '../domain/role';

/** Turns a role change into its contract (RoleDefined for version 1, RoleVersioned after) in the caller's transaction. */
export async function publishRoleChange(
  outbox: Outbox,
  em: EntityManager,
  role: Role,
  change: RoleChange,
  ctx: CommandContext,
): Promise<void> {
  const v = change.version;
  const payload: RoleVersionV1Payload = {
    roleId: role.id,
    version: v.version,
    ...(role.employerId ? { employerId: role.employerId } : {}),
    name: v.name,
    kind: role.kind,
    occupations: [...v.occupations],
    tasks: v.tasks.map((t) => ({ taskId: t.taskId, requiredLevel: t.requiredLevel, weight: t.weight })),
    taxonomyVersion: v.taxonomyVersion,
  };
  const contract = change.kind === 'defined' ? RoleDefinedV1 : RoleVersionedV1;
  await outbox.append(em, contract, payload, { tenant: role.tenant, aggregateId: role.id, aggregateVersion: v.version, ...ctx });
}
