import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loginWithPassword } from '../apps/identity-provider/src/login-client';
import { DEMO_PASSWORD } from '../apps/identity-provider/src/users';

/**
 * `npm run -s token -- <username> [--password P] [--issuer URL]`: logs in with authorization code + PKCE and prints
 * the access token. The issuer is OIDC_ISSUER, else the running `npm run stack`'s, else `npm start`'s.
 */
function defaultIssuer(): string {
  if (process.env.OIDC_ISSUER) return process.env.OIDC_ISSUER;
  const stackEnv = path.resolve(__dirname, '..', '.data', 'stack.env');
  if (existsSync(stackEnv)) {
    const issuer = readFileSync(stackEnv, 'utf8').match(/^OIDC_ISSUER=(.+)$/m)?.[1];
    if (issuer) return issuer.trim();
  }
  return `http://127.0.0.1:${process.env.PORT ?? 3000}/oidc`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { password: { type: 'string', default: DEMO_PASSWORD }, issuer: { type: 'string' } },
  });
  const [username] = positionals;
  if (!username) throw new Error('usage: npm run -s token -- <username> [--password P] [--issuer URL]');
  const issuer = values.issuer ?? defaultIssuer();
  const tokens = await loginWithPassword({ issuer, username, password: values.password! }).catch((error: Error) => {
    throw new Error(`${error.message} (issuer ${issuer})`);
  });
  process.stdout.write(`${tokens.accessToken}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`token: ${error.message}\n`);
  process.exit(1);
});
