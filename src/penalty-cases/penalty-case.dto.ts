import { z } from 'zod';
import { partyTypes } from './penalty-case.entity';

const text = (max: number) => z.string().trim().min(1).max(max);

/** POST /api/penalty-cases (立案 by an officer): validated here, before anything is written. */
export const filePenaltyCaseSchema = z
  .object({
    party: z
      .object({
        name: text(200),
        type: z.enum(partyTypes),
      })
      .strict(),
    violationCode: z.string().trim().regex(/^[a-z][a-z0-9-]{1,63}$/),
    facts: text(4000),
    intakeId: z.string().uuid().optional(),
  })
  .strict();

export type FilePenaltyCase = z.infer<typeof filePenaltyCaseSchema>;

export const penaltyCaseFieldMessages: Record<string, { zh: string; en: string }> = {
  party: { zh: '请填写当事人（姓名或名称、类型）', en: 'party is required (name and type)' },
  'party.name': { zh: '请填写当事人姓名或名称（最多200字）', en: 'party.name is required (at most 200 characters)' },
  'party.type': { zh: '当事人类型必须是：个人（individual）或单位（organization）', en: `party.type must be one of ${partyTypes.join(', ')}` },
  violationCode: { zh: '请填写违法行为代码（如 street-vending）', en: 'violationCode is required, e.g. street-vending' },
  facts: { zh: '请填写违法事实（最多4000字）', en: 'facts is required (at most 4000 characters)' },
  intakeId: { zh: '线索ID格式不正确', en: 'intakeId must be a UUID' },
};

/** Chinese names of the violations the discretion and exemption tables know; anything else is shown by its code. */
export const violationNames: Record<string, string> = {
  'street-vending': '占道经营',
  'construction-waste': '渣土运输遗撒',
  'kitchen-fumes': '餐饮油烟超标排放',
  'illegal-signage': '擅自设置户外广告',
};

export const violationName = (code: string): string => violationNames[code] ?? code;

/** The subject line task lists show for a case. */
export const penaltyCaseTitle = (partyName: string, violationCode: string): string => `行政处罚：${partyName}（${violationName(violationCode)}）`.slice(0, 200);
