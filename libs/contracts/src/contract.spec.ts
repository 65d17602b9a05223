import { getMetadataStorage } from 'class-validator';
import { randomUUID } from 'node:crypto';
import {
  CONTRACTS,
  ContractViolation,
  createEnvelope,
  describeJsonSyntaxError,
  EmployerRegisteredV1,
  MAX_MESSAGE_BYTES,
  NeedClosedV1,
  NeedPostedV1,
  STREAMS,
  TaskValidatedV1,
  Topics,
} from './index';

describe('ContractRegistry', () => {
  const candidateId = randomUUID();
  const validated = () =>
    createEnvelope(
      TaskValidatedV1,
      {
        validationId: randomUUID(),
        candidateId,
        taskId: 'kitchen.serve-school-lunch',
        level: 2,
        effectiveLevel: 2,
        assessedOn: '2026-11-02',
        workplaceId: randomUUID(),
      },
      { producer: 'candidate-service', tenant: 'se-14', aggregateId: candidateId, aggregateVersion: 3, actor: 'coordinator:c1' },
    );
  const employerId = randomUUID();
  const registered = () =>
    createEnvelope(
      EmployerRegisteredV1,
      {
        employerId,
        organisationNumber: '556036-0793',
        name: 'Skövde kommun',
        sector: 'public',
        municipalityCode: '1496',
        isMunicipality: true,
      },
      { producer: 'employer-service', tenant: 'se-14', aggregateId: employerId, aggregateVersion: 1, actor: 'admin:a1' },
    );

  it('decodes a valid event into its contract and payload', () => {
    const envelope = validated();
    const decoded = CONTRACTS.decode(JSON.stringify(envelope), Topics.candidates, candidateId);
    expect(decoded.contract).toBe(TaskValidatedV1);
    expect(decoded.payload.constructor.name).toBe('TaskValidatedV1Payload');
    expect(decoded.envelope.eventId).toBe(envelope.eventId);
  });

  it.each([
    ['unparseable JSON', '{nope', /unparseable JSON/],
    ['not an object', '[1,2]', /not a JSON object/],
    ['an invalid envelope', JSON.stringify({ ...validated(), eventId: 'x' }), /invalid envelope: eventId/],
    [
      'an extra envelope field',
      JSON.stringify({ ...validated(), partition: 2 }),
      /invalid envelope: partition: property partition should not exist/,
    ],
    ['a producer that is not a service', JSON.stringify({ ...validated(), producer: 'af-system' }), /invalid envelope: producer/],
    ['a date-only occurredAt', JSON.stringify({ ...validated(), occurredAt: '2026-11-02' }), /occurredAt must be an RFC 3339 date-time/],
    ['an unknown version', JSON.stringify({ ...validated(), schemaVersion: 7 }), /unknown event type or version: TaskValidated v7/],
    [
      'a payload that breaks its contract',
      JSON.stringify({ ...validated(), payload: { ...validated().payload, level: 4 } }),
      /payload invalid: level/,
    ],
    [
      'an extra payload field',
      JSON.stringify({ ...validated(), payload: { ...validated().payload, name: 'Amina' } }),
      /property name should not exist/,
    ],
    [
      'an event of a stream from a service that does not own it',
      JSON.stringify({ ...validated(), producer: 'matching-service' }),
      /TaskValidated v1 is published only by candidate-service, not by matching-service/,
    ],
    [
      'an aggregate id that is not the payload key',
      JSON.stringify({ ...validated(), aggregateId: randomUUID() }),
      /aggregateId .* is not the payload's candidateId/,
    ],
  ])('rejects %s with the reason', (_, raw, reason) => {
    expect(() => CONTRACTS.decode(raw, Topics.candidates)).toThrow(reason);
    expect(() => CONTRACTS.decode(raw, Topics.candidates)).toThrow(ContractViolation);
  });

  it('never quotes the payload in a reason: no fragment of the bytes, no unusual property name', () => {
    const canary = 'Fatima Persson 19850214';
    const reasons = [
      `{"payload":{"name":${canary}}}`,
      `{"payload":{"name":"${canary}`,
      canary,
      JSON.stringify({ ...validated(), payload: { ...validated().payload, [canary]: 1 } }),
    ].map((raw) => {
      try {
        CONTRACTS.decode(raw, Topics.candidates);
        return 'decoded';
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(reasons[0]).toMatch(/^unparseable JSON \(\d+ bytes\): Unexpected token '…'$/);
    expect(reasons[1]).toMatch(/^unparseable JSON \(\d+ bytes\): Unterminated string in JSON at position \d+$/);
    expect(reasons[3]).toMatch(/property with an unusual name/);
    for (const reason of reasons) {
      for (const fragment of ['Fatima', 'Persson', '1985', 'atim']) expect(reason).not.toContain(fragment);
    }
  });

  it('keeps the grammar of a JSON syntax error and drops its quoted input', () => {
    expect(describeJsonSyntaxError("Expected ':' after property name in JSON at position 5")).toBe(
      "Expected ':' after property name in JSON at position 5",
    );
    expect(describeJsonSyntaxError('Unexpected token \'o\', "not json" is not valid JSON')).toBe("Unexpected token '…'");
  });

  it('rejects an event on a topic it does not belong to', () => {
    expect(() => CONTRACTS.decode(JSON.stringify(validated()), Topics.needs)).toThrow(
      'TaskValidated does not belong on topic employer.needs',
    );
  });

  it('rejects a message keyed other than by its aggregate, which could overtake its predecessors', () => {
    const raw = JSON.stringify(validated());
    expect(() => CONTRACTS.decode(raw, Topics.candidates, randomUUID())).toThrow(/message key .* is not the aggregateId/);
    expect(() => CONTRACTS.decode(raw, Topics.candidates, null)).toThrow(/message key null/);
  });

  it('rejects a well-formed municipality code the taxonomy does not know', () => {
    const unknown = { ...registered(), payload: { ...registered().payload, municipalityCode: '9999' } };
    expect(() => CONTRACTS.decode(JSON.stringify(unknown), Topics.employers)).toThrow(
      /municipalityCode: municipalityCode must be a municipality code of the taxonomy \(SCB kommunkod\), got "9999"/,
    );
    expect(CONTRACTS.decode(JSON.stringify(registered()), Topics.employers).payload).toMatchObject({ municipalityCode: '1496' });
  });

  it('rejects an oversized message before parsing it', () => {
    const big = JSON.stringify({ ...validated(), padding: 'x'.repeat(MAX_MESSAGE_BYTES) });
    expect(() => CONTRACTS.decode(big, Topics.candidates)).toThrow(/exceeds the limit/);
  });

  describe('createEnvelope', () => {
    const needId = randomUUID();
    it('refuses to build an envelope around an invalid payload', () => {
      expect(() =>
        createEnvelope(
          NeedClosedV1,
          { needId: 'not-a-uuid', revision: 0, status: 'closed', reason: 'x' },
          { producer: 'employer-service', tenant: 'se-14', aggregateId: 'n', aggregateVersion: 1, actor: 'hr:1' },
        ),
      ).toThrow(/needId must be a UUID.*revision must not be less than 1/);
    });

    it('refuses what a consumer would reject: a foreign producer, another aggregate id, a bad envelope field', () => {
      const payload = { needId, revision: 2, status: 'closed' as const, reason: 'withdrawn' };
      const ctx = { producer: 'employer-service' as const, tenant: 'se-14', aggregateId: needId, aggregateVersion: 2, actor: 'hr:1' };
      expect(() => createEnvelope(NeedClosedV1, payload, { ...ctx, producer: 'matching-service' })).toThrow(
        /published only by employer-service/,
      );
      expect(() => createEnvelope(NeedClosedV1, payload, { ...ctx, aggregateId: randomUUID() })).toThrow(/is not the payload's needId/);
      expect(() => createEnvelope(NeedClosedV1, payload, { ...ctx, tenant: '' })).toThrow(/invalid envelope: tenant/);
      expect(createEnvelope(NeedClosedV1, payload, ctx)).toMatchObject({ producer: 'employer-service', aggregateId: needId });
    });
  });

  it('gives every contract a key field its payload class validates and a producer that owns its stream', () => {
    for (const contract of CONTRACTS.all()) {
      const rules = getMetadataStorage()
        .getTargetValidationMetadatas(contract.payload, '', true, false)
        .filter((m) => m.propertyName === contract.key)
        .map((m) => m.name);
      expect([contract.type, rules]).toEqual([contract.type, ['isUuid']]);
      expect(STREAMS[contract.topic].owner).toBe(contract.producer);
    }
    expect(NeedPostedV1).toMatchObject({ key: 'needId', producer: 'employer-service' });
    expect(TaskValidatedV1).toMatchObject({ key: 'candidateId', producer: 'candidate-service' });
  });
});
