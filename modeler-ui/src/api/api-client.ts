import type { AuthSession } from '../auth/session';
import { ApiError } from './api-error';

/** The only way the UI talks to `/api`: bearer token on every call, 401 sends the user to sign in again. */
export class ApiClient {
  constructor(private readonly session: AuthSession) {}

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request(path, { method: 'GET', signal }, (response) => response.json() as Promise<T>);
  }

  getText(path: string, signal?: AbortSignal): Promise<string> {
    return this.request(path, { method: 'GET', signal }, (response) => response.text());
  }

  post<T>(path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    return this.request(
      path,
      {
        method: 'POST',
        signal,
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      },
      (response) => response.json() as Promise<T>,
    );
  }

  /** A multipart upload; the browser sets the content type with its boundary. */
  postForm<T>(path: string, form: FormData, signal?: AbortSignal): Promise<T> {
    return this.request(path, { method: 'POST', signal, body: form }, (response) => response.json() as Promise<T>);
  }

  private async request<T>(path: string, init: RequestInit, read: (response: Response) => Promise<T>): Promise<T> {
    const token = await this.session.accessToken();
    let response: Response;
    try {
      response = await fetch(`/api${path}`, {
        ...init,
        headers: { Accept: 'application/json, application/xml', ...init.headers, Authorization: `Bearer ${token}` },
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ApiError(0, 'NETWORK', undefined, []);
    }
    if (response.status === 401) return this.session.relogin();
    if (!response.ok) throw await ApiError.from(response);
    return read(response);
  }
}
