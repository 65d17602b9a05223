import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@jobbspar/platform';
import type { Region } from '../../../../common/region';

export interface SetGoalInput {
  name: string;
  targetGroup: string;
  baselineMonth: string;
  targetMonth: string;
  reductionPercent: number;
  /** The baselines (figures of the baseline month), optional here: they can be imported afterwards. */
  baselines: { municipality: string; value: number }[];
}

export class SetGoalCommand extends Command<{ goalId: string }> {
  constructor(
    readonly region: Region,
    readonly input: SetGoalInput,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
