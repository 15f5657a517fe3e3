import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

/** POST /api/inspections: plan a joint inspection (综合查一次) of one party for one scenario checklist. */
export const createInspectionSchema = z
  .object({
    scenario: z.string().trim().regex(/^[a-z0-9-]{1,32}$/),
    partyName: text(200),
    address: text(500),
    title: text(200).optional(),
  })
  .strict();

export type CreateInspection = z.infer<typeof createInspectionSchema>;

export const inspectionFieldMessages: Record<string, { zh: string; en: string }> = {
  scenario: { zh: '请选择检查场景（如 catering 餐饮类、construction-site 施工工地）', en: 'scenario is required (a scenario code such as catering)' },
  partyName: { zh: '请填写检查对象名称（最多200字）', en: 'partyName is required (at most 200 characters)' },
  address: { zh: '请填写检查地址（最多500字）', en: 'address is required (at most 500 characters)' },
  title: { zh: '标题最多200字', en: 'title has at most 200 characters' },
};
