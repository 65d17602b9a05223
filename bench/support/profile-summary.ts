/**
 * Where a V8 .cpuprofile's time went, as text: self time by function and by package (a node_modules package, the
 * project's own folder, node's internals), and the share of idle, GC and program time.
 *
 *   node -r ts-node/register bench/support/profile-summary.ts <file.cpuprofile> [--top 40]
 */
import { readFileSync } from 'node:fs';
import { table } from '../bench-util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The package a script belongs to: `fastify`, `@nestjs/core`, `libs/platform`, `apps/matching-service`, `node:`… */
export function packageOf(url: string): string {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node:internal';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const project = url.match(/\/(apps|libs|bench)\/([^/]+)\//);
  return project ? `${project[1]}/${project[2]}` : url;
}

export function summarise(profile: Profile, top = 40): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*?(node_modules|apps|libs|bench)\//, '$1/')}:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const pkg = ['(idle)', '(garbage collector)', '(program)'].includes(functionName) ? functionName : packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const rows = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => [k, (us / 1000).toFixed(0), `${((100 * us) / total).toFixed(1)} %`]);
  return [
    `profile: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s, ${profile.samples.length} samples`,
    table([['package (self time)', 'ms', 'share'], ...rows(byPackage, 30)]),
    table([['function (self time)', 'ms', 'share'], ...rows(byFunction, top)]),
  ].join('\n\n');
}

if (require.main === module) {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: profile-summary.ts <file.cpuprofile> [--top N]\n');
    process.exit(2);
  }
  const topAt = rest.indexOf('--top');
  const top = topAt >= 0 ? Number(rest[topAt + 1]) : 40;
  process.stdout.write(`${summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, top)}\n`);
}
