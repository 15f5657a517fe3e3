import { z } from 'zod';
import { creditRepairTypes } from './credit-repair.entity';

const text = (max: number) => z.string().trim().min(1).max(max);

/** POST /api/credit-repairs: a window clerk files a party's application, with the materials handed in. */
export const createCreditRepairSchema = z
  .object({
    repairType: z.enum(creditRepairTypes),
    applicantName: text(200),
    applicantCode: z.string().trim().regex(/^[0-9A-Z]{15,18}$/),
    applicantPhone: z.string().trim().regex(/^\+?[0-9][0-9 -]{2,30}$/).optional(),
    creditRecordRef: text(100),
    reason: text(4000),
    materialsProvided: z.array(z.string().trim().regex(/^[A-Za-z]{1,64}$/)).max(30),
  })
  .strict();

export type CreateCreditRepair = z.infer<typeof createCreditRepairSchema>;

export const creditRepairFieldMessages: Record<string, { zh: string; en: string }> = {
  repairType: { zh: '修复类型必须是：一般行政处罚信息（penalty-general）或严重失信信息（penalty-serious）', en: `repairType must be one of ${creditRepairTypes.join(', ')}` },
  applicantName: { zh: '请填写申请人名称（最多200字）', en: 'applicantName is required (at most 200 characters)' },
  applicantCode: { zh: '请填写统一社会信用代码或身份证号（15至18位数字或大写字母）', en: 'applicantCode must be a unified social credit code or identity number (15-18 digits or capitals)' },
  applicantPhone: { zh: '电话号码格式不正确', en: 'applicantPhone is not a phone number' },
  creditRecordRef: { zh: '请填写需修复的信用记录或处罚决定书文号', en: 'creditRecordRef is required' },
  reason: { zh: '请填写申请理由（最多4000字）', en: 'reason is required (at most 4000 characters)' },
  materialsProvided: { zh: '请列出已提交的材料（可为空列表）', en: 'materialsProvided must be a list of material codes (may be empty)' },
};
