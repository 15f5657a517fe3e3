import type { IncidentView } from '../../../src/incidents/incident-view';
import type { ApiClient } from '../api/api-client';

/** One row of `GET /api/incidents`: a step of a case that failed after all its retries. */
export type Incident = IncidentView;

export const listIncidents = (api: ApiClient, signal?: AbortSignal) => api.get<Incident[]>('/incidents', signal);

export const retryIncident = (api: ApiClient, id: string) => api.post<{ id: string; retried: boolean }>(`/incidents/${encodeURIComponent(id)}/retry`);
