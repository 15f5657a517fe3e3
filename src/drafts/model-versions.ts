import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CurrentUser } from '../auth/current-user';
import { DeploymentRecord } from '../deployments/deployment-record.entity';
import { EngineClient, EngineError, type ProcessDefinition } from '../engine-client/engine-client';
import { AppError, notFound } from '../errors/app-error';
import { ModelDraft } from './model-draft.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Reads the versions of a process a district may compare: the provincial templates, its own variants and deployments. */
@Injectable()
export class ModelVersions {
  constructor(
    private readonly engine: EngineClient,
    private readonly dataSource: DataSource,
  ) {}

  async latestTemplate(key: string): Promise<ProcessDefinition | null> {
    return (await engineCall(() => this.engine.processDefinitions(key, 'shared'))).at(-1) ?? null;
  }

  async latestVariant(key: string, districtId: string): Promise<ProcessDefinition | null> {
    return (await engineCall(() => this.engine.processDefinitions(key, { tenantId: districtId, withShared: false }))).at(-1) ?? null;
  }

  /** Null when the engine no longer has the definition. */
  definition(definitionId: string): Promise<ProcessDefinition | null> {
    return engineCall(() => this.engine.processDefinition(definitionId));
  }

  xml(definitionId: string): Promise<string> {
    return engineCall(() => this.engine.definitionXml(definitionId));
  }

  /**
   * The template version a district's variant was made from: the one its draft recorded, else the newest
   * template deployed before the variant. Null when the district has no variant or there is no template.
   */
  async templateBasis(key: string, districtId: string): Promise<ProcessDefinition | null> {
    const [variant, templates] = await Promise.all([this.latestVariant(key, districtId), engineCall(() => this.engine.processDefinitions(key, 'shared'))]);
    if (!variant || !templates.length) return null;
    const record = await this.dataSource.getRepository(DeploymentRecord).findOneBy({ districtId, engineDeploymentId: variant.deploymentId });
    // A decision or form draft deploys its processes too, but records the template of its own file, not of the process.
    const draft = record ? await this.dataSource.getRepository(ModelDraft).findOneBy({ districtId, deploymentId: record.id, kind: 'bpmn', processKey: key }) : null;
    const recorded = draft?.templateDefinitionId ? templates.find((t) => t.id === draft.templateDefinitionId) : undefined;
    if (recorded) return recorded;
    const variantTime = await engineCall(() => this.engine.deploymentTime(variant.deploymentId));
    // Newest first: usually the first or second template is already older than the variant.
    for (const template of [...templates].reverse()) {
      const time = await engineCall(() => this.engine.deploymentTime(template.deploymentId));
      if (time && variantTime && Date.parse(time) <= Date.parse(variantTime)) return template;
    }
    return templates[0];
  }

  /** A deployment of the caller's district and its BPMN for one process key (the only one when `key` is not given). */
  async ofDeployment(user: CurrentUser, id: string, key?: string): Promise<{ record: DeploymentRecord; definitionId: string; key: string; version: number }> {
    if (!UUID.test(id)) throw notFound();
    const record = await this.dataSource.getRepository(DeploymentRecord).findOneBy({ id, districtId: user.district });
    if (!record) throw notFound();
    const processes = record.definitions.filter((d) => d.kind === 'process' && (!key || d.key === key));
    const definition = processes[0];
    if (!definition) throw notFound();
    return { record, definitionId: definition.id, key: definition.key, version: definition.version };
  }
}

/** Engine failures the caller cannot fix become ENGINE_UNAVAILABLE; the API's own errors pass. */
export async function engineCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof EngineError && error.status === 404) throw notFound();
    throw new AppError('ENGINE_UNAVAILABLE');
  }
}
