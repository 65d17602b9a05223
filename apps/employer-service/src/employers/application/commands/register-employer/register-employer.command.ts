import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../../common/tenant';
import type { Sector } from '../../../domain/employer';

export class RegisterEmployerCommand extends Command<{ employerId: string }> {
  constructor(
    readonly input: { organisationNumber: string; name: string; sector: Sector; municipalityCode: string; isMunicipality: boolean },
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
