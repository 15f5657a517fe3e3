/** One incident as `GET /api/incidents` sends it: the API builds it, the UI and the tests read it. */
export interface IncidentView {
  id: string;
  type: string;
  message: string | null;
  step: { activityId: string; name: string | null };
  case: { businessKey: string; caseNumber: string | null; title: string } | null;
  createdAt: string;
  /** Manual retries of this step of the case, newest first. */
  retries: Array<{ at: string; actor: string }>;
}
