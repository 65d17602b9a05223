import { Outbox } from '@jobbspar/messaging';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NeedNotFoundError } from '../../../domain/need.errors';
import { NeedRepository } from '../../../domain/need.repository';
import { publishNeedEvents } from '../../need-events';
import { NeedPolicyFactory } from '../../need-policy';
import { OpenNeedCommand } from './open-need.command';

@CommandHandler(OpenNeedCommand)
export class OpenNeedHandler implements ICommandHandler<OpenNeedCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly needs: NeedRepository,
    private readonly policies: NeedPolicyFactory,
    private readonly outbox: Outbox,
  ) {}

  async execute({ needId, ctx }: OpenNeedCommand): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const need = await this.needs.findById(em, needId, { lock: true });
      if (!need) throw new NeedNotFoundError(needId);
      need.open(await this.policies.forCounty(em, need.toProps().countyCode));
      await this.needs.save(em, need);
      await publishNeedEvents(this.outbox, em, need, ctx);
    });
  }
}
