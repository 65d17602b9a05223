import type { LoggerService } from '@nestjs/common';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Structured logs: one JSON object per line. `LOG_LEVEL` sets the threshold (read once by the entry point and
 * passed in, so this file reads no environment). Nest's own logger calls land here too.
 */
export class JsonLogger implements LoggerService {
  static threshold: LogLevel = 'info';
  static sink: (line: string) => void = (line) => process.stdout.write(line + '\n');

  constructor(
    private readonly component = 'app',
    private readonly base: LogFields = {},
  ) {}

  child(component: string, fields: LogFields = {}): JsonLogger {
    return new JsonLogger(component, { ...this.base, ...fields });
  }

  write(level: LogLevel, msg: string, fields: LogFields = {}): void {
    if (ORDER[level] < ORDER[JsonLogger.threshold]) return;
    const entry: LogFields = { time: new Date().toISOString(), level, component: this.component, msg, ...this.base };
    for (const [key, value] of Object.entries(fields)) {
      entry[key] = value instanceof Error ? { name: value.name, message: value.message } : value;
    }
    JsonLogger.sink(JSON.stringify(entry));
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.nest('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.nest('debug', message, rest);
  }
  log(message: unknown, ...rest: unknown[]): void {
    this.nest('info', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.nest('warn', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.nest('error', message, rest);
  }
  info(msg: string, fields?: LogFields): void {
    this.write('info', msg, fields);
  }

  private nest(level: LogLevel, message: unknown, rest: unknown[]): void {
    // Nest passes the context (class name) as the last string argument.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    // @nestjs/typeorm warns about a second "default" data source process-wide; in the one-process composition each
    // service has its own Nest container and DataSource, so nothing is overridden.
    if (context === 'DataSourceNameRegistry') return;
    const fields: LogFields = context ? { context } : {};
    if (rest.length > 0) fields.extra = rest.map((r) => (r instanceof Error ? r.message : r));
    if (message instanceof Error) {
      fields.error = message;
      this.write(level, message.message, fields);
    } else if (typeof message === 'object' && message !== null) {
      this.write(level, (message as { msg?: string }).msg ?? 'event', { ...fields, ...(message as LogFields) });
    } else {
      this.write(level, String(message), fields);
    }
  }
}
