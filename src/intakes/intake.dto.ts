import { z } from 'zod';
import { intakeSources } from './intake.entity';

const text = (max: number) => z.string().trim().min(1).max(max);

/** POST /api/intakes: validated here, before anything is written. */
export const createIntakeSchema = z
  .object({
    source: z.enum(intakeSources),
    category: text(64),
    title: text(200),
    description: text(4000),
    address: text(500),
    location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict().optional(),
    reporter: z
      .object({
        name: z.string().trim().max(100).optional(),
        phone: z.string().trim().regex(/^\+?[0-9][0-9 -]{2,30}$/).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type CreateIntake = z.infer<typeof createIntakeSchema>;

/** Chinese and English wording for each field, so a 400 tells an officer exactly what to fix. */
export const intakeFieldMessages: Record<string, { zh: string; en: string }> = {
  source: { zh: '来源必须是：12345热线、随手拍、AI视频告警、物联感知、巡查发现、网格上报或部门移送', en: `source must be one of ${intakeSources.join(', ')}` },
  category: { zh: '请填写类别（最多64字）', en: 'category is required (at most 64 characters)' },
  title: { zh: '请填写标题（最多200字）', en: 'title is required (at most 200 characters)' },
  description: { zh: '请填写情况描述（最多4000字）', en: 'description is required (at most 4000 characters)' },
  address: { zh: '请填写地址（最多500字）', en: 'address is required (at most 500 characters)' },
  'location.lat': { zh: '纬度必须是 -90 到 90 之间的数字', en: 'location.lat must be a number from -90 to 90' },
  'location.lng': { zh: '经度必须是 -180 到 180 之间的数字', en: 'location.lng must be a number from -180 to 180' },
  'reporter.phone': { zh: '电话号码格式不正确', en: 'reporter.phone is not a phone number' },
};
