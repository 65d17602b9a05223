import type { ExecutionContext } from '@nestjs/common';
import { perRoute } from './per-route';

class Parent {
  list(): void {}
}
class Child extends Parent {}

const context = (controller: object, handler: object) =>
  ({ getClass: () => controller, getHandler: () => handler }) as unknown as ExecutionContext;

describe(perRoute.name, () => {
  it('makes a value once per controller and handler, and apart for a subclass that shares its parent’s handler', () => {
    const made: string[] = [];
    const ofRoute = perRoute<string>();
    const make = (controller: { name: string }, handler: { name: string }) => {
      made.push(`${controller.name}_${handler.name}`);
      return `${controller.name}_${handler.name}`;
    };
    const handler = Parent.prototype.list;
    expect([ofRoute(context(Parent, handler), make), ofRoute(context(Parent, handler), make)]).toEqual(['Parent_list', 'Parent_list']);
    expect(ofRoute(context(Child, handler), make)).toBe('Child_list');
    expect(made).toEqual(['Parent_list', 'Child_list']);
  });

  it('keeps a made false or empty value instead of making it again', () => {
    let calls = 0;
    const ofRoute = perRoute<boolean>();
    const handler = Parent.prototype.list;
    for (let i = 0; i < 3; i++) ofRoute(context(Parent, handler), () => (calls++, false));
    expect(calls).toBe(1);
  });
});
