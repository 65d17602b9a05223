import { DomainError } from './domain-error';

/**
 * A description of a failure that is safe to log and to put in a dead-letter header: it never carries a fragment
 * of the data being processed. Our own errors (DomainError, and errors marked `permanent` or named ContractViolation)
 * keep their messages, which are written for clients and name fields and ids, never personal values. A PostgreSQL
 * error is described by its SQLSTATE and the schema object it concerns, because its message quotes the offending
 * value (`invalid input syntax for type uuid: "Fatima"`). Anything else keeps its class and its message with every
 * quoted part blanked out.
 */
const SQLSTATE_NAMES: Record<string, string> = {
  '22001': 'value too long for its column',
  '22003': 'numeric value out of range',
  '22007': 'invalid date or time format',
  '22008': 'date or time out of range',
  '22021': 'character not valid in the encoding',
  '22023': 'invalid parameter value',
  '22P02': 'invalid text representation',
  '23502': 'not-null violation',
  '23503': 'foreign-key violation',
  '23505': 'unique violation',
  '23514': 'check violation',
  '40001': 'serialization failure',
  '40P01': 'deadlock detected',
  '57P01': 'server shutting down',
  '57P03': 'server starting up',
};
const IDENTIFIER = /^[A-Za-z_][\w$.]{0,127}$/;

interface PgLike {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  driverError?: PgLike;
}

function postgresDetails(error: PgLike): string | undefined {
  const source = typeof error.driverError?.code === 'string' ? error.driverError : error;
  const code = typeof source.code === 'string' ? source.code : '';
  if (!/^[0-9A-Z]{5}$/.test(code)) return undefined;
  const parts = [`PostgreSQL ${code}${SQLSTATE_NAMES[code] ? ` (${SQLSTATE_NAMES[code]})` : ''}`];
  for (const key of ['table', 'column', 'constraint'] as const) {
    const value = source[key];
    if (typeof value === 'string' && IDENTIFIER.test(value)) parts.push(`${key} ${value}`);
  }
  return parts.join(', ');
}

export function blankQuoted(text: string): string {
  return text.replace(/"[^"]*"?|'[^']*'?|`[^`]*`?/g, (quoted) => `${quoted[0]}…${quoted[0]}`);
}

export function describeErrorSafely(error: unknown, maxLength = 300): string {
  if (error === null || error === undefined) return String(error);
  if (typeof error !== 'object') return `thrown ${typeof error}`;
  const e = error as Error & PgLike & { permanent?: unknown };
  let text: string;
  const pg = postgresDetails(e);
  if (pg) text = pg;
  else if (e instanceof DomainError || e.permanent === true || e.name === 'ContractViolation') text = `${e.name}: ${e.message}`;
  else text = `${e.name ?? 'Error'}: ${blankQuoted(String(e.message ?? ''))}`;
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** The frames of a stack without its first line, which repeats the (unsafe) message. */
export function stackFrames(error: unknown): string | undefined {
  const stack = (error as Error | undefined)?.stack;
  if (typeof stack !== 'string') return undefined;
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}
