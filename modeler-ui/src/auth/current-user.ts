import type { ApiClient } from '../api/api-client';

/** `GET /api/me`. */
export interface CurrentUser {
  username: string;
  name: string;
  district: string;
  districtName: string;
  roles: string[];
}

export function fetchCurrentUser(api: ApiClient): Promise<CurrentUser> {
  return api.get<CurrentUser>('/me');
}
