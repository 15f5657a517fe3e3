import type { ApiClient } from '../api/api-client';

/** The violations the discretion and exemption tables know (src/penalty-cases/penalty-case.dto.ts). */
export const violationCodes = ['street-vending', 'construction-waste', 'kitchen-fumes', 'illegal-signage'] as const;
export const partyTypes = ['individual', 'organization'] as const;
export type PartyType = (typeof partyTypes)[number];

/** Body of `POST /api/penalty-cases` (立案). */
export interface FilePenaltyCase {
  party: { name: string; type: PartyType };
  violationCode: string;
  facts: string;
}

export interface Filed {
  id: string;
  businessKey: string;
  processInstanceId: string | null;
}

/** One row of `GET /api/penalty-cases`. */
export interface PenaltyCaseListItem {
  id: string;
  caseNumber: string | null;
  title: string;
  partyName: string;
  violationCode: string;
  status: string;
  procedure: 'simple' | 'general' | null;
  createdAt: string;
  closedAt: string | null;
}

/** One reviewer's decision in one round of 三级审核 (or the collective discussion). */
export interface PenaltyReview {
  round: number;
  level: string;
  decision: 'approve' | 'reject';
  comment: string | null;
  reviewedAt: string;
}

export interface PenaltyDocument {
  id: string;
  kind: string;
  fileName: string;
  contentType: string;
  size: number;
  createdAt: string;
}

/** `GET /api/penalty-cases/:id`. */
export interface PenaltyCaseDetail extends PenaltyCaseListItem {
  businessKey: string;
  sourceType: string;
  partyType: string;
  facts: string;
  exempt: boolean | null;
  exemptionType: string | null;
  exemptionReason: string | null;
  penaltyMinYuan: number | null;
  penaltyMaxYuan: number | null;
  discretionLevel: string | null;
  legalBasis: string | null;
  proposedFineYuan: number | null;
  finalFineYuan: number | null;
  decisionReasoning: string | null;
  major: boolean;
  executionOutcome: string | null;
  createdBy: string;
  filedAt: string | null;
  decidedAt: string | null;
  archivedAt: string | null;
  reviews: PenaltyReview[];
  documents: PenaltyDocument[];
  audit: Array<{ at: string; actor: string; action: string; before: unknown; after: unknown }>;
}

const casePath = (id: string) => `/penalty-cases/${encodeURIComponent(id)}`;

export const filePenaltyCase = (api: ApiClient, body: FilePenaltyCase) => api.post<Filed>('/penalty-cases', body);
export const listPenaltyCases = (api: ApiClient, signal?: AbortSignal) => api.get<PenaltyCaseListItem[]>('/penalty-cases', signal);
export const getPenaltyCase = (api: ApiClient, id: string, signal?: AbortSignal) => api.get<PenaltyCaseDetail>(casePath(id), signal);
export const getPenaltyDocument = (api: ApiClient, id: string, documentId: string) =>
  api.getBlob(`${casePath(id)}/documents/${encodeURIComponent(documentId)}`);

/** Who may file (the API answers 403 to anyone else). */
export const canFilePenaltyCase = (roles: string[]) => roles.includes('officer');
