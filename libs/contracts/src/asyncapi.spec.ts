import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildAsyncApi } from './asyncapi';
import { CONTRACTS } from './index';

describe('buildAsyncApi', () => {
  const doc = buildAsyncApi(CONTRACTS.all()) as {
    channels: Record<string, { messages: Record<string, unknown> }>;
    components: { schemas: Record<string, { properties: Record<string, { enum?: unknown[] }>; required: string[] }> };
  };

  it('documents every contract version on its topic', () => {
    const documented = Object.values(doc.channels).flatMap((c) => Object.keys(c.messages));
    expect(documented.sort()).toEqual(
      CONTRACTS.all()
        .map((c) => `${c.type}V${c.version}`)
        .sort(),
    );
    expect(Object.keys(doc.channels['candidate.candidates'].messages)).toContain('TaskValidatedV1');
  });

  it('derives payload schemas from the validating classes', () => {
    const proposal = doc.components.schemas.ProposalReviewedV1Payload;
    expect(proposal.required).toEqual(['candidateId', 'decision', 'needId', 'proposalId']);
    expect(proposal.properties.decision.enum).toEqual(['accepted', 'rejected']);
  });

  it('is what docs/asyncapi.json holds (run `npm run asyncapi` after changing a contract)', () => {
    const committed = JSON.parse(readFileSync(path.resolve(__dirname, '../../../docs/asyncapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
