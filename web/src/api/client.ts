// The one way the dashboard talks to the server: same-origin fetch with the session cookie,
// JSON in and out, the CSRF token on every write, and problem+json errors turned into
// ApiError. Feature modules (auth.ts, feedback.ts, …) wrap it per resource.
import type { Problem } from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  // The last segment of the problem type, e.g. "validation" or "csrf".
  get kind(): string {
    return this.problem?.type.split('/').pop() ?? '';
  }
}

type Query = Record<string, string | number | undefined>;

let csrfToken = '';
let onUnauthenticated: () => void = () => undefined;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

// Called when a request answers 401 (the session ended elsewhere or expired).
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function readProblem(response: Response): Promise<Problem | null> {
  try {
    return (await response.json()) as Problem;
  } catch {
    return null;
  }
}

async function send(method: string, path: string, body: unknown, accept: string,
                    signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { accept };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method, headers, signal, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const error = new ApiError(response.status, await readProblem(response));
    if (response.status === 401 && !path.endsWith('/auth/login')) onUnauthenticated();
    throw error;
  }
  return response;
}

export async function request<T>(method: string, path: string, body?: unknown,
                                 signal?: AbortSignal): Promise<T> {
  const response = await send(method, path, body, 'application/json', signal);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export interface DownloadedFile {
  blob: Blob;
  // From Content-Disposition when the server names the file, else null.
  filename: string | null;
}

function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // A malformed encoded name falls back to the plain one.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : null;
}

// A request whose answer is a file (exports): the same credentials, CSRF and errors as
// request(), the body as a Blob.
export async function requestFile(method: string, path: string, body: unknown,
                                  accept: string): Promise<DownloadedFile> {
  const response = await send(method, path, body, accept);
  return { blob: await response.blob(), filename: filenameOf(response.headers.get('content-disposition')) };
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', withQuery(path, query), undefined, signal),
  post: <T>(path: string, body: unknown, signal?: AbortSignal) => request<T>('POST', path, body, signal),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};

export const workspacePath = (workspaceId: string, rest = '') =>
  `/api/v1/workspaces/${encodeURIComponent(workspaceId)}${rest}`;
