import type { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { localized, type LocalizedText } from '../i18n';
import type { ServerProblem } from './validation/server-validation';

/** `GET /api/modeler/catalog`. */
export interface ModelerCatalog {
  roles: string[];
  forms: Array<{ id: string; name: string }>;
  topics: Array<{ id: string; name: string; description: string }>;
}

export type ModelKind = 'template' | 'variant' | 'dmn' | 'form';

/** `GET /api/modeler/models`. */
export interface ModelSource {
  kind: ModelKind;
  name: string;
  district?: string;
}

/** What a draft holds (`src/drafts/draft-view.ts`). */
export type DraftModelKind = 'bpmn' | 'dmn' | 'form';

/** The draft as the drafts API answers (`src/drafts/draft-view.ts`); only what the modeler needs. */
export interface Draft {
  id: string;
  kind: DraftModelKind;
  processKey: string;
  status: string;
  xml?: string;
}

export const modelerApi = {
  catalog: (api: ApiClient, signal?: AbortSignal) => api.get<ModelerCatalog>('/modeler/catalog', signal),
  models: (api: ApiClient, signal?: AbortSignal) => api.get<ModelSource[]>('/modeler/models', signal),
  source: (api: ApiClient, kind: ModelKind, name: string, signal?: AbortSignal) =>
    api.getText(`/modeler/models/${encodeURIComponent(kind)}/${encodeURIComponent(name)}`, signal),
  elementTemplates: (api: ApiClient, signal?: AbortSignal) => api.get<unknown[]>('/modeler/element-templates', signal),

  /** The deployment guard's verdict on a diagram: [] when it passes. */
  async validate(api: ApiClient, xml: string): Promise<ServerProblem[]> {
    try {
      await api.postXml('/models/validate', xml);
      return [];
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const problems = (error.body as { problems?: Array<{ elementId: string | null; rule: string; message: LocalizedText }> }).problems ?? [];
        return problems.map((p) => ({ elementId: p.elementId, rule: p.rule, message: localized(p.message) }));
      }
      throw error;
    }
  },

  /** A draft of the caller's district, started from its deployed variant or else the template; a table or form from what its processes run. */
  startDraft: (api: ApiClient, body: { kind: DraftModelKind; processKey: string; comment: string }) => api.post<Draft>('/drafts', body),
  saveDraft: (api: ApiClient, id: string, body: { xml: string; comment: string }) => api.put<Draft>(`/drafts/${encodeURIComponent(id)}`, body),
  submitDraft: (api: ApiClient, id: string) => api.post<Draft>(`/drafts/${encodeURIComponent(id)}/submit`),
  draft: (api: ApiClient, id: string, signal?: AbortSignal) => api.get<Draft>(`/drafts/${encodeURIComponent(id)}`, signal),
};
