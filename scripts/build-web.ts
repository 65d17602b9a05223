import { buildWeb, ensureWebBuild } from './infra/web-build';

/** `npm run build:web`: the web app's production build into apps/web/dist; with --if-stale only when a source changed. */
(process.argv.includes('--if-stale') ? ensureWebBuild() : buildWeb()).catch((error: Error) => {
  process.stderr.write(`web build failed: ${error.message}\n`);
  process.exit(1);
});
