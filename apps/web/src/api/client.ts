/**
 * The one way the web app talks to the API: same origin, JSON, the caller's bearer token when there is one, and an
 * ApiError carrying the server's status, code and per-field messages so forms can show them next to the field.
 */
export interface FieldErrors {
  [field: string]: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly fields: FieldErrors = {},
    /** The domain error's details (e.g. `{ field: 'startDate', acceptedOn }`), for a message in the page's language. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let tokenSource: () => string | undefined = () => undefined;
let onUnauthorized: () => void = () => undefined;

/** The session module plugs the access token in here once the user has logged in. */
export function configureAuth(source: () => string | undefined, unauthorized: () => void): void {
  tokenSource = source;
  onUnauthorized = unauthorized;
}

export function authHeaders(): Record<string, string> {
  const token = tokenSource();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Turns class-validator messages ("startDate must be a valid ISO 8601 date string") into errors per field. */
export function fieldErrorsOf(messages: unknown): FieldErrors {
  const list = Array.isArray(messages) ? messages : typeof messages === 'string' ? [messages] : [];
  const fields: FieldErrors = {};
  for (const message of list) {
    if (typeof message !== 'string') continue;
    const match = /^([a-zA-Z0-9_.[\]]+) /.exec(message);
    if (!match) continue;
    const field = match[1].replace(/\[(\d+)\]/g, '.$1');
    fields[field] ??= message;
  }
  return fields;
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: { message?: unknown; code?: string; error?: string; details?: Record<string, unknown> } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? body.error ?? response.statusText);
  return new ApiError(response.status, message, body.code, fieldErrorsOf(body.message), body.details ?? {});
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/json',
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...authHeaders(),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
  if (response.status === 401) onUnauthorized();
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const get = <T>(path: string, signal?: AbortSignal): Promise<T> => api<T>(path, { signal });
export const post = <T>(path: string, body?: unknown): Promise<T> => api<T>(path, { method: 'POST', body: body ?? {} });
export const patch = <T>(path: string, body: unknown): Promise<T> => api<T>(path, { method: 'PATCH', body });
export const put = <T>(path: string, body: unknown): Promise<T> => api<T>(path, { method: 'PUT', body });
export const del = (path: string): Promise<void> => api<void>(path, { method: 'DELETE' });

export function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
