/**
 * How many statements each read path of the API sends to PostgreSQL (issue 14 item 4: "the read paths answer from
 * one query each"), measured: the whole system as `npm start` composes it (four services, in-process broker,
 * embedded PostgreSQL), the demo data seeded through the API, then every GET operation of /openapi.json asked once
 * as a caller it is for (the same concrete paths each run: ids taken from the lists), one at a time, each with a
 * correlation id of its own.
 *
 *   npm run bench -- read-paths
 *
 * A statement counts for a request when it runs in that request's log context (its correlation id), on any service
 * (follow-up-service's call to candidate-service passes the id on). Columns: the read path's own data statements
 * (transaction control and the identity settings, which ride with START TRANSACTION, are not counted), the
 * platform's per-request statements beside them (the caller's rate-limit count, an audit entry), and the database
 * round trips in all (each statement outside a transaction is its own transaction: settings + statement + COMMIT).
 */
import 'reflect-metadata';
import { JsonLogger, currentLogContext } from '@jobbspar/platform';
import { startPostgres, type PostgresHandle } from '@jobbspar/infra';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm/subscriber/event/QueryEvent';
import { composeServices, type ComposedSystem } from '../../apps/jobbspar/src/compose-services';
import { seedDemo } from '../../apps/jobbspar/src/demo/seed-demo';
import { FOLLOW_UP_CLIENT_ID } from '../../apps/identity-provider/src/clients';
import { type IdentityProviderServer, startIdentityProvider } from '../../apps/identity-provider/src/identity-provider';
import { loginWithPassword } from '../../apps/identity-provider/src/login-client';
import { DEMO_PASSWORD } from '../../apps/identity-provider/src/users';
import { table } from '../bench-util';
import { log, quietServiceLogs } from '../backbone/support';
import { runBench } from '../support/main';
import { DataSource as DataSourceClass } from 'typeorm';

const CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b/i;
const PLATFORM = /\b(rate_limits|audit_log|pg_current_xact_id_if_assigned)\b/;

interface Count {
  data: number;
  platform: number;
  roundTrips: number;
  sql: string[];
}

/** Counts every statement of the system's DataSources by the correlation id of the request it ran for. */
function countStatements(dataSources: DataSource[]): Map<string, Count> {
  const counts = new Map<string, Count>();
  for (const dataSource of dataSources) {
    dataSource.subscribers.push({
      afterQuery(event: AfterQueryEvent) {
        const id = currentLogContext().correlationId;
        if (typeof id !== 'string') return;
        let count = counts.get(id);
        if (!count) counts.set(id, (count = { data: 0, platform: 0, roundTrips: 0, sql: [] }));
        count.roundTrips++;
        if (CONTROL.test(event.query)) return;
        if (PLATFORM.test(event.query)) count.platform++;
        else {
          count.data++;
          count.sql.push(event.query.replace(/\s+/g, ' ').slice(0, 100));
        }
      },
    });
  }
  return counts;
}

async function main(): Promise<void> {
  quietServiceLogs();
  let postgres: PostgresHandle | undefined;
  let idp: IdentityProviderServer | undefined;
  let system: ComposedSystem | undefined;
  let server: Server | undefined;
  const rows: string[][] = [];
  try {
    postgres = await startPostgres();
    const followUp = { clientId: FOLLOW_UP_CLIENT_ID, secret: randomBytes(24).toString('base64url'), service: 'follow-up-service' };
    idp = await startIdentityProvider({ demo: true, serviceClients: [followUp] });
    const auth = { issuer: idp.issuer, audience: 'jobbspar-api', serviceClient: { id: followUp.clientId, secret: followUp.secret } };
    system = await composeServices({ databaseUrl: postgres.url, topicPrefix: 'bench.', groupPrefix: 'bench.', port: 0, auth });
    server = createServer(system.handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    system.listening(base);
    log.info('seeding the demo data through the API');
    await seedDemo(base, new JsonLogger('demo'), { issuer: idp.issuer });
    const { employer: e, candidate: c, matching: m, followUp: f } = system.apps;
    const dataSources = [e, c, m, f].map((app) => app.get(DataSourceClass, { strict: false }));
    const counts = countStatements(dataSources);
    const tokens = new Map<string, string>();
    const tokenOf = async (user: string) => {
      if (!tokens.has(user))
        tokens.set(user, (await loginWithPassword({ issuer: idp!.issuer, username: user, password: DEMO_PASSWORD })).accessToken);
      return tokens.get(user)!;
    };
    const get = async (path: string, user: string): Promise<{ status: number; body: unknown; count?: Count }> => {
      const correlationId = randomUUID();
      const response = await fetch(`${base}${path}`, {
        headers: { authorization: `Bearer ${await tokenOf(user)}`, 'x-correlation-id': correlationId, 'accept-encoding': 'identity' },
      });
      const text = await response.text();
      // Statements after the answer (an audit entry written once the response is done) still count.
      await new Promise((resolve) => setTimeout(resolve, 50));
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      return { status: response.status, body, count: counts.get(correlationId) };
    };
    const first = async (path: string, user: string, key = 'id'): Promise<string> => {
      const { body } = await get(path, user);
      const items = (body as { items?: Record<string, string>[] }).items ?? (body as Record<string, string>[]);
      const id = items?.[0]?.[key];
      if (!id) throw new Error(`no ${key} in ${path}`);
      return id;
    };
    const C = 'coordinator.skovde';
    const E = 'employer.sundet';
    const H = 'hr.helsingborg';
    const AN = 'analyst.skane';
    const AD = 'admin.skane';
    const need = await first('/needs?limit=1', C);
    const employer = await first('/employers?limit=1', AD);
    const role = await first('/roles?limit=1', H);
    const candidate = await first('/candidates?pageSize=1', C, 'candidateId');
    const proposal = await first('/matching/review-queue?limit=1', C, 'proposalId');
    const placement = await first('/matching/placements?limit=1', C, 'placementId').catch(() => randomUUID());
    const employerProposal = await first('/matching/employer-proposals?limit=1', E).catch(() => randomUUID());
    const paths: [string, string][] = [
      ['/employers', AD],
      [`/employers/${employer}`, AD],
      ['/needs', C],
      ['/needs?offset=5000', C],
      [`/needs/batch?ids=${need}`, C],
      [`/needs/${need}`, C],
      ['/roles', H],
      [`/roles/${role}`, H],
      [`/roles/${role}/versions/1`, H],
      ['/taxonomy/shortage?county=14', C],
      ['/taxonomy/shortage-overrides', AD],
      ['/candidates', C],
      [`/candidates/names?ids=${candidate}`, C],
      [`/candidates/${candidate}`, C],
      [`/candidates/${candidate}/job-track?roleId=${role}`, C],
      ['/statistics/follow-up', C],
      ['/internships', C],
      ['/matching/review-queue', C],
      [`/matching/proposals/${proposal}`, C],
      [`/matching/needs/${need}/proposals`, C],
      [`/matching/candidates/${candidate}/proposals`, C],
      ['/matching/employer-proposals', E],
      [`/matching/employer-proposals/${employerProposal}`, E],
      ['/matching/placements', C],
      [`/matching/placements/${placement}`, C],
      ['/matching/follow-ups/due', C],
      ['/matching/weights/se-14', C],
      ['/follow-up/regions/se-12/outcomes?month=2026-10', AN],
      ['/follow-up/regions/se-12/goals', AN],
      ['/follow-up/regions/se-12/where-to-train', AN],
      ['/audit/matching-service', AD],
    ];
    for (const [path, user] of paths) {
      const { status, count } = await get(path, user);
      rows.push([
        `GET ${path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}')}`,
        String(status),
        String(count?.data ?? 0),
        String(count?.platform ?? 0),
        String(count?.roundTrips ?? 0),
        (count?.sql ?? []).map((s) => s.slice(0, 60)).join(' | '),
      ]);
    }
  } finally {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await system?.close();
    await idp?.stop();
    await postgres?.stop();
  }
  process.stdout.write(
    `${table([['read path (as its caller)', 'status', 'statements', 'platform', 'round trips', 'statements (start)'], ...rows])}\n\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ bench: 'read-paths', paths: rows.map(([path, status, data, platform, trips]) => ({ path, status: Number(status), statements: Number(data), platform: Number(platform), roundTrips: Number(trips) })) })}\n`,
  );
}

runBench('read-paths', main);
