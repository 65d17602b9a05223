import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../../common/tenant';
import type { PlacementType, SupportOffered } from '../../../domain/need';

export interface PostNeedInput {
  employerId: string;
  roleId: string;
  /** The role version to post with; the latest when absent. */
  roleVersion?: number;
  positions: number;
  workplaceMunicipality: string;
  startDate: string;
  placementType: PlacementType;
  support: SupportOffered;
  /** Open it right away (true) or keep it as a draft (false). */
  publish: boolean;
}

export class PostNeedCommand extends Command<{ needId: string }> {
  constructor(
    readonly input: PostNeedInput,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
