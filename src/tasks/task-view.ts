/** One row of `GET /api/tasks` as it travels: the API builds it, the UI reads it. Case fields are null for a task without a case row. */
export interface TaskView {
  id: string;
  name: string | null;
  taskDefinitionKey: string;
  processDefinitionKey: string;
  businessKey: string | null;
  caseNumber: string | null;
  title: string | null;
  created: string;
  due: string | null;
  assignee: string | null;
}
