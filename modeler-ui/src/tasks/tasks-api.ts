import type { TaskView } from '../../../src/tasks/task-view';
import type { ApiClient } from '../api/api-client';

/** One row of `GET /api/tasks`. */
export type TaskSummary = TaskView;

export interface CaseSummary {
  businessKey: string;
  caseNumber: string;
  title: string;
  source: string;
  category: string;
  address: string;
  description: string;
}

/** `GET /api/tasks/:id`: the task plus its form-js schema, current values and case summary. */
export interface TaskDetail extends TaskSummary {
  form: FormSchema | null;
  variables: Record<string, unknown>;
  case: CaseSummary | null;
}

/** A form-js schema as stored in bpmn/forms/*.form; form-js validates the rest. */
export interface FormSchema {
  type: string;
  components: unknown[];
  [property: string]: unknown;
}

const taskPath = (id: string) => `/tasks/${encodeURIComponent(id)}`;

export const listTasks = (api: ApiClient, signal?: AbortSignal) => api.get<TaskSummary[]>('/tasks', signal);

export const getTask = (api: ApiClient, id: string, signal?: AbortSignal) => api.get<TaskDetail>(taskPath(id), signal);

export const claimTask = (api: ApiClient, id: string) =>
  api.post<{ id: string; assignee: string }>(`${taskPath(id)}/claim`);

export const completeTask = (api: ApiClient, id: string, values: Record<string, unknown>) =>
  api.post<{ id: string }>(`${taskPath(id)}/complete`, values);

/** What a person calls the task: its case's title, else the step's name. */
export function taskTitle(task: Pick<TaskSummary, 'title' | 'name' | 'taskDefinitionKey'>): string {
  return task.title ?? task.name ?? task.taskDefinitionKey;
}

export function stepName(task: Pick<TaskSummary, 'name' | 'taskDefinitionKey'>): string {
  return task.name ?? task.taskDefinitionKey;
}

export function isOverdue(task: Pick<TaskSummary, 'due'>, now = Date.now()): boolean {
  return !!task.due && new Date(task.due).getTime() < now;
}
