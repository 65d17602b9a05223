import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Ctx, RequestContext } from '@jobbspar/platform';
import type { FastifyReply as Response } from 'fastify';
import { IdParams } from '../../../common/interface/http/id.params';
import type { Page } from '../../../common/page';
import { ComposeRoleCommand } from '../../application/commands/compose-role/compose-role.command';
import { DefineStandardRoleCommand } from '../../application/commands/define-standard-role/define-standard-role.command';
import { ReviseRoleCommand } from '../../application/commands/revise-role/revise-role.command';
import { GetRoleQuery } from '../../application/queries/get-role/get-role.query';
import { GetRoleVersionQuery } from '../../application/queries/get-role-version/get-role-version.query';
import { ListRolesQuery } from '../../application/queries/list-roles/list-roles.query';
import type { RoleVersionView, RoleView, RoleWithVersionsView } from '../../application/queries/role.view';
import { ListRolesRequest, RoleVersionParams } from './dto/list-roles.request';
import { ComposeRoleRequest, DefineStandardRoleRequest, ReviseRoleRequest, RoleContentRequest } from './dto/role-composition.request';
import { RolePageResponse, RoleVersionResponse, RoleWithVersionsResponse } from './dto/role.response';

function composition(body: RoleContentRequest) {
  return {
    name: body.name,
    tasks: body.tasks.map((t) => ({ taskId: t.taskId, requiredLevel: t.requiredLevel, weight: t.weight })),
    ...(body.occupations ? { occupations: body.occupations } : {}),
  };
}

@ApiTags('roles')
@Controller('roles')
export class RolesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('standard')
  @ApiOperation({
    summary: "Define an occupation's standard role",
    description:
      "Takes the occupation's core tasks as must-haves (level 2) and its other tasks as nice-to-haves (level 1). 201 and RoleDefined v1 when created; 200 when the role exists already (with a new version and RoleVersioned v1 only if the taxonomy changed it).",
  })
  @ApiCreatedResponse({ type: RoleWithVersionsResponse, description: 'Created' })
  @ApiOkResponse({ type: RoleWithVersionsResponse, description: 'Already defined' })
  @ApiErrors(400, 422)
  async defineStandard(
    @Body() body: DefineStandardRoleRequest,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RoleWithVersionsView> {
    const { roleId, created } = await this.commands.execute(new DefineStandardRoleCommand(body.ssyk, ctx));
    res.status(created ? 201 : 200);
    return this.queries.execute(new GetRoleQuery(roleId));
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Compose a new role (municipal HR)',
    description: 'A municipality composes a role from tasks of one or more occupations. Publishes RoleDefined v1 on employer.roles.',
  })
  @ApiCreatedResponse({ type: RoleWithVersionsResponse })
  @ApiErrors(400, 404, 422)
  async compose(@Body() body: ComposeRoleRequest, @Ctx() ctx: RequestContext): Promise<RoleWithVersionsView> {
    const { roleId } = await this.commands.execute(new ComposeRoleCommand(body.employerId, composition(body), ctx));
    return this.queries.execute(new GetRoleQuery(roleId));
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Change a composed role: a new version',
    description:
      'Creates the next version and publishes RoleVersioned v1; needs already posted keep their version. Sending the current content again changes nothing.',
  })
  @ApiOkResponse({ type: RoleWithVersionsResponse })
  @ApiErrors(400, 404, 409, 422)
  async revise(@Param() { id }: IdParams, @Body() body: ReviseRoleRequest, @Ctx() ctx: RequestContext): Promise<RoleWithVersionsView> {
    await this.commands.execute(new ReviseRoleCommand(id, composition(body), ctx));
    return this.queries.execute(new GetRoleQuery(id));
  }

  @Get()
  @ApiOperation({ summary: 'List roles (latest versions)' })
  @ApiOkResponse({ type: RolePageResponse })
  @ApiErrors(400, 422)
  list(@Query() query: ListRolesRequest): Promise<Page<RoleView>> {
    return this.queries.execute(
      new ListRolesQuery({
        kind: query.kind,
        employerId: query.employerId,
        ssyk: query.occupation,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a role with all its versions' })
  @ApiOkResponse({ type: RoleWithVersionsResponse })
  @ApiErrors(400, 404)
  get(@Param() { id }: IdParams): Promise<RoleWithVersionsView> {
    return this.queries.execute(new GetRoleQuery(id));
  }

  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'Get one version of a role' })
  @ApiOkResponse({ type: RoleVersionResponse })
  @ApiErrors(400, 404)
  getVersion(@Param() { id, version }: RoleVersionParams): Promise<RoleVersionView> {
    return this.queries.execute(new GetRoleVersionQuery(id, version));
  }
}
