import { OpenApiValidator } from './contract-validators';

describe(OpenApiValidator.name, () => {
  const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
  const doc = {
    openapi: '3.0.0',
    paths: {
      '/roles/{id}': {
        get: { responses: { '200': json({ $ref: '#/components/schemas/Role' }), '404': json({ $ref: '#/components/schemas/Error' }) } },
      },
      '/roles/standard': { post: { responses: { '201': json({ $ref: '#/components/schemas/Role' }) } } },
      '/roles/{id}/erasure': { post: { responses: { '204': { description: 'gone' } } } },
    },
    components: {
      schemas: {
        Role: {
          type: 'object',
          required: ['roleId', 'endDate'],
          properties: { roleId: { type: 'string', format: 'uuid' }, endDate: { type: 'string', nullable: true } },
        },
        Error: { type: 'object', required: ['statusCode'], properties: { statusCode: { type: 'number' } } },
      },
    },
  };
  const validator = new OpenApiValidator(doc);
  const role = JSON.stringify({ roleId: '7c1c7a52-5a07-4f7e-9d67-2f5e2d7c2a11', endDate: null });
  const check = (method: string, path: string, status: number, body = role, contentType = 'application/json; charset=utf-8') =>
    validator.check({ method, path, status, body, contentType });

  it('accepts a response the document describes, nullable fields included', () => {
    expect(check('GET', '/roles/7c1c7a52-5a07-4f7e-9d67-2f5e2d7c2a11', 200)).toEqual([]);
  });

  it('matches a literal segment before a parameter, as the router does', () => {
    expect(check('POST', '/roles/standard', 201)).toEqual([]);
  });

  it('reports a status the operation does not document', () => {
    expect(check('POST', '/roles/standard', 200)).toEqual(['POST /roles/standard → 200: status 200 is not documented (documented: 201)']);
  });

  it('reports a body that breaks the schema, with the path of the offending field', () => {
    const [problem] = check('GET', '/roles/x', 200, JSON.stringify({ roleId: 'not-a-uuid', endDate: 3 }));
    expect(problem).toMatch(/^GET \/roles\/\{id\} → 200: /);
    expect(problem).toMatch(/\/roleId must match format "uuid"/);
    expect(problem).toMatch(/\/endDate must be string/);
  });

  it('reports a body where none is documented, and a non-JSON answer where JSON is', () => {
    expect(check('POST', '/roles/x/erasure', 204, '')).toEqual([]);
    expect(check('POST', '/roles/x/erasure', 204, '{}')[0]).toMatch(/documented without a body/);
    expect(check('GET', '/roles/x', 200, role, 'text/html')[0]).toMatch(/content-type text\/html is not application\/json/);
  });

  it('reports an operation the document lacks, but not the router’s 404 for an unknown route', () => {
    expect(check('DELETE', '/roles/x', 204, '')).toEqual(['DELETE /roles/x → 204: no such operation in the OpenAPI document']);
    expect(check('GET', '/no-such-thing', 404, '{"statusCode":404}')).toEqual([]);
  });
});
