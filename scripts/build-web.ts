import { buildWeb } from './infra/web-build';

/** `npm run build:web`: the web app's production build into apps/web/dist. */
buildWeb().catch((error: Error) => {
  process.stderr.write(`web build failed: ${error.message}\n`);
  process.exit(1);
});
