import type { ApiClient } from '../api/api-client';

export const repairTypes = ['penalty-general', 'penalty-serious'] as const;
export type RepairType = (typeof repairTypes)[number];

/**
 * The materials each repair type requires, in the order of the table the API checks against
 * (seeded by migration 1764500000000); the API refuses any other code.
 */
export const requiredMaterials: Record<RepairType, string[]> = {
  'penalty-general': ['applicationForm', 'identityProof', 'penaltyFulfilled', 'creditCommitment'],
  'penalty-serious': ['applicationForm', 'identityProof', 'penaltyFulfilled', 'rectificationReport', 'creditCommitment', 'trainingCertificate'],
};

/** Body of `POST /api/credit-repairs`. */
export interface NewCreditRepair {
  repairType: RepairType;
  applicantName: string;
  applicantCode: string;
  applicantPhone?: string;
  creditRecordRef: string;
  reason: string;
  materialsProvided: string[];
}

export interface CreditRepairListItem {
  id: string;
  caseNumber: string | null;
  title: string;
  repairType: string;
  applicantName: string;
  creditRecordRef: string;
  status: string;
  createdAt: string;
  closedAt: string | null;
}

/** `GET /api/credit-repairs/:id`. */
export interface CreditRepairDetail extends CreditRepairListItem {
  applicantCode: string;
  applicantPhone: string | null;
  reason: string;
  requiredMaterials: Array<{ code: string; name: string; provided: boolean }>;
  missingMaterials: Array<{ code: string; name: string }>;
  noticeCount: number;
  resubmitDueAt: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
  publishedAt: string | null;
  processInstanceId: string | null;
  audit: Array<{ at: string; actor: string; action: string; after: unknown }>;
}

export const createCreditRepair = (api: ApiClient, body: NewCreditRepair) =>
  api.post<{ id: string; businessKey: string; processInstanceId: string | null }>('/credit-repairs', body);
export const listCreditRepairs = (api: ApiClient, signal?: AbortSignal) => api.get<CreditRepairListItem[]>('/credit-repairs', signal);
export const getCreditRepair = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<CreditRepairDetail>(`/credit-repairs/${encodeURIComponent(id)}`, signal);

/** Who may take in an application (the API answers 403 to anyone else). */
export const canFileCreditRepair = (roles: string[]) => roles.includes('officer');
