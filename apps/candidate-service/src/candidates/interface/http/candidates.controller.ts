import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Ctx, type RequestContext } from '@jobbspar/platform';
import { CandidateAccess } from '../../../access/candidate-access';
import { ChangeConsentCommand } from '../../application/commands/change-consent/change-consent.command';
import { EraseCandidateCommand } from '../../application/commands/erase-candidate/erase-candidate.command';
import { RegisterCandidateCommand } from '../../application/commands/register-candidate/register-candidate.command';
import { UpdateProfileCommand } from '../../application/commands/update-profile/update-profile.command';
import { GetCandidateQuery } from '../../application/queries/get-candidate/get-candidate.query';
import { ListCandidatesQuery } from '../../application/queries/list-candidates/list-candidates.query';
import { CandidateNamesQuery } from '../../application/queries/candidate-names/candidate-names.query';
import { FollowUpStatisticsQuery } from '../../application/queries/follow-up-statistics/follow-up-statistics.query';
import {
  CandidateNamesResponse,
  CandidatePageResponse,
  CandidateRegisteredResponse,
  CandidateResponse,
  ConsentResponse,
  FollowUpStatisticsResponse,
} from './dto/candidate.response';
import { CandidateNamesRequest } from './dto/candidate-names.request';
import { ChangeConsentRequest } from './dto/change-consent.request';
import { IdParams } from './dto/id.params';
import { FollowUpStatisticsRequest, ListCandidatesRequest } from './dto/list-candidates.request';
import { RegisterCandidateRequest } from './dto/register-candidate.request';
import { UpdateProfileRequest } from './dto/update-profile.request';

@ApiTags('candidates')
@Controller('candidates')
export class CandidatesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: CandidateAccess,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a candidate (requires matching consent); returns her pseudonymous id' })
  @ApiCreatedResponse({ type: CandidateRegisteredResponse })
  @ApiErrors(400, 409, 422)
  async register(@Body() body: RegisterCandidateRequest, @Ctx() ctx: RequestContext): Promise<CandidateRegisteredResponse> {
    this.access.assertMunicipalityCovered(ctx.principal, body.homeMunicipality);
    return this.commands.execute(new RegisterCandidateCommand(body, ctx));
  }

  @Get()
  @ApiOperation({ summary: 'List candidates, paginated; profiles only, no contact details' })
  @ApiOkResponse({ type: CandidatePageResponse })
  @ApiErrors(400)
  async list(@Query() query: ListCandidatesRequest, @Ctx() ctx: RequestContext): Promise<CandidatePageResponse> {
    return this.queries.execute(
      new ListCandidatesQuery(query.page ?? 1, query.pageSize ?? 20, query.homeMunicipality, ctx.principal?.municipalities ?? []),
    );
  }

  // Before `:id`: `names` is not a candidate id.
  @Get('names')
  @ApiOperation({
    summary:
      "The display names of a page's candidates in one call (the review queue, the placements): only those of the caller's area, the others left out",
  })
  @ApiOkResponse({ type: CandidateNamesResponse })
  @ApiErrors(400)
  async names(@Query() query: CandidateNamesRequest, @Ctx() ctx: RequestContext): Promise<CandidateNamesResponse> {
    return this.queries.execute(new CandidateNamesQuery(query.ids, ctx.principal?.municipalities));
  }

  @Get(':id')
  @ApiOperation({ summary: "A coordinator's view of a candidate, with contact details" })
  @ApiOkResponse({ type: CandidateResponse })
  @ApiErrors(400, 404)
  async get(@Param() { id }: IdParams, @Ctx() ctx: RequestContext): Promise<CandidateResponse> {
    await this.access.assertCandidateVisible(ctx.principal, id);
    return this.queries.execute(new GetCandidateQuery(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change her profile; publishes the full profile as CandidateProfileUpdated' })
  @ApiOkResponse({ type: CandidateRegisteredResponse })
  @ApiErrors(400, 404, 422)
  async update(
    @Param() { id }: IdParams,
    @Body() body: UpdateProfileRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<CandidateRegisteredResponse> {
    await this.access.assertCandidateVisible(ctx.principal, id);
    return this.commands.execute(new UpdateProfileCommand(id, body, ctx));
  }

  @Post(':id/consent')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give or withdraw a consent; withdrawing matching consent stops matching her' })
  @ApiOkResponse({ type: ConsentResponse })
  @ApiErrors(400, 404)
  async consent(@Param() { id }: IdParams, @Body() body: ChangeConsentRequest, @Ctx() ctx: RequestContext): Promise<ConsentResponse> {
    await this.access.assertCandidateVisible(ctx.principal, id);
    return this.commands.execute(new ChangeConsentCommand(id, body.purpose, body.given, ctx));
  }

  @Post(':id/erasure')
  @HttpCode(204)
  @ApiOperation({ summary: 'Erase her personal data (idempotent); publishes CandidateErased' })
  @ApiNoContentResponse({ description: 'Erased, now or before' })
  @ApiErrors(400, 404)
  async erase(@Param() { id }: IdParams, @Ctx() ctx: RequestContext): Promise<void> {
    await this.access.assertCandidateVisible(ctx.principal, id, 'handler');
    await this.commands.execute(new EraseCandidateCommand(id, ctx));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Same as POST /candidates/{id}/erasure' })
  @ApiNoContentResponse({ description: 'Erased, now or before' })
  @ApiErrors(400, 404)
  async delete(@Param() { id }: IdParams, @Ctx() ctx: RequestContext): Promise<void> {
    await this.access.assertCandidateVisible(ctx.principal, id, 'handler');
    await this.commands.execute(new EraseCandidateCommand(id, ctx));
  }
}

@ApiTags('statistics')
@Controller('statistics/follow-up')
export class FollowUpStatisticsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary:
      "Aggregate follow-up statistics of the caller's area, or of one municipality in it (403 outside it); counts below five are suppressed",
  })
  @ApiOkResponse({ type: FollowUpStatisticsResponse })
  @ApiErrors(400, 403, 422)
  async statistics(@Query() query: FollowUpStatisticsRequest, @Ctx() ctx: RequestContext): Promise<FollowUpStatisticsResponse> {
    return this.queries.execute(new FollowUpStatisticsQuery(query.municipality, ctx.principal?.municipalities ?? []));
  }
}
