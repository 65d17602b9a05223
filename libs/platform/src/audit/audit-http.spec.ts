import { auditControllerName, auditObjectOf, auditOperationId, auditPolicy } from './audit-http';
import { outcomeOf } from './audit-log';

const ID = '6f1c1a52-3c6e-4e55-9d3f-2f9a3b1c0d11';

describe(auditObjectOf.name, () => {
  it("takes the path's ids, in order, as the object", () => {
    expect(auditObjectOf({ id: ID }, { id: 'ignored' })).toBe(ID);
    expect(auditObjectOf({ countyCode: '12', ssyk: '5120' }, undefined)).toBe('12/5120');
    expect(auditObjectOf({ region: 'se-12' }, undefined)).toBe('se-12');
  });

  it('never stores free text from a path: a value that is no id is a question mark', () => {
    expect(auditObjectOf({ id: 'Amina Haddad' }, undefined)).toBe('?');
    expect(auditObjectOf({ id: 'amina.haddad@example.org' }, undefined)).toBe('?');
    expect(auditObjectOf({ id: ID, other: 'x'.repeat(11) }, undefined)).toBe(`${ID}/?`);
  });

  it('takes the id the handler named (auditObject) when the path has none, ahead of its result, and only an id', () => {
    expect(auditObjectOf({}, { id: 'b1c0d11f-3c6e-4e55-9d3f-2f9a3b1c0d11' }, ID)).toBe(ID);
    expect(auditObjectOf({ id: 'se-12' }, undefined, ID)).toBe('se-12');
    expect(auditObjectOf({}, undefined, 'Amina Haddad')).toBe('?');
  });

  it('takes the id a command created from its result when neither the path nor the handler names one, and only a UUID', () => {
    expect(auditObjectOf({}, { candidateId: ID, name: 'Amina' })).toBe(ID);
    expect(auditObjectOf(undefined, { id: ID })).toBe(ID);
    expect(auditObjectOf({}, { id: 'Amina Haddad', name: ID })).toBeNull();
    expect(auditObjectOf({}, [{ id: ID }])).toBeNull();
    expect(auditObjectOf({}, undefined)).toBeNull();
  });
});

describe(outcomeOf.name, () => {
  it('names what came of a request by its status, and a response never finished as aborted', () => {
    expect([200, 201, 204, 304, 403, 404, 400, 409, 422, 500, 503].map((s) => outcomeOf(s, true))).toEqual([
      'success',
      'success',
      'success',
      'success',
      'denied',
      'not-found',
      'rejected',
      'rejected',
      'rejected',
      'failed',
      'failed',
    ]);
    expect(outcomeOf(200, false)).toBe('aborted');
  });
});

describe(auditControllerName.name, () => {
  it("gives each service's audit operation an id of its own, admitted to admins only", () => {
    expect(auditControllerName('employer-service')).toBe('EmployerServiceAuditController');
    expect(auditOperationId('follow-up-service')).toBe('FollowUpServiceAuditController_list');
    expect(auditPolicy('candidate-service')).toEqual({ CandidateServiceAuditController_list: { roles: ['admin'] } });
  });
});
