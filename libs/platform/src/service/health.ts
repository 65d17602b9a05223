import { Controller, Get, HttpStatus, Inject, Injectable, Module, Optional, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { metricsRegistry } from '../observability/metrics';

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

/**
 * What keeps a service from being ready although its dependencies answer: read models being rebuilt, an
 * assignment being restored. A part holds the gate while it works and releases it when done.
 */
@Injectable()
export class ReadinessGate {
  private readonly held = new Set<string>();

  hold(reason: string): void {
    this.held.add(reason);
  }

  release(reason: string): void {
    this.held.delete(reason);
  }

  /** What is being waited for, for the readiness report. */
  pending(): string[] {
    return [...this.held];
  }
}

/** The documented shape of a readiness report. */
export class ReadinessReportResponse extends HealthReportResponse {
  @ApiProperty({ description: 'What the service is still preparing (e.g. rebuilding its assignment); empty when ready', type: [String] })
  preparing!: string[];
}

export async function runHealthChecks(checks: HealthChecks): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      const up = await Promise.race([
        check().catch(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 3000))),
      ]).finally(() => clearTimeout(timer));
      return [name, up ? 'up' : 'down'] as const;
    }),
  );
  const report = Object.fromEntries(entries) as Record<string, 'up' | 'down'>;
  return { status: entries.every(([, s]) => s === 'up') ? 'ok' : 'unavailable', checks: report };
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HEALTH_CHECKS) private readonly checks: HealthChecks,
    @Optional() private readonly gate?: ReadinessGate,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Database and event transport answer', type: HealthReportResponse })
  @ApiServiceUnavailableResponse({ description: 'A dependency does not answer', type: HealthReportResponse })
  async health(@Res() res: Response): Promise<void> {
    const report = await runHealthChecks(this.checks);
    res.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(report);
  }

  /** Liveness: the process answers. A dependency being down is no reason to restart it (that is readiness). */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (restart it only when this fails)' })
  @ApiOkResponse({ description: 'The process is up and its event loop answers', type: HealthReportResponse })
  live(@Res() res: Response): void {
    res.status(HttpStatus.OK).json({ status: 'ok', checks: {} } satisfies HealthReport);
  }

  /** Readiness: send traffic here only while the database and the broker answer and nothing is being rebuilt. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database and the broker answer and nothing is being rebuilt' })
  @ApiOkResponse({ description: 'Dependencies answer and nothing is being rebuilt', type: ReadinessReportResponse })
  @ApiServiceUnavailableResponse({
    description: 'A dependency does not answer, or the service is still preparing',
    type: ReadinessReportResponse,
  })
  async ready(@Res() res: Response): Promise<void> {
    const report = await runHealthChecks(this.checks);
    const preparing = this.gate?.pending() ?? [];
    const ok = report.status === 'ok' && preparing.length === 0;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ ...report, status: ok ? 'ok' : 'unavailable', preparing });
  }
}

/** Prometheus metrics of the process (every service in it, labelled by `service`), in the text exposition format. */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics of the process, in the text exposition format' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format (version 0.0.4)', schema: { type: 'string' } })
  async metrics(@Res() res: Response): Promise<void> {
    res
      .status(HttpStatus.OK)
      .type(metricsRegistry.contentType)
      .send(await metricsRegistry.metrics());
  }
}

@Module({ controllers: [HealthController, MetricsController] })
export class HealthModule {}
