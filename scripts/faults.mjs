// `npm run faults`: the fault suite (test/faults) at full size against a real broker and PostgreSQL, one figure
// line per scenario as it runs, and their table at the end (for the README). `npm test` runs the same scenarios
// at a small size.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, '.data', 'faults.jsonl');
mkdirSync(path.dirname(results), { recursive: true });
rmSync(results, { force: true });
const started = Date.now();
const run = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
    'test/faults',
    '--selectProjects',
    'integration',
    '--runInBand',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, JOBBSPAR_FAULTS: 'full', JOBBSPAR_FAULT_RESULTS: results } },
);
const rows = existsSync(results)
  ? readFileSync(results, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
  : [];
const columns = ['sent', 'applied', 'lost', 'redelivered', 'appliedTwice', 'seconds'];
const extra = (row) =>
  Object.entries(row)
    .filter(([k]) => k !== 'scenario' && !columns.includes(k))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
const lines = [
  `| scenario | ${columns.join(' | ')} | other |`,
  `| --- | ${columns.map(() => '---:').join(' | ')} | --- |`,
  ...rows.map((r) => `| ${r.scenario} | ${columns.map((c) => r[c] ?? '').join(' | ')} | ${extra(r)} |`),
];
process.stdout.write(
  `\nfault suite: ${rows.length} scenario(s) in ${Math.round((Date.now() - started) / 1000)} s\n\n${lines.join('\n')}\n`,
);
process.exit(run.status ?? 1);
