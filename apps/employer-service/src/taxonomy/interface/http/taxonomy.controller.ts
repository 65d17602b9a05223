import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Ctx, RequestContext } from '@jobbspar/platform';
import type { County, Municipality, Occupation, SkovdeRoleTemplate, Task } from '@jobbspar/taxonomy';
import { EmployerAccess } from '../../../access/employer-access';
import { RemoveShortageOverrideCommand } from '../../application/commands/remove-shortage-override/remove-shortage-override.command';
import { SetShortageOverrideCommand } from '../../application/commands/set-shortage-override/set-shortage-override.command';
import {
  CountyShortageView,
  GetCountyShortageQuery,
  ListShortageOverridesQuery,
  ShortageOverrideView,
} from '../../application/queries/shortage.query';
import * as views from '../../application/queries/taxonomy-views';
import { MunicipalitiesQuery, ShortageOverrideParams, ShortageOverrideRequest, ShortageQuery, TasksQuery } from './dto/taxonomy.request';
import {
  CountyResponse,
  CountyShortageResponse,
  MunicipalityResponse,
  OccupationResponse,
  RoleTemplateResponse,
  ShortageOverrideResponse,
  TaskResponse,
  TaxonomySummaryResponse,
} from './dto/taxonomy.response';

@ApiTags('taxonomy')
@Controller('taxonomy')
export class TaxonomyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: EmployerAccess,
  ) {}

  @Get()
  @ApiOperation({ summary: "The taxonomy's version and size" })
  @ApiOkResponse({ type: TaxonomySummaryResponse })
  summary(): views.TaxonomySummary {
    return views.taxonomySummary();
  }

  @Get('occupations')
  @ApiOperation({ summary: 'Occupations (SSYK 2012)' })
  @ApiOkResponse({ type: [OccupationResponse] })
  occupations(): readonly Occupation[] {
    return views.occupations();
  }

  @Get('tasks')
  @ApiOperation({ summary: 'Work tasks, all or of one occupation' })
  @ApiOkResponse({ type: [TaskResponse] })
  @ApiErrors(400, 422)
  tasks(@Query() query: TasksQuery): readonly Task[] {
    return views.tasks(query.ssyk);
  }

  @Get('counties')
  @ApiOperation({ summary: 'Counties (län)' })
  @ApiOkResponse({ type: [CountyResponse] })
  counties(): readonly County[] {
    return views.counties();
  }

  @Get('municipalities')
  @ApiOperation({ summary: 'Municipalities, all 290 or those of one county' })
  @ApiOkResponse({ type: [MunicipalityResponse] })
  @ApiErrors(400, 422)
  municipalities(@Query() query: MunicipalitiesQuery): readonly Municipality[] {
    return views.municipalities(query.county);
  }

  @Get('role-templates')
  @ApiOperation({ summary: "Skövde's new roles (serviceassistent, enhetsassistent) as ready compositions for POST /roles" })
  @ApiOkResponse({ type: [RoleTemplateResponse] })
  roleTemplates(): readonly SkovdeRoleTemplate[] {
    return views.roleTemplates();
  }

  @Get('shortage')
  @ApiOperation({ summary: "A county's shortage occupations, overrides applied" })
  @ApiOkResponse({ type: CountyShortageResponse })
  @ApiErrors(400, 422)
  shortage(@Query() query: ShortageQuery): Promise<CountyShortageView> {
    return this.queries.execute(new GetCountyShortageQuery(query.county));
  }

  @Get('shortage-overrides')
  @ApiOperation({ summary: "The administrator's shortage overrides" })
  @ApiOkResponse({ type: [ShortageOverrideResponse] })
  overrides(): Promise<ShortageOverrideView[]> {
    return this.queries.execute(new ListShortageOverridesQuery());
  }

  @Put('shortage-overrides')
  @ApiOperation({
    summary: 'Set the shortage flag of an occupation in a county (administrator)',
    description: 'Replaces the taxonomy default. Needs use it from their next post, opening or update.',
  })
  @ApiOkResponse({ type: CountyShortageResponse })
  @ApiErrors(400, 422)
  async setOverride(@Body() body: ShortageOverrideRequest, @Ctx() ctx: RequestContext): Promise<CountyShortageView> {
    this.access.assertOwnCounty(ctx.principal, body.countyCode);
    await this.commands.execute(
      new SetShortageOverrideCommand({ countyCode: body.countyCode, ssyk: body.ssyk, shortage: body.shortage }, ctx),
    );
    return this.queries.execute(new GetCountyShortageQuery(body.countyCode));
  }

  @Delete('shortage-overrides/:countyCode/:ssyk')
  @HttpCode(204)
  @ApiOperation({ summary: "Remove an override: back to the taxonomy's default" })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(400, 404)
  async removeOverride(@Param() params: ShortageOverrideParams, @Ctx() ctx: RequestContext): Promise<void> {
    this.access.assertOwnCounty(ctx.principal, params.countyCode);
    await this.commands.execute(new RemoveShortageOverrideCommand(params.countyCode, params.ssyk));
  }
}
