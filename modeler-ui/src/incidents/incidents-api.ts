import type { ApiClient } from '../api/api-client';

/** One row of `GET /api/incidents`: a step of a case that failed after all its retries. */
export interface Incident {
  id: string;
  type: string;
  message: string | null;
  step: { activityId: string; name: string | null };
  case: { businessKey: string; caseNumber: string | null; title: string } | null;
  createdAt: string;
  retries: Array<{ at: string; actor: string }>;
}

export const listIncidents = (api: ApiClient, signal?: AbortSignal) => api.get<Incident[]>('/incidents', signal);

export const retryIncident = (api: ApiClient, id: string) => api.post<{ id: string; retried: boolean }>(`/incidents/${encodeURIComponent(id)}/retry`);
