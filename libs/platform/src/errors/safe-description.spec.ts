import { DomainError } from './domain-error';
import { describeErrorSafely, stackFrames } from './safe-description';

class NeedNotFound extends DomainError<'NEED_NOT_FOUND'> {
  readonly code = 'NEED_NOT_FOUND' as const;
}

describe(describeErrorSafely.name, () => {
  const canary = 'Fatima Persson';

  it('describes a PostgreSQL error by SQLSTATE and schema objects, never by the value it quotes', () => {
    const pg = Object.assign(new Error(`invalid input syntax for type uuid: "${canary}"`), { code: '22P02', table: 'needs', column: 'id' });
    expect(describeErrorSafely(pg)).toBe('PostgreSQL 22P02 (invalid text representation), table needs, column id');
    const typeorm = Object.assign(new Error(`value "${canary}" is out of range`), {
      driverError: { code: '22003', constraint: 'needs_revision_check' },
    });
    expect(describeErrorSafely(typeorm)).toBe('PostgreSQL 22003 (numeric value out of range), constraint needs_revision_check');
  });

  it('keeps the messages of our own errors and blanks quoted text in anyone else’s', () => {
    expect(describeErrorSafely(new NeedNotFound('need 7c0e is not known here'))).toBe('NeedNotFound: need 7c0e is not known here');
    expect(describeErrorSafely(new TypeError(`Cannot read properties of undefined (reading '${canary}')`))).toBe(
      "TypeError: Cannot read properties of undefined (reading '…')",
    );
    expect(describeErrorSafely(new Error(`bad value "${canary}`))).toBe('Error: bad value "…"');
    expect(describeErrorSafely('x')).toBe('thrown string');
  });

  it('keeps only the frames of a stack, not its message line', () => {
    const frames = stackFrames(new Error(`failed on "${canary}"`))!;
    expect(frames).toMatch(/^\s+at /);
    expect(frames).not.toContain(canary);
  });
});
