import { documentIdempotencyKey, requestFingerprint } from './idempotency';

describe(requestFingerprint.name, () => {
  const base = { method: 'POST', url: '/needs', actor: 'employer:e-1', body: { positions: 2, support: { a: 1, b: [1, 2] } } };

  it('is the same for the same request, whatever the order of its body keys', () => {
    expect(requestFingerprint(base)).toBe(
      requestFingerprint({ ...base, method: 'post', body: { support: { b: [1, 2], a: 1 }, positions: 2 } }),
    );
  });

  it('differs when the method, path, actor or any value of the body differs', () => {
    const fingerprint = requestFingerprint(base);
    for (const other of [
      { ...base, method: 'PUT' },
      { ...base, url: '/needs?x=1' },
      { ...base, actor: 'employer:e-2' },
      { ...base, body: { positions: 3, support: base.body.support } },
      { ...base, body: { positions: 2, support: { a: 1, b: [2, 1] } } },
    ]) {
      expect(requestFingerprint(other)).not.toBe(fingerprint);
    }
  });
});

describe(documentIdempotencyKey.name, () => {
  it('adds the optional header to writes only', () => {
    const document = { paths: { '/needs': { get: {}, post: { parameters: [{ name: 'x' }] } }, '/needs/{id}': { patch: {}, delete: {} } } };
    documentIdempotencyKey(document as never);
    const names = (op: { parameters?: unknown[] }) => (op.parameters ?? []).map((p) => (p as { name: string }).name);
    expect(names(document.paths['/needs'].get)).toEqual([]);
    expect(names(document.paths['/needs'].post)).toEqual(['x', 'Idempotency-Key']);
    expect(names(document.paths['/needs/{id}'].patch)).toEqual(['Idempotency-Key']);
    expect(names(document.paths['/needs/{id}'].delete)).toEqual(['Idempotency-Key']);
  });

  it("documents the answers the key itself can give on every write, keeping an operation's own descriptions", () => {
    const own = { description: 'A closed need' };
    const document = { paths: { '/needs': { get: { responses: {} }, post: { responses: { '409': own } } } } };
    documentIdempotencyKey(document as never);
    const post = document.paths['/needs'].post.responses as Record<string, unknown>;
    expect(Object.keys(post).sort()).toEqual(['400', '404', '409', '422']);
    expect(post['409']).toBe(own);
    expect(document.paths['/needs'].get.responses).toEqual({});
  });
});
