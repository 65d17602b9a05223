import { Controller, Get, HttpStatus, Inject, Module, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { HealthChecks, HealthReport, HealthReportResponse, MetricsController, runHealthChecks } from '@jobbspar/platform';
import type { Response } from 'express';

export const SERVICE_HEALTH = Symbol('SERVICE_HEALTH');
export type ServiceHealth = Record<string, HealthChecks>;

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

/** The one-process composition's own routes: overall health across the services (`/` is the web app's); /metrics too. */
@ApiTags('health')
@Controller()
export class GatewayController {
  constructor(@Inject(SERVICE_HEALTH) private readonly services: ServiceHealth) {}

  @Get('health')
  @ApiOkResponse({ description: 'Every service reaches its database and the event transport', type: SystemHealthResponse })
  @ApiServiceUnavailableResponse({ description: 'Some dependency does not answer; the body says which', type: SystemHealthResponse })
  async health(@Res() res: Response): Promise<void> {
    const reports: Record<string, HealthReport> = {};
    for (const [name, checks] of Object.entries(this.services)) reports[name] = await runHealthChecks(checks);
    const ok = Object.values(reports).every((r) => r.status === 'ok');
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'unavailable', services: reports });
  }
}

@Module({})
export class GatewayModule {
  static forServices(services: ServiceHealth) {
    return {
      module: GatewayModule,
      controllers: [GatewayController, MetricsController],
      providers: [{ provide: SERVICE_HEALTH, useValue: services }],
    };
  }
}
