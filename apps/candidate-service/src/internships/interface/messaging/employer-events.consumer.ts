import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern } from '@nestjs/microservices';
import { EmployerRegisteredV1, Topics } from '@jobbspar/contracts';
import { isEvent, type ReceivedEvent } from '@jobbspar/messaging';
import { RecordWorkplaceCommand } from '../../application/commands/record-workplace/record-workplace.command';

/** Workplaces for internships: every employer registered in employer-service. */
@Controller()
export class EmployerEventsConsumer {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(Topics.employers)
  async onEmployerEvent(event: ReceivedEvent): Promise<void> {
    if (!isEvent(event, EmployerRegisteredV1)) return;
    const { employerId, name, municipalityCode, organisationNumber } = event.payload;
    await this.commands.execute(
      new RecordWorkplaceCommand({ workplaceId: employerId, name, municipalityCode, organisationNumber }, event.em),
    );
  }
}
