import type { ApprovalView, DiffView, DraftSummary, DraftView, ModelDiffView, TemplateUpdateView } from '../../../src/drafts/draft-view';
import type { MigrationOutcome, MigrationPlanView, MigrationProgressView } from '../../../src/instance-migration/instance-migration-view';
import type { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';

export type { ApprovalView, DiffView, DraftSummary, DraftView, ModelDiffView, TemplateUpdateView, MigrationPlanView, MigrationProgressView };

const enc = encodeURIComponent;

export const listDrafts = (api: ApiClient, signal?: AbortSignal) => api.get<DraftSummary[]>('/drafts', signal);
export const getDraft = (api: ApiClient, id: string, signal?: AbortSignal) => api.get<DraftView>(`/drafts/${enc(id)}`, signal);
export const createDraft = (api: ApiClient, body: { kind?: 'bpmn' | 'dmn' | 'form'; processKey: string; comment?: string; fromTemplateUpdate?: boolean }) => api.post<DraftView>('/drafts', body);
export const submitDraft = (api: ApiClient, id: string) => api.post<DraftSummary>(`/drafts/${enc(id)}/submit`);
export const approveDraft = (api: ApiClient, id: string, comment?: string) => api.post<ApprovalView>(`/drafts/${enc(id)}/approve`, comment ? { comment } : {});
export const returnDraft = (api: ApiClient, id: string, comment: string) => api.post<DraftSummary>(`/drafts/${enc(id)}/return`, { comment });
export const draftDiff = (api: ApiClient, id: string, against: string, signal?: AbortSignal) => api.get<ModelDiffView>(`/drafts/${enc(id)}/diff?against=${enc(against)}`, signal);
export const deploymentDiff = (api: ApiClient, id: string, against: string, signal?: AbortSignal) => api.get<DiffView>(`/deployments/${enc(id)}/diff?against=${enc(against)}`, signal);
export const templateUpdates = (api: ApiClient, signal?: AbortSignal) => api.get<TemplateUpdateView[]>('/template-updates', signal);

export const migrationPlan = (api: ApiClient, deploymentId: string, signal?: AbortSignal) => api.get<MigrationPlanView>(`/deployments/${enc(deploymentId)}/migration-plan`, signal);
export const migrationProgress = (api: ApiClient, batchId: string, signal?: AbortSignal) => api.get<MigrationProgressView>(`/migrations/${enc(batchId)}`, signal);

/** 202 with the batch, or the engine's validation report (422). */
export async function startMigration(api: ApiClient, deploymentId: string, sourceDefinitionId: string): Promise<MigrationOutcome> {
  try {
    return await api.post<MigrationOutcome>(`/deployments/${enc(deploymentId)}/migrate`, { sourceDefinitionId });
  } catch (error) {
    const report = error instanceof ApiError && error.status === 422 ? (error.body as { report?: unknown } | undefined)?.report : undefined;
    if (Array.isArray(report)) return { valid: false, report: report as Extract<MigrationOutcome, { valid: false }>['report'] };
    throw error;
  }
}
