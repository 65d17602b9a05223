import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildAsyncApi, CONTRACTS } from '@jobbspar/contracts';
import { repoRoot } from '@jobbspar/infra';

/** `npm run asyncapi`: writes docs/asyncapi.json from the contract classes. */
const file = path.join(repoRoot(), 'docs', 'asyncapi.json');
writeFileSync(file, JSON.stringify(buildAsyncApi(CONTRACTS.all()), null, 2) + '\n');
process.stdout.write(`${file}\n`);
