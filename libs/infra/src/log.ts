/** A structured log sink: receives one object per event, with at least `level`, `msg` and `component`. */
export type LogFn = (obj: Record<string, unknown>) => void;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const wanted = (process.env.LOG_LEVEL ?? 'info').toLowerCase();
  return wanted in ORDER ? ORDER[wanted as LogLevel] : ORDER.info;
}

/**
 * The default sink: one JSON object per line on stderr, so stdout stays free for what a CLI prints on purpose
 * (the brokers / URL line). Database and broker chatter is logged at debug and shown only with LOG_LEVEL=debug.
 */
export const stderrJsonLog: LogFn = (obj) => {
  const level = typeof obj.level === 'string' && obj.level in ORDER ? (obj.level as LogLevel) : 'info';
  if (ORDER[level] < threshold()) return;
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...obj, level })}\n`);
};

/** Binds a sink to one component so call sites only say what happened. */
export function componentLogger(component: string, sink: LogFn = stderrJsonLog) {
  const emit = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void => sink({ level, msg, component, ...fields });
  return {
    debug: (msg: string, fields?: Record<string, unknown>) => emit('debug', msg, fields),
    info: (msg: string, fields?: Record<string, unknown>) => emit('info', msg, fields),
    warn: (msg: string, fields?: Record<string, unknown>) => emit('warn', msg, fields),
    error: (msg: string, fields?: Record<string, unknown>) => emit('error', msg, fields),
  };
}

export type ComponentLogger = ReturnType<typeof componentLogger>;
