import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository's root, found from a file's folder whether it runs from its TypeScript source (ts-node, jest) or
 * compiled under dist/: the nearest folder upwards whose package.json is this project's. Paths such as `.data/` or
 * `docs/` are resolved from here, never from `__dirname` directly.
 */
export function repoRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'jobbspar') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no jobbspar package.json above ${from}`);
  }
}
