import { z } from 'zod';
import { MAX_COMMENT_LENGTH } from '../deployments/deployment-view';
import { MAX_MODEL_BYTES } from '../deployments/model-guard/raw-document';
import type { DraftModelKind } from './draft-view';

export const draftModelKinds = ['bpmn', 'dmn', 'form'] as const satisfies readonly DraftModelKind[];

/** A process, decision or form id: what the engine accepts as a key, nothing that could be a path or a query. */
const processKey = z.string().regex(/^[A-Za-z_][\w.-]{0,254}$/);
const comment = z.string().trim().min(1).max(MAX_COMMENT_LENGTH);

export const createDraftSchema = z
  .object({ kind: z.enum(draftModelKinds).default('bpmn'), processKey, comment: comment.optional(), fromTemplateUpdate: z.boolean().optional() })
  .strict()
  // Template updates are merged element by element, which only BPMN has.
  .refine((draft) => !draft.fromTemplateUpdate || draft.kind === 'bpmn', { path: ['fromTemplateUpdate'] });
export type CreateDraft = z.infer<typeof createDraftSchema>;

export const saveRevisionSchema = z.object({ xml: z.string().min(1).max(MAX_MODEL_BYTES), comment }).strict();
export type SaveRevision = z.infer<typeof saveRevisionSchema>;

export const approveSchema = z.object({ comment: comment.optional() }).strict();
export const returnSchema = z.object({ comment }).strict();

export const draftFieldMessages = {
  kind: { zh: '模型类型须为 bpmn、dmn 或 form', en: 'kind must be bpmn, dmn or form' },
  processKey: { zh: '请填写流程、决策表或表单的标识（如 intake-dispatch、triage、intake-handle）', en: 'A process, decision or form key such as intake-dispatch, triage or intake-handle is required' },
  fromTemplateUpdate: { zh: '只有流程（bpmn）草稿可以采纳模板更新', en: 'Only a process (bpmn) draft can take a template update' },
  comment: { zh: `请填写说明（不超过 ${MAX_COMMENT_LENGTH} 字）`, en: `A comment of at most ${MAX_COMMENT_LENGTH} characters is required` },
  xml: { zh: `请提交模型（BPMN、DMN 或表单 JSON，不超过 ${MAX_MODEL_BYTES} 字节）`, en: `Send the model (BPMN, DMN or form JSON, at most ${MAX_MODEL_BYTES} bytes)` },
};

/** `against` of a draft's diff: the template, the district's deployed version, or one of the draft's revisions. */
export function parseDraftAgainst(value: unknown): { kind: 'template' } | { kind: 'deployed' } | { kind: 'revision'; revision: number } | null {
  if (value === undefined || value === 'template') return { kind: 'template' };
  if (value === 'deployed') return { kind: 'deployed' };
  const revision = typeof value === 'string' ? /^revision:(\d{1,6})$/.exec(value)?.[1] : undefined;
  return revision ? { kind: 'revision', revision: Number(revision) } : null;
}
