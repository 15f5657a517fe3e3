import type { DeploymentView } from '../deployments/deployment-view';
import type { ModelProblem } from '../deployments/model-guard/model-problem';
import type { DecisionDiff } from './decision-diff';
import type { FormDiff } from './form-diff';
import type { ModelDiff } from './model-diff';
import type { MergeConflict } from './template-merge';

export type { MergeConflict };

/** draft → submitted → (returned → submitted)* → deployed; only draft and returned take new revisions. */
export type DraftStatus = 'draft' | 'submitted' | 'returned' | 'deployed';

/** What a draft holds: a BPMN process, a DMN decision table or a form-js form (its JSON travels in `xml`). */
export type DraftModelKind = 'bpmn' | 'dmn' | 'form';

/** Plain types of what the drafts API sends; the UI and the tests import them, so they carry no decorators. */
export interface DraftRevisionView {
  revision: number;
  comment: string;
  author: string;
  createdAt: string;
  problems: ModelProblem[];
}

export interface DraftSummary {
  id: string;
  kind: DraftModelKind;
  /** The model's key: process id, decision id or form id. */
  processKey: string;
  status: DraftStatus;
  sourceKind: 'variant' | 'template';
  fromTemplateUpdate: boolean;
  latestRevision: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  reviewComment: string | null;
  reviewedBy: string | null;
  deploymentId: string | null;
}

/** `GET /api/drafts/:id`: the draft, the newest model text and every revision (newest first). */
export interface DraftView extends DraftSummary {
  xml: string;
  /** What the guard finds in the newest revision now. */
  problems: ModelProblem[];
  /** Where the template update this draft takes was merged keeping the district's version; empty for other drafts. */
  mergeConflicts: MergeConflict[];
  revisions: DraftRevisionView[];
}

/** What a version is compared against: `template`, `deployed`, a draft revision or another deployment. */
export interface DiffBase {
  kind: 'template' | 'deployed' | 'revision' | 'deployment';
  label: { zh: string; en: string };
  xml: string;
}

/** A diff as the review page shows it: both documents, so it can draw them, and the element changes. */
export interface DiffView {
  /** Absent on a deployment's diff, which is always of a process. */
  kind?: 'bpmn';
  base: DiffBase;
  xml: string;
  diff: ModelDiff;
  problems: ModelProblem[];
}

/** A decision table's diff: the rules, as a table; there is no diagram to draw. */
export interface DecisionDiffView {
  kind: 'dmn';
  base: DiffBase;
  xml: string;
  diff: DecisionDiff;
  problems: ModelProblem[];
}

/** A form's diff: the components, as a table. */
export interface FormDiffView {
  kind: 'form';
  base: DiffBase;
  xml: string;
  diff: FormDiff;
  problems: ModelProblem[];
}

/** `GET /api/drafts/:id/diff`, by the kind of model the draft holds. */
export type ModelDiffView = (DiffView & { kind: 'bpmn' }) | DecisionDiffView | FormDiffView;

export interface ApprovalView {
  draft: DraftSummary;
  deployment: DeploymentView;
}

/** `GET /api/template-updates`: a newer template than the one the district's variant was made from. */
export interface TemplateUpdateView {
  processKey: string;
  processName: string | null;
  basedOn: { definitionId: string; version: number };
  latest: { definitionId: string; version: number };
  variantVersion: number;
  diff: ModelDiff;
  /** An open draft that already takes this update. */
  draftId: string | null;
}
