import { AlreadyRevokedError, ValidationNotFoundError } from './internship.errors';
import { certify, effectiveLevel, revoke, TaskValidation } from './task-validations';

const v = (validationId: string, level: 1 | 2 | 3, certifiedAt: string, revoked = false): TaskValidation => ({
  validationId,
  level,
  certifiedAt,
  revoked,
});

describe('task validations', () => {
  it('has no effective level without validations, or with only revoked ones', () => {
    expect(effectiveLevel([])).toBeNull();
    expect(effectiveLevel([v('a', 2, '2026-01-01', true)])).toBeNull();
  });

  it('lets the first validation stand alone, superseding nothing', () => {
    expect(certify([], v('a', 1, '2026-01-01'))).toEqual({ effectiveLevel: 1 });
  });

  it('makes a higher level supersede the one that counted so far', () => {
    const history = [v('a', 1, '2026-01-01'), v('b', 2, '2026-02-01')];
    expect(certify(history, v('c', 3, '2026-03-01'))).toEqual({ effectiveLevel: 3, supersedes: 'b' });
  });

  it('never lowers the effective level with a lower validation, and supersedes nothing', () => {
    expect(certify([v('a', 3, '2026-01-01')], v('b', 1, '2026-02-01'))).toEqual({ effectiveLevel: 3 });
  });

  it('does not supersede on an equal level', () => {
    expect(certify([v('a', 2, '2026-01-01')], v('b', 2, '2026-02-01'))).toEqual({ effectiveLevel: 2 });
  });

  it('ignores revoked validations when deciding what is superseded', () => {
    expect(certify([v('a', 3, '2026-01-01', true), v('b', 1, '2026-01-02')], v('c', 2, '2026-02-01'))).toEqual({
      effectiveLevel: 2,
      supersedes: 'b',
    });
  });

  it('restores the previous level when the higher validation is revoked', () => {
    const history = [v('a', 1, '2026-01-01'), v('b', 3, '2026-02-01')];
    expect(revoke(history, 'b')).toEqual({ effectiveLevel: 1 });
  });

  it('keeps the level when a lower validation is revoked', () => {
    expect(revoke([v('a', 1, '2026-01-01'), v('b', 3, '2026-02-01')], 'a')).toEqual({ effectiveLevel: 3 });
  });

  it('leaves no level when the only validation is revoked', () => {
    expect(revoke([v('a', 2, '2026-01-01')], 'a')).toEqual({ effectiveLevel: null });
  });

  it('refuses to revoke twice or what does not exist', () => {
    expect(() => revoke([v('a', 2, '2026-01-01', true)], 'a')).toThrow(AlreadyRevokedError);
    expect(() => revoke([v('a', 2, '2026-01-01')], 'x')).toThrow(ValidationNotFoundError);
  });
});
