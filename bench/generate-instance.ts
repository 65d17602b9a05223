import { writeFileSync } from 'node:fs';
import { generateInstance, shapeForEdges } from './random-instance';

/**
 * Writes a random, reproducible assignment instance for `npm run assign`:
 *
 *   node -r ts-node/register -r tsconfig-paths/register bench/generate-instance.ts --edges 1000000 [--seed 1] [--out file.json]
 *
 * Shape: 50 edges per candidate, ten candidates per need, K = 3, M = 3 (see random-instance.ts). Without --out the
 * instance goes to stdout.
 */
function main(args: readonly string[]): void {
  const opt = (name: string, fallback: string): string => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
  };
  const edges = Number(opt('edges', '100000'));
  const seed = Number(opt('seed', '1'));
  const out = opt('out', '');
  if (!Number.isInteger(edges) || edges < 1 || !Number.isInteger(seed)) {
    process.stderr.write('usage: bench/generate-instance.ts --edges <n> [--seed <int>] [--out <file>]\n');
    process.exit(2);
  }
  const { candidates, needs, edges: list } = generateInstance(shapeForEdges(edges, seed));
  const text = JSON.stringify({ candidates, needs, edges: list });
  if (out === '') process.stdout.write(text + '\n');
  else writeFileSync(out, text + '\n');
  process.stderr.write(
    `${JSON.stringify({ msg: 'generated', candidates: candidates.length, needs: needs.length, edges: list.length, bytes: text.length, out: out || 'stdout' })}\n`,
  );
}

main(process.argv.slice(2));
