/**
 * The only place that reads process.env. Every app builds its typed config from here at start-up, so a bad value
 * stops the process with one line that names the variable, not a stack trace deep inside a driver.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export class EnvReader {
  constructor(private readonly env: Env = process.env) {}

  string(name: string, fallback?: string): string {
    const value = this.env[name];
    if (value === undefined || value === '') {
      if (fallback !== undefined) return fallback;
      throw new ConfigError(name, 'is required but not set');
    }
    return value;
  }

  optional(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  int(name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `must be an integer, got "${raw}"`);
    const value = Number(raw);
    if (range.min !== undefined && value < range.min) throw new ConfigError(name, `must be >= ${range.min}, got ${value}`);
    if (range.max !== undefined && value > range.max) throw new ConfigError(name, `must be <= ${range.max}, got ${value}`);
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    throw new ConfigError(name, `must be true or false, got "${raw}"`);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
    }
    return raw as T;
  }

  /** A postgres:// URL, checked for shape only: reachability is checked when the pool connects. */
  postgresUrl(name: string): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError(name, 'is not a valid URL (expected postgres://user:password@host:port/database)');
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      throw new ConfigError(name, `must use the postgres:// scheme, got "${url.protocol}"`);
    }
    if (!url.hostname) throw new ConfigError(name, 'has no host');
    return raw;
  }

  /** A comma-separated host:port list, as kafkajs takes it. */
  brokers(name: string): string[] | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    const brokers = raw
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean);
    for (const broker of brokers) {
      if (!/^[A-Za-z0-9.\-_]+:\d{1,5}$/.test(broker)) {
        throw new ConfigError(name, `"${broker}" is not host:port`);
      }
    }
    if (brokers.length === 0) throw new ConfigError(name, 'lists no broker');
    return brokers;
  }
}

/** Runs a start-up function and turns a ConfigError (or any error) into one line on stderr and exit code 1. */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const prefix = error instanceof ConfigError ? 'configuration error' : 'start-up failed';
    process.stderr.write(`${prefix}: ${message.split('\n')[0]}\n`);
    process.exit(1);
  }
}
