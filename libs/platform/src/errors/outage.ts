/**
 * "A dependency is not there right now", as opposed to a bug or bad input: the database is down, restarting,
 * refusing connections, out of connections, or a transaction lost a serialization race. The HTTP layer answers
 * 503 with Retry-After for these, and the event pipeline retries them for as long as they last.
 */
// Class 08 is the connection's, except 08P01 (protocol violation): the statement itself was malformed (too many
// parameters, say), and retrying it as an outage wedged a partition for good.
const TRANSIENT_PG = /^(08(?!P01)|53|57P|40001|40P01|55P03)/;
const TRANSIENT_NODE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|Connection terminated|timeout exceeded when trying to connect|the database system is/i;

export function isInfrastructureOutage(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const code = String((error as { code?: unknown }).code ?? '');
  const driverCode = String((error as { driverError?: { code?: unknown } }).driverError?.code ?? '');
  if (TRANSIENT_PG.test(code) || TRANSIENT_PG.test(driverCode)) return true;
  if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH)$/.test(code)) return true;
  // The connection of a transaction died under it (the server stopped mid-request) and TypeORM let go of it: the
  // transaction's next statement fails with this, not with the connection's own error (the fault suite's
  // PostgreSQL restart answered 500 for it).
  const name = (error as Error).name;
  if (name === 'QueryRunnerProviderAlreadyReleasedError' || name === 'QueryRunnerAlreadyReleasedError') return true;
  return TRANSIENT_NODE.test(String((error as Error).message ?? ''));
}
