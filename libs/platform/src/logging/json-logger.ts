import type { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { Logger } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * What every log line written while handling one request or one event carries: its correlation id (and the event
 * being handled). Set by the HTTP correlation middleware / interceptor and by the event pipeline.
 */
const context = new AsyncLocalStorage<LogFields>();

/** Runs `fn` with `fields` added to every log line written inside it, across awaits. */
export function withLogContext<T>(fields: LogFields, fn: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, fn);
}

export function currentLogContext(): LogFields {
  return context.getStore() ?? {};
}

/**
 * Structured logs: one JSON object per line, written by pino (fast, asynchronous-safe serialisation, the standard
 * of the Node ecosystem) in the house shape `{time, level, component, msg, ...}`. `LOG_LEVEL` sets the threshold
 * (read once by the entry point and passed in, so this file reads no environment). Nest's own logger calls land
 * here too, and so do the request lines (http/correlation.ts, requestLogger). An Error among the fields is written as its
 * name and message only: stacks and causes may quote the data being processed.
 */
export class JsonLogger implements LoggerService {
  static threshold: LogLevel = 'info';
  /** Where lines go (stdout); tests replace it to read what was logged. */
  static sink: (line: string) => void = (line) => process.stdout.write(line + '\n');
  private static root?: Logger;
  private static plain?: Logger;

  /** The process's one pino logger; every line carries the log context (correlation id) of where it was written. */
  static pino(): Logger {
    JsonLogger.root ??= JsonLogger.create(true);
    return JsonLogger.root;
  }

  /** The same without the log context, for the request lines, which name the request's correlation id themselves. */
  static pinoWithoutContext(): Logger {
    JsonLogger.plain ??= JsonLogger.create(false);
    return JsonLogger.plain;
  }

  private static create(withContext: boolean): Logger {
    return pino(
      {
        level: 'debug',
        base: null,
        messageKey: 'msg',
        timestamp: () => `,"time":"${new Date().toISOString()}"`,
        formatters: { level: (label) => ({ level: label === 'fatal' ? 'error' : label }) },
        ...(withContext ? { mixin: () => context.getStore() ?? {} } : {}),
      },
      { write: (chunk: string) => JsonLogger.sink(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) },
    );
  }

  constructor(
    private readonly component = 'app',
    private readonly base: LogFields = {},
  ) {}

  child(component: string, fields: LogFields = {}): JsonLogger {
    return new JsonLogger(component, { ...this.base, ...fields });
  }

  write(level: LogLevel, msg: string, fields: LogFields = {}): void {
    if (ORDER[level] < ORDER[JsonLogger.threshold]) return;
    const entry: LogFields = { component: this.component, ...this.base };
    for (const [key, value] of Object.entries(fields)) {
      entry[key] = value instanceof Error ? { name: value.name, message: value.message } : value;
    }
    JsonLogger.pino()[level](entry, msg);
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
  fatal(message: unknown, ...rest: unknown[]): void {
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
    // Nest's route and module listing at start-up is noise at info; it stays available at debug.
    if (level === 'info' && (context === 'RouterExplorer' || context === 'RoutesResolver' || context === 'InstanceLoader')) level = 'debug';
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
