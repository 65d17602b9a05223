import { Module } from '@nestjs/common';
import { EmployerAccess } from '../access/employer-access';
import { EmployersModule } from '../employers/employers.module';
import { RolesModule } from '../roles/roles.module';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { CloseNeedHandler } from './application/commands/close-need/close-need.handler';
import { OpenNeedHandler } from './application/commands/open-need/open-need.handler';
import { PostNeedHandler } from './application/commands/post-need/post-need.handler';
import { RecordPlacementHandler } from './application/commands/record-placement/record-placement.handler';
import { UpdateNeedHandler } from './application/commands/update-need/update-need.handler';
import { GetNeedHandler } from './application/queries/get-need/get-need.handler';
import { GetNeedsHandler } from './application/queries/get-needs/get-needs.handler';
import { ListNeedsHandler } from './application/queries/list-needs/list-needs.handler';
import { NeedPolicyFactory } from './application/need-policy';
import { NeedRepository } from './domain/need.repository';
import { PostgresNeedRepository } from './infrastructure/postgres-need.repository';
import { NeedsController } from './interface/http/needs.controller';
import { PlacementEventsConsumer } from './interface/messaging/placement-events.consumer';

@Module({
  imports: [EmployersModule, RolesModule, TaxonomyModule],
  controllers: [NeedsController, PlacementEventsConsumer],
  providers: [
    PostNeedHandler,
    UpdateNeedHandler,
    OpenNeedHandler,
    CloseNeedHandler,
    RecordPlacementHandler,
    GetNeedHandler,
    GetNeedsHandler,
    ListNeedsHandler,
    NeedPolicyFactory,
    { provide: NeedRepository, useClass: PostgresNeedRepository },
    EmployerAccess,
  ],
})
export class NeedsModule {}
