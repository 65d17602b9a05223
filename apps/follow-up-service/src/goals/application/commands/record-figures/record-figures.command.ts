import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@jobbspar/platform';
import type { Region } from '../../../../common/region';
import type { Figure, FigureInput } from '../../../domain/goal';

export class RecordFiguresCommand extends Command<{ recorded: Figure[] }> {
  constructor(
    readonly region: Region,
    readonly goalId: string,
    readonly rows: FigureInput[],
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
