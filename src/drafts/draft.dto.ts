import { z } from 'zod';
import { MAX_COMMENT_LENGTH } from '../deployments/deployment-view';
import { MAX_MODEL_BYTES } from '../deployments/model-guard/raw-document';

/** A BPMN process id: what the engine accepts as a key, nothing that could be a path or a query. */
const processKey = z.string().regex(/^[A-Za-z_][\w.-]{0,254}$/);
const comment = z.string().trim().min(1).max(MAX_COMMENT_LENGTH);

export const createDraftSchema = z
  .object({ processKey, comment: comment.optional(), fromTemplateUpdate: z.boolean().optional() })
  .strict();
export type CreateDraft = z.infer<typeof createDraftSchema>;

export const saveRevisionSchema = z.object({ xml: z.string().min(1).max(MAX_MODEL_BYTES), comment }).strict();
export type SaveRevision = z.infer<typeof saveRevisionSchema>;

export const approveSchema = z.object({ comment: comment.optional() }).strict();
export const returnSchema = z.object({ comment }).strict();

export const draftFieldMessages = {
  processKey: { zh: '请填写流程标识（如 intake-dispatch）', en: 'A process key such as intake-dispatch is required' },
  comment: { zh: `请填写说明（不超过 ${MAX_COMMENT_LENGTH} 字）`, en: `A comment of at most ${MAX_COMMENT_LENGTH} characters is required` },
  xml: { zh: `请提交 BPMN 模型（不超过 ${MAX_MODEL_BYTES} 字节）`, en: `Send the BPMN model (at most ${MAX_MODEL_BYTES} bytes)` },
};

/** `against` of a draft's diff: the template, the district's deployed version, or one of the draft's revisions. */
export function parseDraftAgainst(value: unknown): { kind: 'template' } | { kind: 'deployed' } | { kind: 'revision'; revision: number } | null {
  if (value === undefined || value === 'template') return { kind: 'template' };
  if (value === 'deployed') return { kind: 'deployed' };
  const revision = typeof value === 'string' ? /^revision:(\d{1,6})$/.exec(value)?.[1] : undefined;
  return revision ? { kind: 'revision', revision: Number(revision) } : null;
}
