import fastify, { type FastifyInstance } from 'fastify';
import { deflateSync, gzipSync } from 'node:zlib';
import { inflateRequestBody, jsonBodyParser } from './request-body';

/** A Fastify app with the platform's body handling, echoing the parsed body (createServiceApp wires the same two). */
async function echo(bodyLimit = 1024): Promise<FastifyInstance> {
  const app = fastify({ bodyLimit });
  app.addHook('preParsing', inflateRequestBody);
  app.removeContentTypeParser('application/json');
  const parse = jsonBodyParser(app);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => parse(request, body as Buffer, done));
  app.post('/echo', async (request) => ({ body: request.body }));
  await app.ready();
  return app;
}

describe('request bodies as Express parsed them', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await echo();
  });
  afterAll(() => app.close());

  const post = (payload: string | Buffer, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/echo', payload, headers: { 'content-type': 'application/json', ...headers } });

  it('reads an empty JSON body as {}', async () => {
    const res = await post('');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ body: {} });
  });

  it('takes only an object or an array as a JSON body (400 for a bare string or number)', async () => {
    expect((await post('{"a":1}')).json()).toEqual({ body: { a: 1 } });
    expect((await post('[1,2]')).json()).toEqual({ body: [1, 2] });
    for (const bare of ['"text"', '42', 'true', 'null']) {
      const res = await post(bare);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toMatch(/must be an object or an array/);
    }
    expect((await post('{"a":')).statusCode).toBe(400);
  });

  it('refuses prototype keys as Fastify does', async () => {
    expect((await post('{"__proto__":{"admin":true}}')).statusCode).toBe(400);
  });

  it('inflates a gzip or deflate body before parsing it', async () => {
    const body = JSON.stringify({ name: 'Åsa' });
    expect((await post(gzipSync(body), { 'content-encoding': 'gzip' })).json()).toEqual({ body: { name: 'Åsa' } });
    expect((await post(deflateSync(body), { 'content-encoding': 'deflate' })).json()).toEqual({ body: { name: 'Åsa' } });
  });

  it('counts the inflated bytes against the limit: a small compressed body that inflates past it is 413', async () => {
    const bomb = gzipSync(JSON.stringify({ name: ' '.repeat(50_000) }));
    expect(bomb.length).toBeLessThan(1024);
    const res = await post(bomb, { 'content-encoding': 'gzip' });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('FST_ERR_CTP_BODY_TOO_LARGE');
  });

  it('answers an encoding it cannot read with 415 naming it', async () => {
    const res = await post('{}', { 'content-encoding': 'compress' });
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toBe('unsupported content encoding "compress"');
  });
});
