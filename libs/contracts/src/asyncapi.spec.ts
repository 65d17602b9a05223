import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { IsInt, ValidateIf } from 'class-validator';
import { AsyncApiValidator } from '@jobbspar/testing';
import { buildAsyncApi } from './asyncapi';
import { defineContract } from './contract';
import { CONTENT_TYPE, CONTRACTS, createEnvelope, DEAD_LETTER_HEADERS, ProposalCreatedV1, TaskValidationRevokedV1, Topics } from './index';

type Schema = { properties: Record<string, Record<string, unknown>>; required: string[]; additionalProperties?: boolean };

describe('buildAsyncApi', () => {
  const doc = buildAsyncApi(CONTRACTS.all()) as {
    info: { description: string };
    channels: Record<string, { address: string; messages: Record<string, unknown>; 'x-owner'?: string; parameters?: unknown }>;
    components: { schemas: Record<string, Schema>; messages: Record<string, Record<string, unknown>> };
  };
  const schemas = doc.components.schemas;

  it('is a valid AsyncAPI 3.0 document', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const specs = require('@asyncapi/specs') as { schemasWithoutId: Record<string, object> };
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(specs.schemasWithoutId['3.0.0']);
    expect(validate(JSON.parse(JSON.stringify(doc)))).toBe(true);
  });

  it('documents every contract version on its topic', () => {
    const documented = Object.entries(doc.channels)
      .filter(([id]) => id !== 'dead-letter')
      .flatMap(([, c]) => Object.keys(c.messages));
    expect(documented.sort()).toEqual(
      CONTRACTS.all()
        .map((c) => `${c.type}V${c.version}`)
        .sort(),
    );
    expect(Object.keys(doc.channels['candidate.candidates'].messages)).toContain('TaskValidatedV1');
  });

  it('derives payload schemas from the validating classes', () => {
    const proposal = schemas.ProposalReviewedV1Payload;
    expect(proposal.required).toEqual(['candidateId', 'decision', 'needId', 'proposalId']);
    expect(proposal.properties.decision.enum).toEqual(['accepted', 'rejected']);
    expect(proposal.additionalProperties).toBe(false);
  });

  it('documents the nullable fields as required and nullable', () => {
    expect(schemas.TaskCoverageV1.properties.reached).toMatchObject({ type: ['integer', 'null'], minimum: 1, maximum: 3 });
    expect(schemas.TaskCoverageV1.required).toContain('reached');
    expect(schemas.TaskValidationRevokedV1Payload.properties.effectiveLevel).toMatchObject({ type: ['integer', 'null'] });
    expect(schemas.TaskValidationRevokedV1Payload.required).toContain('effectiveLevel');
    // Not nullable where the code does not allow null.
    expect(schemas.TaskCoverageV1.properties.required.type).toBe('integer');
  });

  it('generates the envelope from the class that validates it: the producer enum, the limits, no extra fields', () => {
    const envelope = schemas.Envelope;
    expect(envelope.additionalProperties).toBe(false);
    expect(envelope.properties.producer.enum).toEqual(['employer-service', 'candidate-service', 'matching-service']);
    expect(envelope.properties.tenant).toMatchObject({ type: 'string', minLength: 1, maxLength: 64 });
    expect(envelope.properties.actor).toMatchObject({ maxLength: 128 });
    expect(envelope.properties.type).toMatchObject({ pattern: '^[A-Z][A-Za-z]+$', maxLength: 80 });
    expect(envelope.properties.occurredAt).toMatchObject({ format: 'date-time' });
    expect(envelope.required).not.toContain('causationId');
    expect(envelope.required).toContain('aggregateVersion');
  });

  it('names the one producer and the key field of every message, and the partitioner', () => {
    const needPosted = doc.components.messages.NeedPostedV1 as {
      payload: { properties: { producer: { const: string } } };
      'x-key-field': string;
      bindings: { kafka: { key: { description: string } } };
    };
    expect(needPosted.payload.properties.producer.const).toBe('employer-service');
    expect(needPosted['x-key-field']).toBe('needId');
    expect(needPosted.bindings.kafka.key.description).toMatch(/needId/);
    expect((doc.components.messages.TaskValidatedV1 as { 'x-key-field': string })['x-key-field']).toBe('candidateId');
    expect(doc.channels['matching.proposals']['x-owner']).toBe('matching-service');
    expect(doc.info.description).toMatch(/murmur2/);
    expect(doc.info.description).toMatch(/not accepted/);
  });

  it('documents the content type, the headers and the dead-letter headers the code sets', () => {
    const headers = schemas.MessageHeaders as unknown as { required: string[]; properties: Record<string, { const?: string }> };
    expect(headers.properties['content-type'].const).toBe(CONTENT_TYPE);
    expect(headers.required).toEqual(expect.arrayContaining(['content-type', 'event-id', 'event-type', 'schema-version']));
    expect((schemas.DeadLetterHeaders as unknown as { required: string[] }).required).toEqual(Object.keys(DEAD_LETTER_HEADERS));
    expect(doc.channels['dead-letter'].address).toBe('jobbspar.dead-letter.{consumer}');
  });

  it('lists the taxonomy codes as enums', () => {
    const municipality = schemas.MunicipalityCode as unknown as { enum: string[] };
    expect(municipality.enum).toHaveLength(290);
    expect(municipality.enum).toContain('1280');
    expect(municipality.enum).not.toContain('9999');
    expect(schemas.NeedSnapshotV1Payload.properties.workplaceMunicipality).toEqual({ $ref: '#/components/schemas/MunicipalityCode' });
    expect(schemas.NeedSnapshotV1Payload.properties.countyCode).toEqual({ $ref: '#/components/schemas/CountyCode' });
  });

  it('refuses a validator it cannot document, rather than leaving a gap', () => {
    class OddV1Payload {
      @IsInt() oddId!: number;
      @ValidateIf((o: { oddId: number }) => o.oddId > 3) @IsInt() maybe!: number;
    }
    const odd = defineContract({ type: 'Odd', version: 1, topic: Topics.needs, payload: OddV1Payload, key: 'oddId' as never });
    expect(() => buildAsyncApi([odd])).toThrow(/OddV1Payload.maybe: a ValidateIf other than IsNullable/);
  });

  it('is what docs/asyncapi.json holds (run `npm run asyncapi` after changing a contract)', () => {
    const committed = JSON.parse(readFileSync(path.resolve(__dirname, '../../../docs/asyncapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  describe('records checked against it', () => {
    const validator = new AsyncApiValidator(doc, 'jobbspar.');
    const proposalId = randomUUID();
    const created = createEnvelope(
      ProposalCreatedV1,
      {
        proposalId,
        needId: randomUUID(),
        candidateId: randomUUID(),
        score: 62.5,
        weightsVersion: 'default-1',
        explanation: {
          score: 62.5,
          weightsVersion: 'default-1',
          factors: [],
          tasksCovered: [],
          tasksMissing: [{ taskId: 'kitchen.serve-school-lunch', required: 2, reached: null, weight: 'must-have' }],
        },
      },
      { producer: 'matching-service', tenant: 'se-14', aggregateId: proposalId, aggregateVersion: 1, actor: 'system:matching' },
    );
    const headers = {
      'content-type': CONTENT_TYPE,
      'event-id': created.eventId,
      'event-type': 'ProposalCreated',
      'schema-version': '1',
      producer: 'matching-service',
      tenant: 'se-14',
      'correlation-id': created.correlationId,
    };
    const record = (over: Partial<{ key: string | null; value: string; headers: Record<string, string> }> = {}) => ({
      topic: 'jobbspar.matching.proposals',
      key: proposalId,
      value: JSON.stringify(created),
      headers,
      ...over,
    });

    it('accepts a ProposalCreated with a missing task that was never reached (reached: null)', () => {
      expect(validator.check(record())).toEqual([]);
    });

    it.each([
      ['an extra envelope field', { value: JSON.stringify({ ...created, extra: 1 }) }, /additional/],
      ['another producer', { value: JSON.stringify({ ...created, producer: 'employer-service' }) }, /producer/],
      ['a key other than the aggregate id', { key: randomUUID() }, /key .* is not aggregateId/],
      ['a missing content type', { headers: { ...headers, 'content-type': '' } }, /headers/],
    ])('reports %s', (_, over, problem) => {
      expect(validator.check(record(over)).join('\n')).toMatch(problem);
    });

    it('checks revocations with a null level', () => {
      const candidateId = randomUUID();
      const revoked = createEnvelope(
        TaskValidationRevokedV1,
        { validationId: randomUUID(), candidateId, taskId: 'kitchen.serve-school-lunch', reason: 'other', effectiveLevel: null },
        { producer: 'candidate-service', tenant: 'se-14', aggregateId: candidateId, aggregateVersion: 4, actor: 'coordinator:c1' },
      );
      expect(
        validator.check({
          topic: 'jobbspar.candidate.candidates',
          key: candidateId,
          value: JSON.stringify(revoked),
          headers: { ...headers, 'event-type': 'TaskValidationRevoked', producer: 'candidate-service' },
        }),
      ).toEqual([]);
    });
  });
});
