import { Outbox } from '@jobbspar/messaging';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NeedNotFoundError } from '../../../domain/need.errors';
import { NeedRepository } from '../../../domain/need.repository';
import { publishNeedEvents } from '../../need-events';
import { NeedPolicyFactory } from '../../need-policy';
import { UpdateNeedCommand } from './update-need.command';

@CommandHandler(UpdateNeedCommand)
export class UpdateNeedHandler implements ICommandHandler<UpdateNeedCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly needs: NeedRepository,
    private readonly policies: NeedPolicyFactory,
    private readonly outbox: Outbox,
  ) {}

  async execute({ needId, changes, ctx }: UpdateNeedCommand): Promise<{ changed: boolean }> {
    return this.dataSource.transaction(async (em) => {
      const need = await this.needs.findById(em, needId, { lock: true });
      if (!need) throw new NeedNotFoundError(needId);
      const changed = need.update(changes, await this.policies.forCounty(em, need.toProps().countyCode));
      if (!changed) return { changed: false };
      await this.needs.save(em, need);
      await publishNeedEvents(this.outbox, em, need, ctx);
      return { changed: true };
    });
  }
}
