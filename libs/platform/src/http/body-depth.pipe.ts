import { ArgumentMetadata, BadRequestException, PipeTransform } from '@nestjs/common';

/** No request body of ours nests deeper than a handful of levels; 20 leaves room and bounds the recursion below. */
export const MAX_BODY_DEPTH = 20;

/** How deep a parsed JSON value nests (a scalar is 0, `{}` and `[]` are 1), counted without recursion. */
export function jsonDepth(value: unknown, stopAt = Infinity): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > stopAt) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, level]);
  }
  return deepest;
}

/**
 * Runs before the ValidationPipe: class-transformer and class-validator recurse once per level, so a small body
 * nested a few thousand levels deep overflowed the stack and answered 500. Such a body is rejected with a 400.
 */
export class BodyDepthPipe implements PipeTransform {
  constructor(private readonly maxDepth = MAX_BODY_DEPTH) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' && jsonDepth(value, this.maxDepth) > this.maxDepth) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `body is nested deeper than ${this.maxDepth} levels`,
      });
    }
    return value;
  }
}
