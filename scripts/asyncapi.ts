import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildAsyncApi, CONTRACTS } from '@jobbspar/contracts';

/** `npm run asyncapi`: writes docs/asyncapi.json from the contract classes. */
const file = path.resolve(__dirname, '..', 'docs', 'asyncapi.json');
writeFileSync(file, JSON.stringify(buildAsyncApi(CONTRACTS.all()), null, 2) + '\n');
process.stdout.write(`${file}\n`);
