import { ContractViolation } from '@jobbspar/contracts';
import { DomainError } from '@jobbspar/platform';
import { classifyError } from './event-pipeline';
import { PermanentEventError } from './received-event';

class NeedNotFound extends DomainError<'NEED_NOT_FOUND'> {
  readonly code = 'NEED_NOT_FOUND' as const;
}

describe('classifyError', () => {
  it('treats what can never be applied as permanent', () => {
    expect(classifyError(new ContractViolation('bad'))).toBe('permanent');
    expect(classifyError(new NeedNotFound('no such need'))).toBe('permanent');
    expect(classifyError(new PermanentEventError('rejected'))).toBe('permanent');
    expect(classifyError(Object.assign(new Error('invalid input syntax'), { code: '22P02' }))).toBe('permanent');
    expect(classifyError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe('permanent');
  });

  it('treats an unreachable or restarting database as an outage, retried for as long as it lasts', () => {
    expect(classifyError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('outage');
    expect(classifyError(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe('outage');
    expect(classifyError(Object.assign(new Error('could not serialize'), { code: '40001' }))).toBe('outage');
    expect(classifyError(new Error('Connection terminated unexpectedly'))).toBe('outage');
  });

  it('gives anything else a few attempts', () => {
    expect(classifyError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe('unknown');
    // A protocol violation is the statement's fault (e.g. more than 65,535 parameters), not the connection's.
    expect(classifyError(Object.assign(new Error('bind message has 2 parameter formats but 0 parameters'), { code: '08P01' }))).toBe(
      'unknown',
    );
    expect(classifyError(Object.assign(new Error('connection failure'), { code: '08006' }))).toBe('outage');
  });
});
