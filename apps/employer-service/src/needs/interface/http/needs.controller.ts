import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Ctx, RequestContext } from '@jobbspar/platform';
import { EmployerAccess } from '../../../access/employer-access';
import { IdParams } from '../../../common/interface/http/id.params';
import type { Page } from '../../../common/page';
import { CloseNeedCommand } from '../../application/commands/close-need/close-need.command';
import { OpenNeedCommand } from '../../application/commands/open-need/open-need.command';
import { PostNeedCommand } from '../../application/commands/post-need/post-need.command';
import { UpdateNeedCommand } from '../../application/commands/update-need/update-need.command';
import { GetNeedQuery } from '../../application/queries/get-need/get-need.query';
import { GetNeedsQuery } from '../../application/queries/get-needs/get-needs.query';
import { ListNeedsQuery } from '../../application/queries/list-needs/list-needs.query';
import type { NeedView } from '../../application/queries/need.view';
import { ListNeedsRequest } from './dto/list-needs.request';
import { NeedIdsRequest } from './dto/need-ids.request';
import { CloseNeedRequest, PostNeedRequest, UpdateNeedRequest } from './dto/need.request';
import { NeedListResponse, NeedPageResponse, NeedResponse } from './dto/need.response';

const support = (s: { supervisorCapacity: number; pairInternshipAllowed: boolean; languageSupport: boolean }) => ({
  supervisorCapacity: s.supervisorCapacity,
  pairInternshipAllowed: s.pairInternshipAllowed,
  languageSupport: s.languageSupport,
});

@ApiTags('needs')
@Controller('needs')
export class NeedsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: EmployerAccess,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Post a competence need',
    description:
      'Open right away (publish NeedPosted v1 on employer.needs) or, with publish=false, keep as a draft that publishes nothing until opened.',
  })
  @ApiCreatedResponse({ type: NeedResponse })
  @ApiErrors(400, 404, 422)
  async post(@Body() body: PostNeedRequest, @Ctx() ctx: RequestContext): Promise<NeedView> {
    await this.access.assertEmployerVisible(ctx.principal, body.employerId, 'employerId');
    const { needId } = await this.commands.execute(
      new PostNeedCommand(
        {
          employerId: body.employerId,
          roleId: body.roleId,
          roleVersion: body.roleVersion,
          positions: body.positions,
          workplaceMunicipality: body.workplaceMunicipality,
          startDate: body.startDate,
          placementType: body.placementType,
          support: support(body.support),
          publish: body.publish ?? true,
        },
        ctx,
      ),
    );
    return this.queries.execute(new GetNeedQuery(needId));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change positions, start date, placement type or support',
    description: 'A published need publishes NeedUpdated v1 (full snapshot, next revision). Filled or closed needs cannot change (409).',
  })
  @ApiOkResponse({ type: NeedResponse })
  @ApiErrors(400, 404, 409, 422)
  async update(@Param() { id }: IdParams, @Body() body: UpdateNeedRequest, @Ctx() ctx: RequestContext): Promise<NeedView> {
    await this.access.assertNeedVisible(ctx.principal, id);
    await this.commands.execute(
      new UpdateNeedCommand(
        id,
        {
          positions: body.positions,
          startDate: body.startDate,
          placementType: body.placementType,
          support: body.support ? support(body.support) : undefined,
        },
        ctx,
      ),
    );
    return this.queries.execute(new GetNeedQuery(id));
  }

  @Post(':id/open')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open a draft', description: 'draft → open; publishes NeedPosted v1.' })
  @ApiOkResponse({ type: NeedResponse })
  @ApiErrors(400, 404, 409, 422)
  async open(@Param() { id }: IdParams, @Ctx() ctx: RequestContext): Promise<NeedView> {
    await this.access.assertNeedVisible(ctx.principal, id);
    await this.commands.execute(new OpenNeedCommand(id, ctx));
    return this.queries.execute(new GetNeedQuery(id));
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a need', description: 'draft or open → closed; a published need publishes NeedClosed v1.' })
  @ApiOkResponse({ type: NeedResponse })
  @ApiErrors(400, 404, 409)
  async close(@Param() { id }: IdParams, @Body() body: CloseNeedRequest, @Ctx() ctx: RequestContext): Promise<NeedView> {
    await this.access.assertNeedVisible(ctx.principal, id);
    await this.commands.execute(new CloseNeedCommand(id, body.reason ?? 'withdrawn', ctx));
    return this.queries.execute(new GetNeedQuery(id));
  }

  @Get()
  @ApiOperation({
    summary: 'List needs',
    description: 'Open needs unless `status` says otherwise (`any`: every status); filters combine with AND; newest first.',
  })
  @ApiOkResponse({ type: NeedPageResponse })
  @ApiErrors(400, 422)
  list(@Query() q: ListNeedsRequest, @Ctx() ctx: RequestContext): Promise<Page<NeedView>> {
    return this.queries.execute(
      new ListNeedsQuery({
        municipality: q.municipality,
        county: q.county,
        occupation: q.occupation,
        shortageOnly: q.shortageOnly,
        // Open needs unless asked otherwise: drafts, closed and filled needs are what an employer looks up on purpose.
        status: q.status === 'any' ? undefined : (q.status ?? 'open'),
        placementType: q.placementType,
        employerId: q.employerId,
        roleId: q.roleId,
        text: q.q?.trim() || undefined,
        limit: q.limit,
        offset: q.offset,
        visibleTo: ctx.principal,
      }),
    );
  }

  // Before `:id`: `batch` is not a need id.
  @Get('batch')
  @ApiOperation({
    summary: "Several needs by id in one call (a page's needs, e.g. the review queue's)",
    description:
      'Every status. Only the needs the caller may see, in the order asked; an unknown id, or a need she may not see, is left out (the single read answers both with 404).',
  })
  @ApiOkResponse({ type: NeedListResponse })
  @ApiErrors(400)
  async getMany(@Query() { ids }: NeedIdsRequest, @Ctx() ctx: RequestContext): Promise<{ items: NeedView[] }> {
    return { items: await this.queries.execute(new GetNeedsQuery(ids, ctx.principal)) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one need' })
  @ApiOkResponse({ type: NeedResponse })
  @ApiErrors(400, 404)
  async get(@Param() { id }: IdParams, @Ctx() ctx: RequestContext): Promise<NeedView> {
    return this.queries.execute(new GetNeedQuery(id, ctx.principal));
  }
}
