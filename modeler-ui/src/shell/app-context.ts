import type { ApiClient } from '../api/api-client';
import type { CurrentUser } from '../auth/current-user';

/** What every page gets: the API, the signed-in user and the shell's toast. */
export interface AppContext {
  api: ApiClient;
  user: CurrentUser;
  toast(message: string, kind?: 'success' | 'error'): void;
  navigate(route: string): void;
}
