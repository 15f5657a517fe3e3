import { z } from 'zod';

/** An optional reporting period on the intakes' received time: [from, to). */
export const periodSchema = z
  .object({
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((p) => !p.from || !p.to || Date.parse(p.from) < Date.parse(p.to), { message: 'from must be before to', path: ['to'] });

export type Period = { from: Date | null; to: Date | null };

export interface RapidResponseFigures {
  /** Clocks whose outcome is known: met, missed, or past due while still running. */
  decided: number;
  metInTime: number;
  complianceRate: number | null;
}

export interface DistrictFigures {
  /** Intakes received in the period, without those merged into another as duplicates. */
  total: number;
  open: number;
  closed: number;
  /** 办结率: closed ÷ total. */
  closureRate: number | null;
  /** Closed by their deadline ÷ closed intakes that had one. */
  onTimeRate: number | null;
  /** Supervised for a missed deadline (overdue_at set), or still open past the deadline. */
  overdue: number;
  /** Received → closed, over the closed intakes. */
  averageHandlingMinutes: number | null;
  /** Tonglu's 1315: respond in 1 minute, leave in 3, arrive in 15. */
  rapidResponse: RapidResponseFigures & { byClock: Record<'respond' | 'depart' | 'arrive', RapidResponseFigures> };
}

export interface DistrictMetrics extends DistrictFigures {
  districtId: string;
  name: string;
}

export interface MetricsReport {
  period: { from: string | null; to: string | null };
  generatedAt: string;
  districts: DistrictMetrics[];
  overall: DistrictFigures;
}
