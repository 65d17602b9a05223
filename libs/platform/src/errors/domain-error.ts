/**
 * Base of every business-rule error. Its `code` is stable (clients and tests rely on it); each app maps its codes
 * to HTTP statuses in one exhaustive table, and the messaging pipeline treats a DomainError thrown while applying an
 * event as permanent (dead-letter) rather than transient (retry).
 */
export abstract class DomainError<C extends string = string> extends Error {
  abstract readonly code: C;
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Statuses a DomainError may map to: the four the house style allows for bad input and state conflicts. */
export type ClientErrorStatus = 400 | 403 | 404 | 409 | 422;
