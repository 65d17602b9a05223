import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { assign, InstanceError, parseInstance, type Instance } from '@jobbspar/matching-core';
import { componentLogger } from '@jobbspar/infra';

/**
 * `npm run assign -- <instance.json>`: the exact assignment of one instance file.
 *
 *   {"candidates":[{"id","capacity"}],"needs":[{"id","capacity"}],"edges":[{"candidate","need","score"}]}
 *
 * stdout: `{"total":<number>,"pairs":[{"candidate","need"}]}` and nothing else. stderr: progress as JSON lines
 * (read, parsed, solved, with timings). A file that cannot be read, is not JSON or is not a valid instance gives one
 * plain line on stderr naming what is wrong, e.g. `assign: big.json: edges[12].score must be a finite number, got "7"`,
 * and exit code 2. `bench/generate-instance.ts` writes random instances of any size.
 */
const USAGE = 'usage: npm run assign -- <instance.json>';
const log = componentLogger('assign');

function fail(line: string): never {
  process.stderr.write(`assign: ${line}\n`);
  process.exit(2);
}

function main(args: readonly string[]): void {
  if (args.length !== 1 || args[0].startsWith('-')) fail(USAGE);
  const file = args[0];

  let t = performance.now();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    fail(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const readMs = elapsed(t);

  t = performance.now();
  let instance: Instance;
  try {
    instance = parseInstance(json);
  } catch (e) {
    if (e instanceof InstanceError) fail(`${file}: ${e.message}`);
    throw e;
  }
  // Progress only once the file is known good, so that a bad file gives exactly one line on stderr.
  log.info('read', { file, bytes: Buffer.byteLength(text), ms: readMs });
  log.info('parsed', {
    candidates: instance.candidates.length,
    needs: instance.needs.length,
    edges: instance.edges.length,
    ms: elapsed(t),
  });

  t = performance.now();
  const result = assign(instance);
  log.info('solved', { pairs: result.pairs.length, total: result.total, ms: elapsed(t) });

  process.stdout.write(`${JSON.stringify({ total: result.total, pairs: result.pairs })}\n`);
}

function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}

main(process.argv.slice(2));
