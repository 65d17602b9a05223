import { documentIdempotencyKey } from './idempotency';
import { applyDecorators, INestApplication } from '@nestjs/common';
import {
  ApiHeader,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  DocumentBuilder,
  OpenAPIObject,
  SwaggerModule,
} from '@nestjs/swagger';
import type { AuthConfig } from '../auth/auth-config';
import { HealthReportResponse } from '../service/health';

/** The body of every 4xx answer: which field and why, and for domain errors a stable code. */
export class ErrorResponse {
  @ApiProperty({ description: 'HTTP status code.', example: 422 })
  statusCode!: number;

  @ApiProperty({ description: 'HTTP reason phrase.', example: 'Unprocessable Entity' })
  error!: string;

  @ApiPropertyOptional({ description: 'Stable error code of a business rule (absent for malformed input).', example: 'UNKNOWN_TASK' })
  code?: string;

  @ApiProperty({
    description: 'What is wrong, as `field: reason`; malformed input lists every offending field.',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  })
  message!: string | string[];

  @ApiPropertyOptional({
    description: 'Machine-readable details, such as the offending field.',
    type: 'object',
    additionalProperties: true,
  })
  details?: Record<string, unknown>;
}

export type DocumentedErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429;

const MEANING: Record<DocumentedErrorStatus, string> = {
  400: 'Malformed input: a missing, extra or wrongly typed field, a value out of range, a malformed id or JSON body',
  401: 'No valid bearer token',
  403: 'The token is valid but its role or organisation may not do this',
  404: 'The addressed or referenced resource does not exist',
  409: 'The resource is in a state that does not allow this (e.g. a closed need, a duplicate organisation number)',
  413: 'The request body is larger than the limit (BODY_LIMIT_KB, 100 kB unless configured); the message names the limit',
  422: 'Well-formed but meaningless input: an unknown taxonomy code, a date outside what the rule allows, a broken role composition',
  429: 'Too many requests from this caller (per user, or per address without a valid token); Retry-After says when to try again',
};

/** Documents the 4xx answers an operation can give, each with the common error body. */
export function ApiErrors(...statuses: DocumentedErrorStatus[]): MethodDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: MEANING[status], type: ErrorResponse })));
}

/**
 * Documents a GET answered with a prepared body (http/representation.ts, sendPrepared): 200 with `type` and the
 * ETag, Cache-Control, Vary and Content-Encoding headers; 304 to a client whose If-None-Match names the ETag.
 */
export function ApiPrepared(type: Function): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'The ETag of the page the client holds: answered 304 without a body while the page is unchanged',
    }),
    ApiHeader({
      name: 'Accept-Encoding',
      required: false,
      description: 'br or gzip (the client’s preference by q-value; br first at equal q): the body compressed; otherwise sent as is',
    }),
    ApiOkResponse({
      type,
      headers: {
        ETag: {
          description: 'Weak validator of the page (the same in every content coding): send it back as If-None-Match',
          schema: { type: 'string' },
        },
        'Cache-Control': {
          description: '`private, no-cache`: a browser may keep the page but asks again each time',
          schema: { type: 'string' },
        },
        Vary: { description: '`Accept-Encoding, Authorization`', schema: { type: 'string' } },
        'Content-Encoding': {
          description: 'br or gzip when the client accepts one and the body is 1 kB or more; absent when sent as is',
          schema: { type: 'string', enum: ['br', 'gzip'] },
        },
      },
    }),
    ApiResponse({
      status: 304,
      description:
        'Not modified: the page is the one whose ETag the client sent in If-None-Match (no body; ETag, Cache-Control, Vary as for 200)',
    }),
  );
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const RATE_LIMIT_HEADERS = {
  'X-RateLimit-Limit': { description: 'Requests this caller may make in the window', schema: { type: 'integer' } },
  'X-RateLimit-Remaining': { description: 'Requests left in the window', schema: { type: 'integer' } },
  'X-RateLimit-Reset': { description: 'Seconds until the window starts afresh', schema: { type: 'integer' } },
};

/**
 * Adds what the platform answers on its own, the same for every operation: a body above the JSON parser's limit is
 * a 413 wherever a body is accepted, and any operation is a 429 with Retry-After once its caller is over her rate
 * (http/abuse-limits.ts). (No 304 here: Express gave every GET an ETag, Fastify does not; only the operations that
 * send a prepared body (ApiPrepared) answer If-None-Match, and they document it.)
 */
function addPlatformAnswers(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      op.responses['429'] ??= {
        description: MEANING[429],
        headers: {
          'Retry-After': { description: 'Seconds to wait before the next request is counted again', schema: { type: 'integer' } },
          ...RATE_LIMIT_HEADERS,
        },
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
      };
      if (!op.requestBody) continue;
      op.responses['413'] ??= {
        description: MEANING[413],
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
      };
    }
  }
  return document;
}

/**
 * A nullable enum must list null among its values: OpenAPI 3.0.3 makes `nullable` add null to the type only, so a
 * strict client (and ajv) would refuse the null the field really carries. @nestjs/swagger leaves it out.
 */
function nullInNullableEnums(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(nullInNullableEnums);
  if (!node || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  Object.values(schema).forEach(nullInNullableEnums);
}

/** The public client Swagger UI logs in with (authorization code + PKCE); the project's provider registers it. */
export const DOCS_CLIENT_ID = 'jobbspar-docs';
/** What Swagger UI's "Authorize" asks for; every provider it logs in at must admit each (the Keycloak realm's spec). */
export const DOCS_SCOPES = ['openid', 'jobbspar', 'api'];

/**
 * How to authenticate, on every operation but /health: OpenID Connect discovery of the issuer (Swagger UI's
 * "Authorize" runs the authorization code flow with PKCE from it) or a pasted bearer token; without one the
 * platform's guard answers 401 before anything else runs.
 */
function addSecurity(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      // /health is the one route open to anyone (load balancers, the start-up checks).
      if (op.tags?.includes('health')) {
        op.security = [];
        continue;
      }
      op.security = [{ oidc: DOCS_SCOPES }, { bearer: [] }];
      op.responses['401'] ??= {
        description: MEANING[401],
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
      };
      // The service's policy answers 403 to a role the operation is not for, before anything else runs.
      op.responses['403'] ??= {
        description: MEANING[403],
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
      };
    }
  }
  return document;
}

export function buildOpenApi(app: INestApplication, title: string, description: string, auth: AuthConfig): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription(description)
    .setVersion('1')
    .addSecurity('oidc', { type: 'openIdConnect', openIdConnectUrl: `${auth.issuer}/.well-known/openid-configuration` })
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: `An access token of ${auth.issuer} for ${auth.audience}`,
    })
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponse, HealthReportResponse] });
  nullInNullableEnums(document);
  documentIdempotencyKey(document as unknown as Parameters<typeof documentIdempotencyKey>[0]);
  return addSecurity(addPlatformAnswers(document));
}

/**
 * Several services' documents as one. Paths are disjoint by construction (each service owns its route prefixes);
 * a schema name used by two services for different shapes would make one of them point at the other's, so that is
 * an error here rather than a silently wrong document.
 */
export function mergeOpenApi(title: string, description: string, documents: OpenAPIObject[]): OpenAPIObject {
  const [first] = documents;
  const paths: OpenAPIObject['paths'] = {};
  const schemas: Record<string, unknown> = {};
  for (const doc of documents) {
    for (const [path, item] of Object.entries(doc.paths)) {
      if (paths[path]) throw new Error(`OpenAPI merge: path ${path} is documented by two services`);
      paths[path] = item;
    }
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      if (name in schemas && JSON.stringify(schemas[name]) !== JSON.stringify(schema)) {
        throw new Error(`OpenAPI merge: two different schemas are named ${name}; give one of the classes another name`);
      }
      schemas[name] = schema;
    }
  }
  return {
    ...first,
    info: { title, version: '1', description },
    paths,
    tags: documents.flatMap((d) => d.tags ?? []),
    components: {
      securitySchemes: first.components?.securitySchemes,
      schemas: schemas as NonNullable<OpenAPIObject['components']>['schemas'],
    },
  };
}

/** Serves /openapi.json and Swagger UI at /docs for one app; "Authorize" logs in with PKCE as DOCS_CLIENT_ID. */
export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    swaggerOptions: {
      persistAuthorization: true,
      initOAuth: { clientId: DOCS_CLIENT_ID, usePkceWithAuthorizationCodeGrant: true, scopes: DOCS_SCOPES },
    },
  });
}
