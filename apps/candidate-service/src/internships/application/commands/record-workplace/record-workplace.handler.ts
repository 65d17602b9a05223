import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { WorkplaceRepository } from '../../../domain/workplace.repository';
import { RecordWorkplaceCommand } from './record-workplace.command';

/** An employer registered in employer-service is a workplace where internships can be. */
@CommandHandler(RecordWorkplaceCommand)
export class RecordWorkplaceHandler implements ICommandHandler<RecordWorkplaceCommand> {
  constructor(private readonly workplaces: WorkplaceRepository) {}

  async execute({ workplace, em }: RecordWorkplaceCommand): Promise<void> {
    await this.workplaces.record(em, workplace);
  }
}
