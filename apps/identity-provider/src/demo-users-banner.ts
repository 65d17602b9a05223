import { CLIENT_IDS } from './clients';
import { DEMO_PASSWORD, DEMO_USERS } from './users';

/** What someone who just ran `npm start` needs to log in: the users, and two ways to get a token. */
export function printDemoUsers(where: { issuer: string; docs: string; api: string }, write = (s: string) => process.stdout.write(s)): void {
  const rows = DEMO_USERS.map((u) => [u.username, u.roles.join(','), u.organisation.name, u.organisation.tenant]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), 8));
  const line = (r: string[]) => `  ${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[3]}`;
  write(
    [
      '',
      `Demo users of the identity provider ${where.issuer} (password for all: "${DEMO_PASSWORD}"):`,
      line(['username', 'role', 'organisation', 'tenant']),
      ...rows.map(line),
      '',
      `In the browser: open ${where.docs}, press "Authorize", choose "oidc" (client ${CLIENT_IDS.docs} is filled in, PKCE),`,
      '  log in as one of the users above; every request from the page then carries her token.',
      'On the command line (authorization code + PKCE against the same login form):',
      `  TOKEN=$(npm run -s token -- coordinator.fh) && curl -H "Authorization: Bearer $TOKEN" ${where.api}/candidates`,
      '',
    ].join('\n'),
  );
}
