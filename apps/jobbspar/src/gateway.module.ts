import { Controller, Get, HttpStatus, Inject, Module, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { HealthChecks, HealthReport, HealthReportResponse, MetricsController, ReadinessGate, runHealthChecks } from '@jobbspar/platform';
import type { Response } from 'express';

export const SERVICE_HEALTH = Symbol('SERVICE_HEALTH');
export type ServiceHealth = Record<string, HealthChecks>;
export const SERVICE_READINESS = Symbol('SERVICE_READINESS');
export type ServiceReadiness = Record<string, ReadinessGate>;

export class SystemHealthResponse {
  @ApiProperty({ description: 'ok when every service is ok', enum: ['ok', 'unavailable'] })
  status!: 'ok' | 'unavailable';

  @ApiProperty({
    description: "Each service's own health report",
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(HealthReportResponse) },
  })
  services!: Record<string, HealthReport>;
}

export class SystemReadinessResponse extends SystemHealthResponse {
  @ApiProperty({ description: 'What each service is still preparing (e.g. matching rebuilding its assignment)', type: [String] })
  preparing!: string[];
}

/** The one-process composition's own routes: overall health across the services (`/` is the web app's); /metrics too. */
@ApiTags('health')
@Controller()
export class GatewayController {
  constructor(
    @Inject(SERVICE_HEALTH) private readonly services: ServiceHealth,
    @Inject(SERVICE_READINESS) private readonly readiness: ServiceReadiness,
  ) {}

  private async reports(): Promise<Record<string, HealthReport>> {
    const reports: Record<string, HealthReport> = {};
    for (const [name, checks] of Object.entries(this.services)) reports[name] = await runHealthChecks(checks);
    return reports;
  }

  @Get('health')
  @ApiOkResponse({ description: 'Every service reaches its database and the event transport', type: SystemHealthResponse })
  @ApiServiceUnavailableResponse({ description: 'Some dependency does not answer; the body says which', type: SystemHealthResponse })
  async health(@Res() res: Response): Promise<void> {
    const reports = await this.reports();
    const ok = Object.values(reports).every((r) => r.status === 'ok');
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'unavailable', services: reports });
  }

  @Get('health/live')
  @ApiOkResponse({ description: 'The process is up and its event loop answers', type: HealthReportResponse })
  live(@Res() res: Response): void {
    res.status(HttpStatus.OK).json({ status: 'ok', checks: {} });
  }

  @Get('health/ready')
  @ApiOkResponse({ description: 'Every service reaches its dependencies and prepares nothing', type: SystemReadinessResponse })
  @ApiServiceUnavailableResponse({
    description: 'Some dependency does not answer, or a service is still preparing',
    type: SystemReadinessResponse,
  })
  async ready(@Res() res: Response): Promise<void> {
    const reports = await this.reports();
    const preparing = Object.entries(this.readiness).flatMap(([name, gate]) => gate.pending().map((p) => `${name}: ${p}`));
    const ok = Object.values(reports).every((r) => r.status === 'ok') && preparing.length === 0;
    res
      .status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ok ? 'ok' : 'unavailable', services: reports, preparing });
  }
}

@Module({})
export class GatewayModule {
  static forServices(services: ServiceHealth, readiness: ServiceReadiness = {}) {
    return {
      module: GatewayModule,
      controllers: [GatewayController, MetricsController],
      providers: [
        { provide: SERVICE_HEALTH, useValue: services },
        { provide: SERVICE_READINESS, useValue: readiness },
      ],
    };
  }
}
