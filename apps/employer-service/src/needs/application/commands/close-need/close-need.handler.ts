import { Outbox } from '@jobbspar/messaging';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@jobbspar/platform';
import { NeedNotFoundError } from '../../../domain/need.errors';
import { NeedRepository } from '../../../domain/need.repository';
import { publishNeedEvents } from '../../need-events';
import { CloseNeedCommand } from './close-need.command';

@CommandHandler(CloseNeedCommand)
export class CloseNeedHandler implements ICommandHandler<CloseNeedCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly needs: NeedRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute({ needId, reason, ctx }: CloseNeedCommand): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const need = await this.needs.findById(em, needId, { lock: true });
      if (!need) throw new NeedNotFoundError(needId);
      need.close(reason, this.clock.now());
      await this.needs.save(em, need);
      await publishNeedEvents(this.outbox, em, need, ctx);
    });
  }
}
