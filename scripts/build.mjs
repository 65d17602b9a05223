// `npm run build`: compiles apps/, libs/, scripts/ and bench/ to CommonJS under dist/ with @swc/core (already the
// transpiler of ts-node and jest here), so `npm start`, `npm run stack`, the services and the Docker image run plain
// JavaScript: no TypeScript compiler in the start-up path. Types are checked by `npm run typecheck`, not here.
// Plain JavaScript itself, so it runs before anything is built. The @jobbspar/* path aliases of tsconfig.json are
// rewritten to relative requires, so dist/ needs no tsconfig-paths at run time.
import { transformFile } from '@swc/core';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist');
const SOURCES = ['apps', 'libs', 'scripts', 'bench'];
const SKIP = /(\.spec\.ts|\.e2e-spec\.ts|\.d\.ts)$/;

const started = Date.now();
const tsconfig = JSON.parse(await readFile(path.join(root, 'tsconfig.json'), 'utf8'));
const swcOptions = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    // Nest's dependency injection reads the constructor types that decorator metadata records.
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
    baseUrl: root,
    paths: tsconfig.compilerOptions.paths,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
  swcrc: false,
  configFile: false,
};

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* walk(full);
    } else if (entry.name.endsWith('.ts') && !SKIP.test(entry.name)) yield full;
  }
}

const files = [];
for (const dir of SOURCES) for await (const file of walk(path.join(root, dir))) files.push(file);

// Files are replaced in place (write, then rename), never by emptying dist/ first: a process already running from
// dist/ (`npm run stack` while `npm run replay` builds in another terminal) keeps finding every module it loads late.
async function replace(target, content) {
  const current = await readFile(target, 'utf8').catch(() => undefined);
  if (current === content) return;
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, target);
}

const written = new Set();
let next = 0;
async function worker() {
  while (next < files.length) {
    const file = files[next++];
    const target = path.join(out, path.relative(root, file)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, {
      ...swcOptions,
      filename: file,
      sourceFileName: path.relative(path.dirname(target), file),
    });
    await mkdir(path.dirname(target), { recursive: true });
    await replace(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
    if (map) await replace(`${target}.map`, map);
    written.add(target).add(`${target}.map`);
  }
}
await Promise.all(Array.from({ length: 8 }, worker));

// What a deleted or renamed source left behind.
async function* outputs(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* outputs(full);
    else yield full;
  }
}
for await (const file of outputs(out)) if (!written.has(file)) await rm(file, { force: true });
process.stderr.write(
  `${JSON.stringify({ time: new Date().toISOString(), level: 'info', component: 'build', msg: 'compiled to dist/', files: files.length, elapsedMs: Date.now() - started })}\n`,
);
