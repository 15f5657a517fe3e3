import type { ApiClient } from '../api/api-client';
import { t, type MessageKey } from '../i18n';
import { zhCN } from '../i18n/zh-CN';

/** One row of `GET /api/inspections/scenarios` (一个场景一张清单). */
export interface InspectionScenario {
  code: string;
  name: string;
  departments: string[];
  rectifyDays: number;
}

/** Body of `POST /api/inspections`. */
export interface NewInspection {
  scenario: string;
  partyName: string;
  address: string;
  title?: string;
}

export interface InspectionListItem {
  id: string;
  caseNumber: string | null;
  title: string;
  scenario: string;
  partyName: string;
  status: string;
  outcome: string | null;
  createdAt: string;
  closedAt: string | null;
}

/** `GET /api/inspections/:id`. */
export interface InspectionDetail extends InspectionListItem {
  address: string;
  intakeId: string | null;
  departments: string[];
  checklist: Array<{ department: string; content: string }>;
  problems: Array<{ department: string; description: string; status: string; fixedAt: string | null }>;
  rectificationRound: number;
  rectifyDueAt: string | null;
  processInstanceId: string | null;
  audit: Array<{ at: string; actor: string; action: string; after: unknown }>;
}

export const listScenarios = (api: ApiClient, signal?: AbortSignal) => api.get<InspectionScenario[]>('/inspections/scenarios', signal);
export const createInspection = (api: ApiClient, body: NewInspection) =>
  api.post<{ id: string; businessKey: string; processInstanceId: string | null }>('/inspections', body);
export const listInspections = (api: ApiClient, signal?: AbortSignal) => api.get<InspectionListItem[]>('/inspections', signal);
export const getInspection = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<InspectionDetail>(`/inspections/${encodeURIComponent(id)}`, signal);

/** Who may plan an inspection (the API answers 403 to anyone else). */
export const canPlanInspection = (roles: string[]) => roles.some((role) => role === 'officer' || role === 'command-center' || role === 'squad-leader');

/** A scenario in the UI language; one the UI does not know keeps the API's (Chinese) name, or its code. */
export function scenarioName(code: string, name?: string): string {
  const key = `scenario.${code}`;
  return key in zhCN ? t(key as MessageKey) : (name ?? code);
}
