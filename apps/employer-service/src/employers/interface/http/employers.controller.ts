import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Ctx, RequestContext } from '@jobbspar/platform';
import { EmployerAccess } from '../../../access/employer-access';
import { IdParams } from '../../../common/interface/http/id.params';
import type { Page } from '../../../common/page';
import { RegisterEmployerCommand } from '../../application/commands/register-employer/register-employer.command';
import type { EmployerView } from '../../application/queries/employer.view';
import { GetEmployerQuery } from '../../application/queries/get-employer/get-employer.query';
import { ListEmployersQuery } from '../../application/queries/list-employers/list-employers.query';
import { EmployerPageResponse, EmployerResponse } from './dto/employer.response';
import { ListEmployersRequest } from './dto/list-employers.request';
import { RegisterEmployerRequest } from './dto/register-employer.request';

@ApiTags('employers')
@Controller('employers')
export class EmployersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: EmployerAccess,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register an employer', description: 'Publishes EmployerRegistered v1 on employer.employers.' })
  @ApiCreatedResponse({ type: EmployerResponse })
  @ApiErrors(400, 409, 422)
  async register(@Body() body: RegisterEmployerRequest, @Ctx() ctx: RequestContext): Promise<EmployerView> {
    this.access.assertRegistersInOwnRegion(ctx.principal, body.municipalityCode);
    const { employerId } = await this.commands.execute(
      new RegisterEmployerCommand(
        {
          organisationNumber: body.organisationNumber,
          name: body.name,
          sector: body.sector,
          municipalityCode: body.municipalityCode,
          isMunicipality: body.isMunicipality ?? false,
        },
        ctx,
      ),
    );
    return this.queries.execute(new GetEmployerQuery(employerId));
  }

  @Get()
  @ApiOperation({ summary: 'List employers' })
  @ApiOkResponse({ type: EmployerPageResponse })
  @ApiErrors(400, 422)
  list(@Query() query: ListEmployersRequest): Promise<Page<EmployerView>> {
    return this.queries.execute(
      new ListEmployersQuery({
        municipalityCode: query.municipality,
        countyCode: query.county,
        isMunicipality: query.isMunicipality,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one employer' })
  @ApiOkResponse({ type: EmployerResponse })
  @ApiErrors(400, 404)
  get(@Param() { id }: IdParams): Promise<EmployerView> {
    return this.queries.execute(new GetEmployerQuery(id));
  }
}
