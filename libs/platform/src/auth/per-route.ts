import type { ExecutionContext } from '@nestjs/common';

type Controller = ReturnType<ExecutionContext['getClass']>;
type Handler = ReturnType<ExecutionContext['getHandler']>;

/**
 * A value per controller and handler, made on the first request for them: their metadata is fixed once the app is
 * built, and the guards ask on every request. (Keyed by both: a subclass's controller shares its parent's handlers.)
 */
export function perRoute<T>(): (context: ExecutionContext, make: (controller: Controller, handler: Handler) => T) => T {
  const made = new WeakMap<Handler, WeakMap<Controller, T>>();
  return (context, make) => {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byController = made.get(handler);
    if (!byController) made.set(handler, (byController = new WeakMap()));
    if (!byController.has(controller)) byController.set(controller, make(controller, handler));
    return byController.get(controller) as T;
  };
}
