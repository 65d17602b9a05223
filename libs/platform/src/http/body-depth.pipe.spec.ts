import { BadRequestException } from '@nestjs/common';
import { BodyDepthPipe, jsonDepth, MAX_BODY_DEPTH } from './body-depth.pipe';

const nested = (levels: number): unknown => JSON.parse('{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1));

describe(BodyDepthPipe.name, () => {
  const pipe = new BodyDepthPipe();
  const body = { type: 'body' as const };

  it('measures nesting without recursion, arrays and objects alike', () => {
    expect(jsonDepth(7)).toBe(0);
    expect(jsonDepth({ a: [1, { b: [] }] })).toBe(4);
    expect(jsonDepth(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)))).toBe(100_000);
  });

  it('passes a body at the limit and rejects one level more with a 400 that says why', () => {
    expect(pipe.transform(nested(MAX_BODY_DEPTH), body)).toEqual(nested(MAX_BODY_DEPTH));
    expect(() => pipe.transform(nested(MAX_BODY_DEPTH + 1), body)).toThrow(BadRequestException);
    try {
      pipe.transform(JSON.parse('['.repeat(2000) + ']'.repeat(2000)), body);
    } catch (error) {
      expect((error as BadRequestException).getResponse()).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: `body is nested deeper than ${MAX_BODY_DEPTH} levels`,
      });
    }
  });

  it('leaves query and path parameters to the validation pipe', () => {
    expect(pipe.transform(nested(50), { type: 'query' })).toEqual(nested(50));
  });
});
