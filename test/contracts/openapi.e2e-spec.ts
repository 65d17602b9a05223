import { INestApplication, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { OpenAPIObject } from '@nestjs/swagger';
import OpenAPISchemaValidator from 'openapi-schema-validator';
import request from 'supertest';
import { composeServices, ComposedSystem } from '../../apps/jobbspar/src/compose-services';
import { testAuthConfig } from '../support/auth';
import { createTestDatabase, uniqueName } from '../support/infra';

type Operation = { responses: Record<string, unknown>; parameters?: { in: string; name: string }[]; requestBody?: unknown };

/** Every route a Nest app serves, with the status Nest answers on success unless the handler sets one itself. */
function routesOf(app: INestApplication): { method: string; path: string; status: number; setsOwnStatus: boolean }[] {
  const routes: { method: string; path: string; status: number; setsOwnStatus: boolean }[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name as keyof object] as unknown;
        if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number].toLowerCase();
        const own = String(Reflect.getMetadata(PATH_METADATA, handler));
        const path = `/${[base, own]
          .map((p) => p.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/')}`.replace(/:(\w+)/g, '{$1}');
        // A handler with @Res() decides its status itself (e.g. 201 or 200 for "created or already there").
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) ?? {}) as Record<string, unknown>;
        const setsOwnStatus = Object.keys(args).some((key) => key.startsWith(`${RouteParamtypes.RESPONSE}:`));
        const status = (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === 'post' ? 201 : 200);
        routes.push({ method, path, status, setsOwnStatus });
      }
    }
  }
  return routes;
}

/** The OpenAPI document as /openapi.json serves it is complete and exact where a rule can tell. */
describe('the OpenAPI document', () => {
  let system: ComposedSystem;
  let drop: () => Promise<void>;
  let doc: OpenAPIObject;
  const operations = (): [string, string, Operation][] =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
        .map(([method, op]) => [path, method, op as Operation] as [string, string, Operation]),
    );

  beforeAll(async () => {
    const database = await createTestDatabase('openapi');
    drop = database.drop;
    const prefix = `${uniqueName('oa')}.`;
    system = await composeServices({
      databaseUrl: database.url,
      topicPrefix: prefix,
      groupPrefix: prefix,
      port: 0,
      auth: testAuthConfig(),
    });
    doc = (await request(system.handler).get('/openapi.json').expect(200)).body;
  });

  afterAll(async () => {
    await system?.close();
    await drop?.();
  });

  it('is a valid OpenAPI 3.0 document', () => {
    const { errors } = new OpenAPISchemaValidator({ version: 3 }).validate(doc as never);
    expect(errors).toEqual([]);
  });

  it('documents, for every route, the status it answers on success', () => {
    const wrong: string[] = [];
    const routes = [system.apps.employer, system.apps.candidate, system.apps.matching, system.apps.followUp].flatMap(routesOf);
    expect(routes).toContainEqual({ method: 'post', path: '/internships', status: 201, setsOwnStatus: false });
    expect(routes).toContainEqual({ method: 'post', path: '/validations/{id}/revoke', status: 200, setsOwnStatus: false });
    expect(routes).toContainEqual({ method: 'post', path: '/roles/standard', status: 201, setsOwnStatus: true });
    for (const route of routes) {
      const op = (doc.paths[route.path] as Record<string, Operation> | undefined)?.[route.method];
      if (!op) {
        wrong.push(`${route.method} ${route.path}: not documented`);
        continue;
      }
      const documented = Object.keys(op.responses).filter((s) => s.startsWith('2'));
      if (route.setsOwnStatus ? documented.length === 0 : !documented.includes(String(route.status))) {
        wrong.push(`${route.method.toUpperCase()} ${route.path}: answers ${route.status}, documents ${documented.join(', ')}`);
      }
      if (!route.setsOwnStatus && documented.some((s) => s !== String(route.status))) {
        wrong.push(`${route.method.toUpperCase()} ${route.path}: documents ${documented.join(', ')} but only answers ${route.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('documents 400 wherever input is validated, 404 wherever a path addresses one resource, 413 wherever a body is read', () => {
    const missing: string[] = [];
    for (const [path, method, op] of operations()) {
      const name = `${method.toUpperCase()} ${path}`;
      const validated = (op.parameters ?? []).length > 0 || op.requestBody !== undefined;
      if (validated && !op.responses['400']) missing.push(`${name}: 400`);
      // One resource addressed by its id (a read of a sub-collection answers an empty page instead); the weights of a
      // region are answered for any region, with the defaults until some are set.
      const addressesOne = (op.parameters ?? []).some((p) => p.in === 'path') && (/\}$/.test(path) || method !== 'get');
      if (addressesOne && !op.responses['404'] && !path.startsWith('/matching/weights/')) missing.push(`${name}: 404`);
      if (op.requestBody !== undefined && !op.responses['413']) missing.push(`${name}: 413`);
    }
    expect(missing).toEqual([]);
  });

  it('documents 429 with Retry-After on every operation: the rate limit applies to every route', () => {
    const missing: string[] = [];
    for (const [path, method, op] of operations()) {
      const answer = op.responses['429'] as { headers?: Record<string, unknown> } | undefined;
      if (!answer?.headers?.['Retry-After']) missing.push(`${method.toUpperCase()} ${path}`);
    }
    expect(missing).toEqual([]);
  });

  it('caps the page size of every paged list, in the document as in the code (test/auth/abuse-limits.e2e-spec.ts)', () => {
    const schemas = (doc.components?.schemas ?? {}) as Record<string, { properties?: Record<string, unknown> }>;
    const uncapped: string[] = [];
    let paged = 0;
    for (const [path, method, op] of operations()) {
      const ok = op.responses['200'] as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined;
      const ref = ok?.content?.['application/json']?.schema?.$ref;
      const page = ref ? schemas[ref.split('/').pop()!] : undefined;
      if (!page?.properties?.items || !page.properties.total) continue;
      paged++;
      const size = (op.parameters ?? []).find((p) => p.in === 'query' && (p.name === 'limit' || p.name === 'pageSize')) as
        { schema?: { maximum?: number } } | undefined;
      if (typeof size?.schema?.maximum !== 'number') uncapped.push(`${method.toUpperCase()} ${path}`);
    }
    expect(uncapped).toEqual([]);
    // employers, roles, needs, candidates, internships, matching's proposals of a need or candidate, the queue, the
    // employer's accepted proposals and the placements, each service's audit log, and a region's goals (the worklist is
    // capped but has no total)
    expect(paged).toBe(15);
  });

  it('types every property: no string or number left as a bare object', () => {
    const bare: string[] = [];
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      for (const [prop, p] of Object.entries((schema as { properties?: Record<string, Record<string, unknown>> }).properties ?? {})) {
        const untyped = p.type === 'object' && !p.properties && !p.additionalProperties && !p.$ref && !p.allOf && !p.oneOf;
        if (untyped) bare.push(`${name}.${prop}`);
      }
    }
    expect(bare).toEqual([]);
  });

  it("gives each service's request and response classes a schema of their own (no name shared across services)", () => {
    // mergeOpenApi throws on a clash; here the candidate's follow-up attributes and matching's follow-up are apart.
    const schemas = doc.components?.schemas ?? {};
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['FollowUpAttributesRequest', 'FollowUpRequest']));
    expect(JSON.stringify(schemas.FollowUpAttributesRequest)).toContain('gender');
    expect(JSON.stringify(schemas.FollowUpRequest)).toContain('checkpointDays');
  });
});
