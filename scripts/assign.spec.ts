import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// The CLI lives in scripts/assign.ts; its spec sits here with the solver it wraps.
const root = path.resolve(__dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'assign-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(content: string | null): { status: number | null; stdout: string; stderr: string[] } {
  const file = path.join(dir, `instance-${Math.random().toString(36).slice(2)}.json`);
  if (content !== null) writeFileSync(file, content);
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'scripts/assign.ts', file], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'info' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.split('\n').filter((l) => l !== '') };
}

describe('scripts/assign.ts', () => {
  it('prints the exact assignment on stdout and progress as JSON lines on stderr', () => {
    const r = run(
      JSON.stringify({
        candidates: [
          { id: 'c1', capacity: 1 },
          { id: 'c2', capacity: 1 },
        ],
        needs: [
          { id: 'n1', capacity: 1 },
          { id: 'n2', capacity: 1 },
        ],
        edges: [
          { candidate: 'c1', need: 'n1', score: 10 },
          { candidate: 'c1', need: 'n2', score: 9 },
          { candidate: 'c2', need: 'n1', score: 9 },
        ],
      }),
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      total: 18,
      pairs: [
        { candidate: 'c1', need: 'n2' },
        { candidate: 'c2', need: 'n1' },
      ],
    });
    expect(r.stderr.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['read', 'parsed', 'solved']);
  }, 30_000);

  it.each([
    [
      'an invalid score',
      '{"candidates":[{"id":"c1","capacity":1}],"needs":[{"id":"n1","capacity":1}],"edges":[{"candidate":"c1","need":"n1","score":"7"}]}',
      /: edges\[0\]\.score must be a finite number, got "7"$/,
    ],
    [
      'an unknown need',
      '{"candidates":[{"id":"c1","capacity":1}],"needs":[],"edges":[{"candidate":"c1","need":"n1","score":7}]}',
      /: edges\[0\]\.need "n1" is not in needs$/,
    ],
    [
      'a bad capacity',
      '{"candidates":[{"id":"c1","capacity":-1}],"needs":[],"edges":[]}',
      /: candidates\[0\]\.capacity must be a non-negative integer, got -1$/,
    ],
    ['text that is not JSON', '{"candidates":', / is not valid JSON: /],
    ['a missing file', null, /^assign: cannot read .*ENOENT/],
  ])(
    'exits 2 with one line naming the problem for %s',
    (_, content, pattern) => {
      const r = run(content);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toHaveLength(1);
      expect(r.stderr[0]).toMatch(pattern);
    },
    30_000,
  );
});
