import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Ctx, type RequestContext } from '@jobbspar/platform';
import { CandidateAccess } from '../../../access/candidate-access';
import { InternshipAccess } from '../../../access/internship-access';
import { IdParams } from '../../../candidates/interface/http/dto/id.params';
import { CertifyAssessmentCommand } from '../../application/commands/certify-assessment/certify-assessment.command';
import { RecordAssessmentCommand } from '../../application/commands/record-assessment/record-assessment.command';
import { RevokeValidationCommand } from '../../application/commands/revoke-validation/revoke-validation.command';
import { StartInternshipCommand } from '../../application/commands/start-internship/start-internship.command';
import { GetInternshipQuery } from '../../application/queries/get-internship/get-internship.query';
import { InternshipListView, ListInternshipsQuery } from '../../application/queries/list-internships/list-internships.query';
import {
  ListInternshipsQueryRequest,
  RecordAssessmentRequest,
  RevokeValidationRequest,
  StartInternshipRequest,
} from './dto/internship.request';
import {
  AssessmentCreatedResponse,
  InternshipCreatedResponse,
  InternshipPageResponse,
  InternshipResponse,
  RevocationResponse,
  ValidationResponse,
} from './dto/internship.response';

@ApiTags('internships')
@Controller('internships')
export class InternshipsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: CandidateAccess,
    private readonly internships: InternshipAccess,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Start a certified internship at a known workplace' })
  @ApiCreatedResponse({ type: InternshipCreatedResponse })
  @ApiErrors(400, 404, 422)
  async start(@Body() body: StartInternshipRequest, @Ctx() ctx: RequestContext): Promise<InternshipCreatedResponse> {
    await this.access.assertCandidateVisible(ctx.principal, body.candidateId);
    return this.commands.execute(new StartInternshipCommand(body, ctx));
  }

  @Get()
  @ApiOperation({
    summary: "Internships at a workplace (a supervisor's interns) or of a candidate, latest start first",
    description: "Only those the caller may see: a coordinator's are her area's candidates', a supervisor's those at her own workplace.",
  })
  @ApiOkResponse({ type: InternshipPageResponse })
  @ApiErrors(400, 404)
  async list(@Query() q: ListInternshipsQueryRequest, @Ctx() ctx: RequestContext): Promise<InternshipListView> {
    if (q.candidateId !== undefined) await this.access.assertCandidateVisible(ctx.principal, q.candidateId);
    return this.queries.execute(
      new ListInternshipsQuery({
        workplaceId: q.workplaceId,
        candidateId: q.candidateId,
        visibleTo: this.internships.internshipVisibility(ctx.principal),
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      }),
    );
  }

  @Get(':id')
  @ApiOperation({
    summary: 'An internship with its assessments',
    description: "404 unless it is of a candidate in the coordinator's area or at the supervisor's own workplace.",
  })
  @ApiOkResponse({ type: InternshipResponse })
  @ApiErrors(400, 404)
  async get(@Param() { id }: IdParams, @Ctx() ctx: RequestContext): Promise<InternshipResponse> {
    await this.internships.assertInternshipVisible(ctx.principal, { internshipId: id });
    return this.queries.execute(new GetInternshipQuery(id));
  }

  @Post(':id/assessments')
  @ApiOperation({ summary: "Record a supervisor's assessment of one task (level 1-3) within the internship period" })
  @ApiCreatedResponse({ type: AssessmentCreatedResponse })
  @ApiErrors(400, 404, 422)
  async assess(
    @Param() { id }: IdParams,
    @Body() body: RecordAssessmentRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<AssessmentCreatedResponse> {
    await this.internships.assertInternshipVisible(ctx.principal, { internshipId: id });
    return this.commands.execute(new RecordAssessmentCommand(id, body, ctx));
  }
}

@ApiTags('internships')
@Controller('assessments')
export class AssessmentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly internships: InternshipAccess,
  ) {}

  @Post(':id/certify')
  @ApiOperation({ summary: 'Certify an assessment: it becomes a task validation and TaskValidated is published' })
  @ApiCreatedResponse({ type: ValidationResponse })
  @ApiErrors(400, 404, 409, 422)
  async certify(@Param() { id }: IdParams, @Ctx() ctx: RequestContext): Promise<ValidationResponse> {
    await this.internships.assertInternshipVisible(ctx.principal, { assessmentId: id });
    return this.commands.execute(new CertifyAssessmentCommand(id, ctx));
  }
}

@ApiTags('internships')
@Controller('validations')
export class ValidationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly internships: InternshipAccess,
  ) {}

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a task validation; publishes TaskValidationRevoked with her remaining level' })
  @ApiOkResponse({ type: RevocationResponse })
  @ApiErrors(400, 404, 409)
  async revoke(@Param() { id }: IdParams, @Body() body: RevokeValidationRequest, @Ctx() ctx: RequestContext): Promise<RevocationResponse> {
    await this.internships.assertInternshipVisible(ctx.principal, { validationId: id });
    return this.commands.execute(new RevokeValidationCommand(id, body.reason, ctx));
  }
}
