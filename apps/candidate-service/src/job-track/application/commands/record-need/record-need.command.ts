import { Command } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { TaskRequirement } from '../../../domain/job-track';

/** A need as posted or updated (its snapshot), or closed. */
export type NeedChange =
  | {
      kind: 'snapshot';
      needId: string;
      revision: number;
      status: string;
      roleId: string;
      workplaceMunicipality: string;
      tasks: readonly TaskRequirement[];
      positions: number;
      positionsFilled: number;
    }
  | { kind: 'closed'; needId: string; revision: number; status: string };

/** Runs inside the inbox transaction of the consumed event, so the effect and the inbox row commit together. */
export class RecordNeedCommand extends Command<void> {
  constructor(
    readonly change: NeedChange,
    readonly em: EntityManager,
  ) {
    super();
  }
}
