import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** The content codings a prepared body is sent in, best first; anything else (or nothing asked) is sent as is. */
export const CONTENT_CODINGS = ['br', 'gzip'] as const;
export type ContentCoding = (typeof CONTENT_CODINGS)[number];

/** Bodies smaller than this go as they are: a coding's header costs more than it saves. */
const COMPRESS_FROM_BYTES = 1024;

const compressors: Record<ContentCoding, (body: Buffer) => Promise<Buffer>> = {
  // Brotli's quality 4 compresses a JSON page as well as gzip's default in about the same time; its default (11)
  // takes ~100× as long for a few per cent less.
  br: (body) => promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
  gzip: (body) => promisify(gzip)(body),
};

const SUPPORTED = [...CONTENT_CODINGS, 'identity'];

/**
 * A JSON response body prepared once and sent as is many times (issue 14: the review queue's pages, kept in memory):
 * its UTF-8 bytes, a validator (a weak ETag over those bytes, one for every coding of them), and each content coding
 * compressed at most once, when a client first asks for it (off the event loop, in libuv's pool).
 */
export class PreparedJson {
  readonly body: Buffer;
  /** `W/"<sha-1 of the body, base64url>"`: weak, as the same tag stands for the page in every content coding. */
  readonly etag: string;
  private readonly encoded = new Map<ContentCoding, Promise<Buffer>>();

  constructor(json: string) {
    this.body = Buffer.from(json, 'utf8');
    this.etag = `W/"${createHash('sha1').update(this.body).digest('base64url')}"`;
  }

  /** The body in `coding`, compressed on the first ask; a failed compression is not kept. */
  in(coding: ContentCoding): Promise<Buffer> {
    let body = this.encoded.get(coding);
    if (!body) {
      body = compressors[coding](this.body);
      this.encoded.set(coding, body);
      body.catch(() => this.encoded.delete(coding));
    }
    return body;
  }
}

/** Whether an If-None-Match header names `etag` (weak comparison, RFC 9110 §13.1.2: `W/` ignored; `*` matches). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = etag.replace(/^W\//, '');
  for (const tag of header.split(',')) {
    const t = tag.trim();
    if (t === '*' || t.replace(/^W\//, '') === opaque) return true;
  }
  return false;
}

/** The coding to send for an Accept-Encoding header: the client's preference among CONTENT_CODINGS, else none. */
export function codingFor(acceptEncoding: string | undefined, bytes: number): ContentCoding | undefined {
  if (acceptEncoding === undefined || bytes < COMPRESS_FROM_BYTES) return undefined;
  const chosen = negotiate(acceptEncoding, SUPPORTED);
  return chosen === 'br' || chosen === 'gzip' ? chosen : undefined;
}

/**
 * Answers a GET with a prepared body: 304 without a body when the client's If-None-Match names its ETag, else 200
 * with the body in the coding the client prefers (Accept-Encoding: br, gzip) or as is. `Cache-Control: private,
 * no-cache`: a browser may keep it but asks again each time (If-None-Match), and no shared cache keeps a caller's
 * page; `Vary` names what chose the representation. Returns what the handler returns (undefined for the 304).
 */
export async function sendPrepared(request: FastifyRequest, reply: FastifyReply, prepared: PreparedJson): Promise<Buffer | undefined> {
  reply.header('ETag', prepared.etag);
  reply.header('Cache-Control', 'private, no-cache');
  reply.header('Vary', 'Accept-Encoding, Authorization');
  const ifNoneMatch = request.headers['if-none-match'];
  if (matchesIfNoneMatch(ifNoneMatch, prepared.etag)) {
    reply.status(304);
    return undefined;
  }
  reply.header('Content-Type', 'application/json; charset=utf-8');
  const coding = codingFor(request.headers['accept-encoding'], prepared.body.length);
  if (!coding) return prepared.body;
  reply.header('Content-Encoding', coding);
  return prepared.in(coding);
}
