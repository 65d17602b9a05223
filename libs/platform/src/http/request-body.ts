import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';

type Payload = RequestPayload & { receivedEncodedLength?: number };

const INFLATE: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Fastify preParsing hook: a body sent with `Content-Encoding: gzip`, `deflate` or `br` is inflated before it is
 * parsed, as Express's body parser did, and Fastify's body limit counts the inflated bytes (a small gzip bomb is a
 * 413, not parsed). `receivedEncodedLength` is how Fastify checks the compressed bytes against Content-Length. Any
 * other encoding is a 415 naming it.
 */
export function inflateRequestBody(
  request: FastifyRequest,
  _reply: FastifyReply,
  payload: Payload,
  done: (error: Error | null, stream?: Payload) => void,
): void {
  const encoding = String(request.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding === 'identity' || encoding === '') return done(null, payload);
  const make = INFLATE[encoding];
  if (!make) return done(new UnsupportedMediaTypeException(`unsupported content encoding "${encoding}"`));
  const inflated = make() as Transform & { receivedEncodedLength: number };
  inflated.receivedEncodedLength = 0;
  payload.on('data', (chunk: Buffer) => (inflated.receivedEncodedLength += chunk.length));
  payload.on('error', (error: Error) => inflated.destroy(error));
  done(null, payload.pipe(inflated) as unknown as Payload);
}

/**
 * The JSON body parser, as Express's (body-parser, strict) answered: an empty body is `{}`; a body that is not an
 * object or an array is a 400; anything else goes to Fastify's own parser (which refuses `__proto__` and
 * `constructor.prototype` keys).
 */
export function jsonBodyParser(fastify: FastifyInstance) {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void): void => {
    const text = body.toString('utf8');
    const first = text.trimStart()[0];
    if (first === undefined) return done(null, {});
    if (first !== '{' && first !== '[') {
      const error = Object.assign(
        new SyntaxError(`a JSON body must be an object or an array, not ${JSON.stringify(text.trim().slice(0, 20))}`),
        {
          statusCode: 400,
        },
      );
      return done(error);
    }
    parse(request, text, done);
  };
}
