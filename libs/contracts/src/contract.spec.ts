import { randomUUID } from 'node:crypto';
import { CONTRACTS, ContractViolation, createEnvelope, NeedClosedV1, TaskValidatedV1, Topics } from './index';

describe('ContractRegistry', () => {
  const validated = () =>
    createEnvelope(
      TaskValidatedV1,
      {
        validationId: randomUUID(),
        candidateId: randomUUID(),
        taskId: 'kitchen.serve-school-lunch',
        level: 2,
        effectiveLevel: 2,
        assessedOn: '2026-11-02',
        workplaceId: randomUUID(),
      },
      { producer: 'candidate-service', tenant: 'se-14', aggregateId: randomUUID(), aggregateVersion: 3, actor: 'coordinator:c1' },
    );

  it('decodes a valid event into its contract and payload', () => {
    const envelope = validated();
    const decoded = CONTRACTS.decode(JSON.stringify(envelope), Topics.candidates);
    expect(decoded.contract).toBe(TaskValidatedV1);
    expect(decoded.payload.constructor.name).toBe('TaskValidatedV1Payload');
    expect(decoded.envelope.eventId).toBe(envelope.eventId);
  });

  it.each([
    ['unparseable JSON', '{nope', /unparseable JSON/],
    ['not an object', '[1,2]', /not a JSON object/],
    ['an invalid envelope', JSON.stringify({ ...validated(), eventId: 'x' }), /invalid envelope: eventId/],
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
  ])('rejects %s with the reason', (_, raw, reason) => {
    expect(() => CONTRACTS.decode(raw, Topics.candidates)).toThrow(reason);
    expect(() => CONTRACTS.decode(raw, Topics.candidates)).toThrow(ContractViolation);
  });

  it('rejects an event on a topic it does not belong to', () => {
    expect(() => CONTRACTS.decode(JSON.stringify(validated()), Topics.needs)).toThrow(
      'TaskValidated does not belong on topic employer.needs',
    );
  });

  it('refuses to build an envelope around an invalid payload', () => {
    expect(() =>
      createEnvelope(
        NeedClosedV1,
        { needId: 'not-a-uuid', revision: 0, status: 'closed', reason: 'x' },
        {
          producer: 'employer-service',
          tenant: 'se-14',
          aggregateId: 'n',
          aggregateVersion: 1,
          actor: 'hr:1',
        },
      ),
    ).toThrow(/needId must be a UUID.*revision must not be less than 1/);
  });
});
