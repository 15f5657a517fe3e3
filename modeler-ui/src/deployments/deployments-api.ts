import type { DeploymentOutcome, DeploymentView, UploadProblem } from '../../../src/deployments/deployment-view';
import type { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';

export type Deployment = DeploymentView;
export type { DeploymentOutcome, UploadProblem };

export const listDeployments = (api: ApiClient, signal?: AbortSignal) => api.get<Deployment[]>('/deployments', signal);

export function uploadDeployment(api: ApiClient, files: File[], comment: string): Promise<DeploymentOutcome> {
  const form = new FormData();
  form.append('comment', comment);
  for (const file of files) form.append('file', file, file.name);
  return outcome(api.postForm<Deployment>('/deployments', form));
}

export const rollbackDeployment = (api: ApiClient, id: string): Promise<DeploymentOutcome> =>
  outcome(api.post<Deployment>(`/deployments/${encodeURIComponent(id)}/rollback`));

async function outcome(request: Promise<Deployment>): Promise<DeploymentOutcome> {
  try {
    return { valid: true, deployment: await request };
  } catch (error) {
    const problems = error instanceof ApiError && error.status === 422 ? (error.body as { problems?: unknown } | undefined)?.problems : undefined;
    if (Array.isArray(problems)) return { valid: false, problems: problems as UploadProblem[] };
    throw error;
  }
}
