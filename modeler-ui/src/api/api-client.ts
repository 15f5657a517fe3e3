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

  /** A file the API serves (a penalty document's PDF): fetched with the token, since a plain link carries none. */
  getBlob(path: string, signal?: AbortSignal): Promise<Blob> {
    return this.request(path, { method: 'GET', signal, headers: { Accept: '*/*' } }, (response) => response.blob());
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

  put<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.request(
      path,
      { method: 'PUT', signal, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } },
      (response) => response.json() as Promise<T>,
    );
  }

  /** A BPMN/DMN document as the body (the model routes read application/xml). */
  postXml<T>(path: string, xml: string, signal?: AbortSignal): Promise<T> {
    return this.request(path, { method: 'POST', signal, body: xml, headers: { 'Content-Type': 'application/xml' } }, (response) => response.json() as Promise<T>);
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
