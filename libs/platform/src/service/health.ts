import { Controller, Get, HttpStatus, Inject, Injectable, Module, Optional, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';

/**
 * What the health routes need of a response: its status (they answer 503 with the same report). Both adapters' replies
 * have it, so the composition's Express gateway and the services' Fastify apps share these controllers.
 */
type StatusReply = { status(code: number): unknown; header(name: string, value: string): unknown };
import { metricsRegistry } from '../observability/metrics';
import { Public } from '../auth/auth.guard';

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
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HEALTH_CHECKS) private readonly checks: HealthChecks,
    @Optional() private readonly gate?: ReadinessGate,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Database and event transport answer', type: HealthReportResponse })
  @ApiServiceUnavailableResponse({ description: 'A dependency does not answer', type: HealthReportResponse })
  async health(@Res({ passthrough: true }) res: StatusReply): Promise<HealthReport> {
    const report = await runHealthChecks(this.checks);
    res.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }

  /** Liveness: the process answers. A dependency being down is no reason to restart it (that is readiness). */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (dependencies are not checked)' })
  @ApiOkResponse({ description: 'The process is up and its event loop answers', type: HealthReportResponse })
  live(@Res({ passthrough: true }) res: StatusReply): HealthReport {
    res.status(HttpStatus.OK);
    return { status: 'ok', checks: {} };
  }

  /** Readiness: send traffic here only while the database and the broker answer and nothing is being rebuilt. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database and broker answer and nothing is being rebuilt' })
  @ApiOkResponse({ description: 'Dependencies answer and nothing is being rebuilt', type: ReadinessReportResponse })
  @ApiServiceUnavailableResponse({
    description: 'A dependency does not answer, or the service is still preparing',
    type: ReadinessReportResponse,
  })
  async ready(@Res({ passthrough: true }) res: StatusReply): Promise<HealthReport & { preparing: string[] }> {
    const report = await runHealthChecks(this.checks);
    const preparing = this.gate?.pending() ?? [];
    const ok = report.status === 'ok' && preparing.length === 0;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { ...report, status: ok ? 'ok' : 'unavailable', preparing };
  }
}

/** Prometheus metrics of the process (every service in it, labelled by `service`), in the text exposition format. */
@ApiTags('health')
// Scraped without a token, like /health: route latencies and process figures, nothing about a person.
@Public()
@Controller('metrics')
export class MetricsController {
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics of the process' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format (version 0.0.4)', schema: { type: 'string' } })
  async metrics(@Res({ passthrough: true }) res: StatusReply): Promise<string> {
    const text = await metricsRegistry.metrics();
    res.status(HttpStatus.OK);
    res.header('Content-Type', metricsRegistry.contentType);
    return text;
  }
}

@Module({ controllers: [HealthController, MetricsController] })
export class HealthModule {}
