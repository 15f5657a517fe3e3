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

export interface DeploymentFile {
  name: string;
  content: string | Buffer;
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

  deploy(name: string, files: DeploymentFile[], options: { tenantId?: string; source: string; changedOnly: boolean }): Promise<Deployment> {
    const form = new FormData();
    form.set('deployment-name', name);
    form.set('deployment-source', options.source);
    form.set('enable-duplicate-filtering', String(options.changedOnly));
    form.set('deploy-changed-only', String(options.changedOnly));
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
