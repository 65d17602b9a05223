import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * `npm run boundaries` must refuse what it is there to refuse: each rule of .dependency-cruiser.js is run, with the
 * same rules, over a small tree that plants one violation of it (and imports the rules allow), and must report
 * exactly the planted ones. A rule added without a planted violation here fails the last test.
 */
const ROOT = resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { forbidden } = require(join(ROOT, '.dependency-cruiser.js')) as { forbidden: { name: string }[] };

/** file → its source; every import names what it plants. */
const TREE: Record<string, string> = {
  // Allowed: a feature uses another's domain port, a port names TypeORM as a type, a spec uses the fakes.
  'apps/matching-service/src/placements/application/ledger.ts': `import { ProposalRepository } from '../../proposals/domain/proposal.repository';\nexport const ledger = ProposalRepository;\n`,
  'apps/matching-service/src/proposals/domain/proposal.repository.ts': `import type { EntityManager } from 'typeorm';\nexport abstract class ProposalRepository { abstract find(em: EntityManager): void; }\n`,
  'apps/matching-service/src/proposals/application/ledger.spec.ts': `import { fake } from '../../../../../libs/testing/src/index';\nexport const f = fake;\n`,
  'libs/testing/src/index.ts': `export const fake = 1;\n`,

  // no-cross-service-*: each service imports the next one.
  'apps/employer-service/src/needs/application/cross.ts': `import { c } from '../../../../candidate-service/src/candidates/domain/candidate';\nexport const e = c;\n`,
  'apps/candidate-service/src/candidates/domain/candidate.ts': `import { m } from '../../../../matching-service/src/matching/domain/edge';\nexport const c = m;\n`,
  'apps/matching-service/src/matching/domain/edge.ts': `import { f } from '../../../../follow-up-service/src/goals/domain/goal';\nexport const m = f;\n`,
  'apps/follow-up-service/src/goals/domain/goal.ts': `import { n } from '../../../../employer-service/src/needs/domain/need';\nexport const f = n;\n`,
  'apps/employer-service/src/needs/domain/need.ts': `export const n = 1;\n`,

  // no-other-feature-infrastructure
  'apps/matching-service/src/placements/application/start.ts': `import { PostgresProposalRepository } from '../../proposals/infrastructure/postgres-proposal.repository';\nexport const s = PostgresProposalRepository;\n`,
  // infrastructure-not-application-or-interface
  'apps/matching-service/src/proposals/infrastructure/postgres-proposal.repository.ts': `import { accept } from '../application/accept';\nexport class PostgresProposalRepository { a = accept; }\n`,
  // application-not-interface
  'apps/matching-service/src/proposals/application/accept.ts': `import { controller } from '../interface/http/proposals.controller';\nexport const accept = controller;\n`,
  'apps/matching-service/src/proposals/interface/http/proposals.controller.ts': `export const controller = 1;\n`,
  // no-cycles
  'libs/contracts/src/a.ts': `import { b } from './b';\nexport const a = () => b;\n`,
  'libs/contracts/src/b.ts': `import { a } from './a';\nexport const b = () => a;\n`,
  // apps-do-not-import-scripts-bench-or-tests
  'apps/matching-service/src/main.ts': `import { start } from '../../../scripts/postgres';\nstart();\n`,
  'scripts/postgres.ts': `export function start(): void {}\n`,
  // test-fakes-stay-in-tests
  'apps/matching-service/src/weights/application/current-weights.ts': `import { fake } from '../../../../../libs/testing/src/index';\nexport const w = fake;\n`,
  // web-app-stays-in-the-browser
  'apps/web/src/page.tsx': `import { n } from '../../../libs/taxonomy/src/names';\nexport const page = n;\n`,
  'libs/taxonomy/src/names.ts': `export const n = 1;\n`,
  // only-the-composition-root-knows-the-web-app
  'bench/web.bench.ts': `import { routes } from '../apps/web/src/routes';\nexport const r = routes;\n`,
  'apps/web/src/routes.ts': `export const routes = 1;\n`,
  // libs-do-not-import-apps
  'libs/platform/src/config.ts': `import { n } from '../../../apps/employer-service/src/needs/domain/need';\nexport const cfg = n;\n`,
  // domain-imports-no-infrastructure (a framework in the domain)
  'apps/employer-service/src/roles/domain/role.ts': `import { Injectable } from '@nestjs/common';\nexport const r = Injectable;\n`,
  // domain-uses-typeorm-types-only
  'apps/employer-service/src/roles/domain/role.repository.ts': `import { DataSource } from 'typeorm';\nexport const d = DataSource;\n`,
  // pure-libs-stay-pure
  'libs/matching-core/src/score.ts': `import { cfg } from '../../platform/src/config';\nexport const s = cfg;\n`,
  // no-node-io-in-pure-libs
  'libs/disclosure/src/read.ts': `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`,
};

const PLANTED: [rule: string, from: string, to: string][] = [
  [
    'no-cross-service-employer-service',
    'apps/employer-service/src/needs/application/cross.ts',
    'apps/candidate-service/src/candidates/domain/candidate.ts',
  ],
  [
    'no-cross-service-candidate-service',
    'apps/candidate-service/src/candidates/domain/candidate.ts',
    'apps/matching-service/src/matching/domain/edge.ts',
  ],
  [
    'no-cross-service-matching-service',
    'apps/matching-service/src/matching/domain/edge.ts',
    'apps/follow-up-service/src/goals/domain/goal.ts',
  ],
  [
    'no-cross-service-follow-up-service',
    'apps/follow-up-service/src/goals/domain/goal.ts',
    'apps/employer-service/src/needs/domain/need.ts',
  ],
  [
    'no-other-feature-infrastructure',
    'apps/matching-service/src/placements/application/start.ts',
    'apps/matching-service/src/proposals/infrastructure/postgres-proposal.repository.ts',
  ],
  [
    'infrastructure-not-application-or-interface',
    'apps/matching-service/src/proposals/infrastructure/postgres-proposal.repository.ts',
    'apps/matching-service/src/proposals/application/accept.ts',
  ],
  [
    'application-not-interface',
    'apps/matching-service/src/proposals/application/accept.ts',
    'apps/matching-service/src/proposals/interface/http/proposals.controller.ts',
  ],
  ['no-cycles', 'libs/contracts/src/a.ts', 'libs/contracts/src/b.ts'],
  ['apps-do-not-import-scripts-bench-or-tests', 'apps/matching-service/src/main.ts', 'scripts/postgres.ts'],
  ['test-fakes-stay-in-tests', 'apps/matching-service/src/weights/application/current-weights.ts', 'libs/testing/src/index.ts'],
  ['web-app-stays-in-the-browser', 'apps/web/src/page.tsx', 'libs/taxonomy/src/names.ts'],
  ['only-the-composition-root-knows-the-web-app', 'bench/web.bench.ts', 'apps/web/src/routes.ts'],
  ['libs-do-not-import-apps', 'libs/platform/src/config.ts', 'apps/employer-service/src/needs/domain/need.ts'],
  ['domain-imports-no-infrastructure', 'apps/employer-service/src/roles/domain/role.ts', '@nestjs/common'],
  ['domain-uses-typeorm-types-only', 'apps/employer-service/src/roles/domain/role.repository.ts', 'typeorm'],
  ['pure-libs-stay-pure', 'libs/matching-core/src/score.ts', 'libs/platform/src/config.ts'],
  ['no-node-io-in-pure-libs', 'libs/disclosure/src/read.ts', 'fs'],
];

interface Violation {
  from: string;
  to: string;
  unresolvedTo?: string;
  rule: { name: string };
}

describe('the boundary rules (.dependency-cruiser.js)', () => {
  let dir: string;
  let violations: Violation[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'boundaries-'));
    for (const [file, source] of Object.entries(TREE)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), source);
    }
    // Framework imports resolve into the project's node_modules, as they do in the real run.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(
      join(dir, '.dependency-cruiser.js'),
      `const { forbidden } = require(${JSON.stringify(join(ROOT, '.dependency-cruiser.js'))});\n` +
        `module.exports = { forbidden, options: { doNotFollow: { path: 'node_modules' }, tsPreCompilationDeps: true } };\n`,
    );
    const out = execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
        '--config',
        '.dependency-cruiser.js',
        '--output-type',
        'json',
        'apps',
        'libs',
        'bench',
        'scripts',
      ],
      { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    violations = (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const found = () =>
    violations.map((v) =>
      [v.rule.name, v.from, v.to.includes('node_modules/') || !v.to.includes('/') ? (v.unresolvedTo ?? v.to) : v.to].join(' '),
    );

  it('reports every planted violation, by the rule it breaks', () => {
    expect(found().sort()).toEqual(expect.arrayContaining(PLANTED.map((p) => p.join(' ')).sort()));
  });

  it("reports nothing else: a feature may use another feature's domain port, a port names TypeORM as a type, specs use fakes", () => {
    expect(found().sort()).toEqual(PLANTED.map((p) => p.join(' ')).sort());
  });

  it('has a planted violation for every rule it enforces', () => {
    expect(forbidden.map((r) => r.name).sort()).toEqual([...new Set(PLANTED.map(([rule]) => rule))].sort());
  });
});
