import { Command } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { RoleVersionRecord } from '../../../domain/role-and-need.repository';

/** Runs inside the inbox transaction of the consumed event, so the effect and the inbox row commit together. */
export class RecordRoleVersionCommand extends Command<void> {
  constructor(
    readonly role: RoleVersionRecord,
    readonly em: EntityManager,
  ) {
    super();
  }
}
