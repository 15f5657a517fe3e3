import type { ModelProblem } from './model-guard/model-problem';

/** Longest comment a deployment may carry; the API checks it, the UI limits its field to it. */
export const MAX_COMMENT_LENGTH = 500;

/** Plain types of what the deployments API stores and sends; the UI and the tests import them too, so they carry no decorators. */
export interface DeployedFile {
  name: string;
  sha256: string;
}

export interface DeployedDefinition {
  /** The engine's definition id, used to count the running instances of this version. */
  id: string;
  kind: 'process' | 'decision';
  key: string;
  version: number;
  tenantId: string | null;
}

/** One row of `GET /api/deployments`, as JSON sends it. */
export interface DeploymentView {
  id: string;
  version: number;
  comment: string;
  rollbackOf: string | null;
  deployedBy: string;
  deployedAt: string;
  files: DeployedFile[];
  /** `runningInstances` is null for decisions, and when the engine could not be asked. */
  definitions: Array<{ key: string; version: number; tenantId: string | null; kind: DeployedDefinition['kind']; runningInstances: number | null }>;
}

/** What the model guard refused, with the uploaded file it was found in (null for the upload as a whole). */
export type UploadProblem = ModelProblem & { file: string | null };

/** A deployment either went live or was refused with the guard's problems (422). */
export type DeploymentOutcome = { valid: true; deployment: DeploymentView } | { valid: false; problems: UploadProblem[] };
