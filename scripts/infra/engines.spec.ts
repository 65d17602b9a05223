import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

/**
 * `npm ci` on the oldest Node the project supports (package.json's engines, the version the README names) must
 * print no EBADENGINE warning: every locked package accepts that version. A dependency that asks for more is
 * pinned to a compatible release in package.json's overrides (file-type, under @nestjs/common, wanted Node 22).
 */
describe('engines of the locked dependencies', () => {
  const root = path.resolve(__dirname, '..', '..');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
  };
  const oldest = semver.minVersion(pkg.engines.node)!.version;

  it('accept the oldest supported Node and the one running now', () => {
    expect(oldest).toBe('20.19.0');
    const refusing = Object.entries(lock.packages)
      .filter(([, entry]) => entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
      .flatMap(([name, entry]) => {
        const range = (entry.engines as { node: string }).node;
        return [oldest, process.version].filter((v) => !semver.satisfies(v, range)).map((v) => `${name} wants node ${range}, not ${v}`);
      });
    expect(refusing).toEqual([]);
  });
});
