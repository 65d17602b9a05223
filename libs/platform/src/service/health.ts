import { Controller, Get, HttpStatus, Inject, Module, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

/** A named probe; each app provides its own (database, transport) under HEALTH_CHECKS. */
export type HealthCheck = () => Promise<boolean>;
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
export type HealthChecks = Record<string, HealthCheck>;

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'up' | 'down'>;
}

/** The documented shape of a HealthReport. */
export class HealthReportResponse implements HealthReport {
  @ApiProperty({ description: 'ok when every check is up', enum: ['ok', 'unavailable'] })
  status!: 'ok' | 'unavailable';

  @ApiProperty({
    description: 'Each dependency (database, transport) and whether it answers',
    type: 'object',
    additionalProperties: { type: 'string', enum: ['up', 'down'] },
    example: { database: 'up', transport: 'up' },
  })
  checks!: Record<string, 'up' | 'down'>;
}

export async function runHealthChecks(checks: HealthChecks): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const up = await Promise.race([
        check().catch(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000)),
      ]);
      return [name, up ? 'up' : 'down'] as const;
    }),
  );
  const report = Object.fromEntries(entries) as Record<string, 'up' | 'down'>;
  return { status: entries.every(([, s]) => s === 'up') ? 'ok' : 'unavailable', checks: report };
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthChecks) {}

  @Get()
  @ApiOkResponse({ description: 'Database and event transport answer', type: HealthReportResponse })
  @ApiServiceUnavailableResponse({ description: 'A dependency does not answer', type: HealthReportResponse })
  async health(@Res() res: Response): Promise<void> {
    const report = await runHealthChecks(this.checks);
    res.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(report);
  }
}

@Module({ controllers: [HealthController] })
export class HealthModule {}
