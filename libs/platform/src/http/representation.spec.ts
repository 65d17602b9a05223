import fastify, { type FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { codingFor, matchesIfNoneMatch, PreparedJson, sendPrepared } from './representation';

const PAGE = JSON.stringify({ items: Array.from({ length: 40 }, (_, i) => ({ id: i, name: `Åsa ${i}`, score: 90 - i })), total: 40 });

describe('a prepared JSON body', () => {
  let app: FastifyInstance;
  let prepared: PreparedJson;
  beforeAll(async () => {
    prepared = new PreparedJson(PAGE);
    app = fastify();
    app.get('/page', (request, reply) => sendPrepared(request, reply, prepared));
    app.get('/small', (request, reply) => sendPrepared(request, reply, new PreparedJson('{"items":[]}')));
    await app.ready();
  });
  afterAll(() => app.close());

  const get = (headers: Record<string, string> = {}, url = '/page') => app.inject({ method: 'GET', url, headers });

  it('is its UTF-8 bytes with a weak ETag over them', () => {
    expect(prepared.body.toString('utf8')).toBe(PAGE);
    expect(prepared.etag).toBe(`W/"${createHash('sha1').update(Buffer.from(PAGE, 'utf8')).digest('base64url')}"`);
    expect(new PreparedJson(PAGE.replace('Åsa 3', 'Åsa 4')).etag).not.toBe(prepared.etag);
  });

  it('is sent as is, as JSON, with its validator and caching headers, when no coding is asked for', async () => {
    const res = await get();
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(PAGE);
    expect(res.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      etag: prepared.etag,
      'cache-control': 'private, no-cache',
      vary: 'Accept-Encoding, Authorization',
      'content-length': String(Buffer.byteLength(PAGE)),
    });
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('answers 304 without a body to a client that holds it (weak comparison, lists, *), and 200 to one that holds another', async () => {
    for (const header of [prepared.etag, prepared.etag.slice(2), `"other", ${prepared.etag}`, '*']) {
      const res = await get({ 'if-none-match': header });
      expect(res.statusCode).toBe(304);
      expect(res.body).toBe('');
      expect(res.headers.etag).toBe(prepared.etag);
      expect(res.headers['content-type']).toBeUndefined();
    }
    const stale = await get({ 'if-none-match': 'W/"an-older-page"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toBe(PAGE);
  });

  it("is compressed in the client's preferred coding, br first at equal preference, and decompresses to the same bytes", async () => {
    const br = await get({ 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(PAGE.length / 2);
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(PAGE);
    expect(br.headers.etag).toBe(prepared.etag);

    const gzip = await get({ 'accept-encoding': 'gzip;q=1, br;q=0.5' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(PAGE);

    for (const header of ['deflate', 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get({ 'accept-encoding': header });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(PAGE);
    }
  });

  it('compresses each coding once, however often it is asked for', async () => {
    const page = new PreparedJson(PAGE);
    const first = page.in('gzip');
    expect(page.in('gzip')).toBe(first);
    expect(page.in('br')).not.toBe(first);
    expect(gunzipSync(await first).toString('utf8')).toBe(PAGE);
  });

  it('sends a body under a kilobyte as is', async () => {
    const res = await get({ 'accept-encoding': 'br, gzip' }, '/small');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe('{"items":[]}');
    expect(codingFor('gzip', 1023)).toBeUndefined();
    expect(codingFor('gzip', 1024)).toBe('gzip');
  });

  it('matches If-None-Match only against its own tag', () => {
    expect(matchesIfNoneMatch(undefined, 'W/"a"')).toBe(false);
    expect(matchesIfNoneMatch('W/"b"', 'W/"a"')).toBe(false);
    expect(matchesIfNoneMatch(' W/"b" ,"a"', 'W/"a"')).toBe(true);
    expect(matchesIfNoneMatch('"ab"', 'W/"a"')).toBe(false);
  });
});
