import { localized, t, type LocalizedText } from '../i18n';

/** One field the API refused, as in the error body's `details`. */
export interface FieldError extends LocalizedText {
  field: string;
}

/** The API's error body: `{statusCode, code, message:{zh,en}, details?}`. */
export interface ApiErrorBody {
  statusCode?: number;
  code?: string;
  message?: LocalizedText;
  details?: FieldError[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    private readonly text: LocalizedText | undefined,
    readonly details: FieldError[],
    /** The body as sent, for answers that say more than the common fields (a model upload's 422 problem list). */
    readonly body?: unknown,
  ) {
    super(`${status} ${code}`);
    this.name = 'ApiError';
  }

  static async from(response: Response): Promise<ApiError> {
    let body: ApiErrorBody = {};
    try {
      body = (await response.json()) as ApiErrorBody;
    } catch {
      // Not JSON (a proxy page, say): the status alone decides the message.
    }
    const hasText = typeof body.message?.zh === 'string' && typeof body.message?.en === 'string';
    return new ApiError(
      response.status,
      body.code ?? 'HTTP_' + response.status,
      hasText ? body.message : undefined,
      Array.isArray(body.details) ? body.details : [],
      body,
    );
  }

  /** The message in the current language: the API's own text, else one derived from the status. */
  userMessage(): string {
    if (this.text) return localized(this.text);
    if (this.status === 0) return t('error.network');
    if (this.status === 403) return t('error.forbidden');
    if (this.status === 404) return t('error.notFound');
    return t('error.unexpected', { status: this.status });
  }
}

/** Any thrown value as a sentence for the user. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.userMessage();
  return t('error.network');
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
