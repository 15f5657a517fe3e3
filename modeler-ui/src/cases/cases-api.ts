import type { ApiClient } from '../api/api-client';

/** One row of `GET /api/cases`. */
export interface CaseListItem {
  businessKey: string;
  caseNumber: string;
  title: string;
  status: string;
  createdAt: string;
}

export interface CurrentStep {
  activityId: string;
  name: string | null;
  taskId: string | null;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** `GET /api/cases/:businessKey`. */
export interface CaseDetail {
  businessKey: string;
  caseNumber: string;
  districtId: string;
  title: string;
  source: string;
  category: string;
  description: string;
  address: string;
  status: string;
  createdAt: string;
  processInstanceId: string | null;
  processDefinitionId: string | null;
  currentSteps: CurrentStep[];
  audit: AuditEntry[];
}

const casePath = (businessKey: string) => `/cases/${encodeURIComponent(businessKey)}`;

export const listCases = (api: ApiClient, signal?: AbortSignal) => api.get<CaseListItem[]>('/cases', signal);

export const getCase = (api: ApiClient, businessKey: string, signal?: AbortSignal) =>
  api.get<CaseDetail>(casePath(businessKey), signal);

export const getCaseDiagram = (api: ApiClient, businessKey: string, signal?: AbortSignal) =>
  api.getText(`${casePath(businessKey)}/diagram`, signal);
