import { ServiceTokenProvider } from './service-token';
import { EngineVariables } from './engine-variables';

/** A failed engine call: the HTTP status and Camunda's own exception type and message. */
export class EngineError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(`engine ${status} ${type}: ${message}`);
  }
}

export interface ProcessDefinition {
  id: string;
  key: string;
  version: number;
  tenantId: string | null;
  deploymentId: string;
  name: string | null;
}

export interface EngineTask {
  id: string;
  name: string | null;
  assignee: string | null;
  created: string;
  due: string | null;
  taskDefinitionKey: string;
  processInstanceId: string;
  processDefinitionId: string;
  tenantId: string | null;
  formKey: string | null;
  camundaFormRef: { key: string; binding: string; version: number | null } | null;
}

export interface ActivityInstance {
  id: string;
  activityId: string;
  activityName: string | null;
  activityType: string;
  childActivityInstances: ActivityInstance[];
  /** Activities waiting on an asynchronous continuation (e.g. a failed job before the step is entered). */
  childTransitionInstances?: Array<{ id: string; activityId: string; activityName: string | null; activityType: string }>;
}

export interface HistoricProcessInstance {
  id: string;
  businessKey: string | null;
  processDefinitionId: string;
  processDefinitionKey: string;
  tenantId: string | null;
  state: 'ACTIVE' | 'SUSPENDED' | 'COMPLETED' | 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED';
  startTime: string;
  endTime: string | null;
}

export interface Incident {
  id: string;
  incidentType: string;
  incidentMessage: string | null;
  activityId: string;
  processInstanceId: string;
  tenantId: string | null;
  /** The failed external task's id for `failedExternalTask`, the job's id for `failedJob`. */
  configuration: string | null;
  incidentTimestamp: string;
  processDefinitionId: string;
}

export interface Deployment {
  id: string;
  name: string | null;
  tenantId: string | null;
  deployedProcessDefinitions: Record<string, ProcessDefinition> | null;
  deployedDecisionDefinitions?: Record<string, { id: string; key: string; version: number; tenantId: string | null }> | null;
}

export interface DeploymentResource {
  id: string;
  name: string;
  deploymentId: string;
}

/** Running instances of one process definition (from the engine's statistics). */
export interface ProcessDefinitionStatistics {
  id: string;
  instances: number;
  definition: ProcessDefinition;
}

/** A variable as the historic variable query returns it; `executionId` equals the process instance id for process-level variables. */
export interface ProcessVariable {
  name: string;
  type: string;
  value: unknown;
  processInstanceId: string;
  executionId: string;
  state?: 'CREATED' | 'DELETED';
}

export interface DeploymentFile {
  name: string;
  content: string | Buffer;
}

/** One mapping of a migration plan: activities of the source definition to those of the target. */
export interface MigrationInstruction {
  sourceActivityIds: string[];
  targetActivityIds: string[];
  updateEventTrigger?: boolean;
}

export interface MigrationPlan {
  sourceProcessDefinitionId: string;
  targetProcessDefinitionId: string;
  instructions: MigrationInstruction[];
}

/** The engine's static check of a plan: empty reports mean it may run. */
export interface MigrationPlanReport {
  instructionReports: Array<{ instruction: MigrationInstruction; failures: string[] }>;
  variableReports?: Record<string, { failures: string[] }>;
}

export interface Batch {
  id: string;
  type: string;
  totalJobs: number;
  jobsCreated: number;
  batchJobDefinitionId: string;
  tenantId: string | null;
}

export interface BatchStatistics extends Batch {
  remainingJobs: number;
  completedJobs: number;
  failedJobs: number;
}

export interface HistoricBatch {
  id: string;
  startTime: string;
  endTime: string | null;
}

export interface EngineJob {
  id: string;
  jobDefinitionId: string;
  retries: number;
  exceptionMessage: string | null;
}

/** An activity an instance is in right now (from history, which can be asked per tenant). */
export interface OpenActivity {
  activityId: string;
  activityName: string | null;
  activityType: string;
  processInstanceId: string;
}

/** The queries the API composes itself; callers' query fields are never forwarded (see the engine's expression filter). */
export interface TaskQuery {
  tenantIdIn: string[];
  processInstanceId?: string;
  processInstanceBusinessKey?: string;
  taskId?: string;
  orQueries?: Array<{ assignee?: string; candidateGroups?: string[] }>;
  sorting?: Array<{ sortBy: string; sortOrder: 'asc' | 'desc' }>;
}

/** Camunda 7 REST with the service token of one confidential client. */
export class EngineClient {
  constructor(
    private readonly baseUrl: string,
    private readonly tokens: ServiceTokenProvider,
    private readonly timeoutMs = 15_000,
  ) {}

  version(): Promise<{ version: string }> {
    return this.request('GET', '/version');
  }

  /** The district's own variant of a process when it has one, else the shared provincial template. */
  async latestDefinitionFor(key: string, districtId: string): Promise<ProcessDefinition | null> {
    const query = new URLSearchParams({
      key,
      latestVersion: 'true',
      tenantIdIn: districtId,
      includeProcessDefinitionsWithoutTenantId: 'true',
    });
    const definitions = await this.request<ProcessDefinition[]>('GET', `/process-definition?${query}`);
    return definitions.find((d) => d.tenantId === districtId) ?? definitions.find((d) => d.tenantId === null) ?? null;
  }

  startProcess(definitionId: string, businessKey: string, variables: EngineVariables): Promise<{ id: string }> {
    return this.request('POST', `/process-definition/${enc(definitionId)}/start`, { businessKey, variables });
  }

  deleteProcessInstance(id: string): Promise<void> {
    return this.request('DELETE', `/process-instance/${enc(id)}?skipCustomListeners=true`);
  }

  queryTasks(query: TaskQuery, maxResults = 200): Promise<EngineTask[]> {
    return this.request('POST', `/task?firstResult=0&maxResults=${maxResults}`, query);
  }

  claim(taskId: string, userId: string): Promise<void> {
    return this.request('POST', `/task/${enc(taskId)}/claim`, { userId });
  }

  complete(taskId: string, variables: EngineVariables): Promise<void> {
    return this.request('POST', `/task/${enc(taskId)}/complete`, { variables, withVariablesInReturn: false });
  }

  /** The form-js schema deployed for the task (camunda:formRef), or null when the task has none. */
  async deployedForm(taskId: string): Promise<Record<string, unknown> | null> {
    try {
      return await this.request('GET', `/task/${enc(taskId)}/deployed-form`);
    } catch (error) {
      if (error instanceof EngineError && (error.status === 404 || error.status === 400)) return null;
      throw error;
    }
  }

  taskVariables(taskId: string): Promise<EngineVariables> {
    return this.request('GET', `/task/${enc(taskId)}/variables?deserializeValues=false`);
  }

  /**
   * Named variables of many process instances of one tenant in one call. The runtime variable query has no
   * `variableNameIn` in Camunda 7.24; the historic one has, and it holds the current value of running instances too.
   */
  processVariables(processInstanceIds: string[], names: string[], tenantId: string): Promise<ProcessVariable[]> {
    if (!processInstanceIds.length) return Promise.resolve([]);
    return this.request('POST', `/history/variable-instance?deserializeValues=false&firstResult=0&maxResults=${processInstanceIds.length * names.length * 4}`, {
      processInstanceIdIn: processInstanceIds,
      variableNameIn: names,
      tenantIdIn: [tenantId],
    });
  }

  historicProcessInstance(id: string): Promise<HistoricProcessInstance> {
    return this.request('GET', `/history/process-instance/${enc(id)}`);
  }

  async activityInstances(processInstanceId: string): Promise<ActivityInstance | null> {
    try {
      return await this.request('GET', `/process-instance/${enc(processInstanceId)}/activity-instances`);
    } catch (error) {
      if (error instanceof EngineError && error.status === 404) return null;
      throw error;
    }
  }

  incidents(processInstanceId: string): Promise<Incident[]> {
    return this.request('GET', `/incident?processInstanceId=${enc(processInstanceId)}`);
  }

  /** A district's open incidents, newest first. */
  incidentsOfDistrict(districtId: string, maxResults = 200): Promise<Incident[]> {
    const query = new URLSearchParams({ tenantIdIn: districtId, sortBy: 'incidentTimestamp', sortOrder: 'desc', firstResult: '0', maxResults: String(maxResults) });
    return this.request('GET', `/incident?${query}`);
  }

  /** One open incident, or null when it does not exist or belongs to another district. */
  async incidentOfDistrict(id: string, districtId: string): Promise<Incident | null> {
    const [incident] = await this.request<Incident[]>('GET', `/incident?${new URLSearchParams({ incidentId: id, tenantIdIn: districtId })}`);
    return incident ?? null;
  }

  /** Retries above zero make the task fetchable again and resolve its incident. */
  setExternalTaskRetries(externalTaskId: string, retries: number): Promise<void> {
    return this.request('PUT', `/external-task/${enc(externalTaskId)}/retries`, { retries });
  }

  setJobRetries(jobId: string, retries: number): Promise<void> {
    return this.request('PUT', `/job/${enc(jobId)}/retries`, { retries });
  }

  async definitionXml(definitionId: string): Promise<string> {
    const { bpmn20Xml } = await this.request<{ bpmn20Xml: string }>('GET', `/process-definition/${enc(definitionId)}/xml`);
    return bpmn20Xml;
  }

  /** Evaluates the latest version of a DMN decision: the district's own with tenantId, else the shared one; one entry per matched rule. */
  evaluateDecision(key: string, variables: EngineVariables, tenantId?: string): Promise<EngineVariables[]> {
    const definition = tenantId ? `key/${enc(key)}/tenant-id/${enc(tenantId)}` : `key/${enc(key)}`;
    return this.request('POST', `/decision-definition/${definition}/evaluate`, { variables });
  }

  deploy(name: string, files: DeploymentFile[], options: { tenantId?: string; source: string; skipIfUnchanged: boolean }): Promise<Deployment> {
    const form = new FormData();
    form.set('deployment-name', name);
    form.set('deployment-source', options.source);
    // An unchanged set is skipped as a whole, but a changed one is deployed with all its files: forms and
    // decisions are bound by deployment, so a new process version must find them in its own deployment.
    form.set('enable-duplicate-filtering', String(options.skipIfUnchanged));
    form.set('deploy-changed-only', 'false');
    if (options.tenantId) form.set('tenant-id', options.tenantId);
    for (const file of files) {
      form.append(file.name, new Blob([file.content]), file.name);
    }
    return this.request('POST', '/deployment/create', form);
  }

  /** Null when the deployment does not exist or belongs to another tenant than `tenantId`. */
  async deploymentOfTenant(id: string, tenantId: string): Promise<Deployment | null> {
    const [deployment] = await this.request<Deployment[]>('GET', `/deployment?${new URLSearchParams({ id, tenantIdIn: tenantId })}`);
    return deployment && deployment.tenantId === tenantId ? deployment : null;
  }

  deploymentResources(deploymentId: string): Promise<DeploymentResource[]> {
    return this.request('GET', `/deployment/${enc(deploymentId)}/resources`);
  }

  async deploymentResourceData(deploymentId: string, resourceId: string): Promise<Buffer> {
    const response = await this.send('GET', `/deployment/${enc(deploymentId)}/resources/${enc(resourceId)}/data`, undefined, '*/*');
    return Buffer.from(await response.arrayBuffer());
  }

  /** Removes a deployment with its definitions and any instances of them (cascade). */
  deleteDeployment(id: string): Promise<void> {
    return this.request('DELETE', `/deployment/${enc(id)}?cascade=true&skipCustomListeners=true&skipIoMappings=true`);
  }

  /** Running instance counts of every process definition that has any. */
  processDefinitionStatistics(): Promise<ProcessDefinitionStatistics[]> {
    return this.request('GET', '/process-definition/statistics');
  }

  /** Every version of a process key: of one tenant (with the shared ones when `withShared`), or the shared ones only. */
  processDefinitions(key: string, scope: { tenantId: string; withShared: boolean } | 'shared'): Promise<ProcessDefinition[]> {
    const query = new URLSearchParams({ key, sortBy: 'version', sortOrder: 'asc' });
    if (scope === 'shared') query.set('withoutTenantId', 'true');
    else {
      query.set('tenantIdIn', scope.tenantId);
      if (scope.withShared) query.set('includeProcessDefinitionsWithoutTenantId', 'true');
    }
    return this.request('GET', `/process-definition?${query}`);
  }

  /** The newest version of every process key a tenant has its own variant of. */
  latestDefinitionsOfTenant(tenantId: string): Promise<ProcessDefinition[]> {
    return this.request('GET', `/process-definition?${new URLSearchParams({ tenantIdIn: tenantId, latestVersion: 'true' })}`);
  }

  /** The newest version of every provincial template (shared, no tenant). */
  latestSharedDefinitions(): Promise<ProcessDefinition[]> {
    return this.request('GET', `/process-definition?${new URLSearchParams({ withoutTenantId: 'true', latestVersion: 'true' })}`);
  }

  /** Null when the definition does not exist. */
  async processDefinition(id: string): Promise<ProcessDefinition | null> {
    try {
      return await this.request('GET', `/process-definition/${enc(id)}`);
    } catch (error) {
      if (error instanceof EngineError && error.status === 404) return null;
      throw error;
    }
  }

  /** Ids of the running instances of one definition that belong to a tenant. */
  async processInstanceIds(definitionId: string, tenantId: string, maxResults = 1000): Promise<string[]> {
    const query = new URLSearchParams({ processDefinitionId: definitionId, tenantIdIn: tenantId, firstResult: '0', maxResults: String(maxResults) });
    return (await this.request<Array<{ id: string }>>('GET', `/process-instance?${query}`)).map((i) => i.id);
  }

  /** The activities the running instances of a definition in one tenant are in. */
  openActivities(definitionId: string, tenantId: string, maxResults = 5000): Promise<OpenActivity[]> {
    const query = new URLSearchParams({ processDefinitionId: definitionId, tenantIdIn: tenantId, unfinished: 'true', firstResult: '0', maxResults: String(maxResults) });
    return this.request('GET', `/history/activity-instance?${query}`);
  }

  /** When a deployment was made, or null when it does not exist. */
  async deploymentTime(id: string): Promise<string | null> {
    try {
      return (await this.request<{ deploymentTime: string }>('GET', `/deployment/${enc(id)}`)).deploymentTime;
    } catch (error) {
      if (error instanceof EngineError && error.status === 404) return null;
      throw error;
    }
  }

  generateMigrationPlan(sourceProcessDefinitionId: string, targetProcessDefinitionId: string): Promise<MigrationPlan> {
    return this.request('POST', '/migration/generate', { sourceProcessDefinitionId, targetProcessDefinitionId, updateEventTriggers: true });
  }

  validateMigrationPlan(plan: MigrationPlan): Promise<MigrationPlanReport> {
    return this.request('POST', '/migration/validate', plan);
  }

  /** Runs the plan as a batch on the engine's job executor, one job per instance. */
  executeMigrationAsync(plan: MigrationPlan, processInstanceIds: string[]): Promise<Batch> {
    return this.request('POST', '/migration/executeAsync', { migrationPlan: plan, processInstanceIds, skipCustomListeners: true, skipIoMappings: true });
  }

  /** A running batch with its job counts, or null once it has finished (or never existed). */
  async batchStatistics(batchId: string): Promise<BatchStatistics | null> {
    const [statistics] = await this.request<BatchStatistics[]>('GET', `/batch/statistics?${new URLSearchParams({ batchId })}`);
    return statistics ?? null;
  }

  async historicBatch(batchId: string): Promise<HistoricBatch | null> {
    try {
      return await this.request('GET', `/history/batch/${enc(batchId)}`);
    } catch (error) {
      if (error instanceof EngineError && error.status === 404) return null;
      throw error;
    }
  }

  deleteBatch(batchId: string): Promise<void> {
    return this.request('DELETE', `/batch/${enc(batchId)}?cascade=true`);
  }

  /** Jobs of one job definition that failed at least once, with the exception message. */
  failedJobs(jobDefinitionId: string): Promise<EngineJob[]> {
    return this.request('GET', `/job?${new URLSearchParams({ jobDefinitionId, withException: 'true', maxResults: '500' })}`);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const text = await (await this.send(method, path, body)).text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** One call with the service token, retried once with a fresh token on 401; a non-2xx answer becomes an EngineError. */
  private async send(method: string, path: string, body?: unknown, accept = 'application/json', retried = false): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.tokens.token()}`, accept };
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(this.timeoutMs) });
    if (response.status === 401 && !retried) {
      this.tokens.invalidate();
      return this.send(method, path, body, accept, true);
    }
    if (!response.ok) {
      const text = await response.text();
      let type = 'HttpError';
      let message = text;
      try {
        ({ type = type, message = message } = JSON.parse(text) as { type?: string; message?: string });
      } catch {
        // not JSON: keep the raw text
      }
      throw new EngineError(response.status, type, message);
    }
    return response;
  }
}

const enc = encodeURIComponent;
