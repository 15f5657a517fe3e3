import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { District } from '../districts/district.entity';
import { Deployment, DeploymentFile, EngineClient, EngineError } from '../engine-client/engine-client';
import { AppError, FieldProblem, notFound } from '../errors/app-error';
import { DeploymentRecord } from './deployment-record.entity';
import { MAX_COMMENT_LENGTH, type DeployedDefinition, type DeployedFile, type DeploymentOutcome, type DeploymentView, type UploadProblem } from './deployment-view';
import { ModelGuard } from './model-guard/model-guard';
import { readForm } from './model-guard/known-forms';
import { ModelProblem, problem } from './model-guard/model-problem';
import { fileTooLarge, MAX_MODEL_BYTES } from './model-guard/raw-document';
import { modelEditorRoles } from './model-validation.service';
import { sharedSupportingFiles } from './shipped-models';

/** A variant with every shared form of all flows travels in one upload (21 forms already, more with each flow). */
export const MAX_FILES_PER_DEPLOYMENT = 40;
/** Well under the engine's own multipart limit (16 MB), so a large upload is refused here with a clear problem. */
export const MAX_DEPLOYMENT_BYTES = 8 * 1024 * 1024;
/** A plain file name: no path, one of the three kinds the engine deploys for us. */
const FILE_NAME = /^[\w\-.\u3400-\u9fff（）]{1,100}\.(bpmn|dmn|form)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The only text field of an upload; anything else (a tenant above all) is refused rather than silently dropped. */
const UPLOAD_FIELDS = ['comment'];

export interface IncomingFile {
  name: string;
  content: Buffer;
}

/** Work that commits or rolls back together with the record of a deployment (a draft marked deployed). */
export type AfterRecord = (manager: EntityManager, record: DeploymentRecord) => Promise<void>;

interface DeployMeta {
  comment: string;
  rollbackOf: DeploymentRecord | null;
  within?: AfterRecord;
}

export type TemplateOutcome =
  | { valid: true; template: { engineDeploymentId: string; comment: string; definitions: DeployedDefinition[] } }
  | { valid: false; problems: UploadProblem[] };

/** 部署管理: district IT puts its district's variants live, sees its versions and rolls back; the tenant is always the caller's district. */
@Injectable()
export class DeploymentsService {
  private readonly logger = new Logger(DeploymentsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: EngineClient,
    private readonly audit: AuditService,
    private readonly guard: ModelGuard,
    private readonly sharedFiles: () => DeploymentFile[] = sharedSupportingFiles,
  ) {}

  /** Every file passes the guard or nothing reaches the engine. */
  async create(user: CurrentUser, files: IncomingFile[], fields: Record<string, unknown>): Promise<DeploymentOutcome> {
    requireDistrictIt(user);
    const comment = parseUpload(files, fields);
    const problems = await this.check(files);
    if (problems.length) return { valid: false, problems };
    // Forms and decisions are bound by deployment: the shared ones travel with the variant unless it brings its own.
    const uploaded = new Set(files.map((f) => f.name));
    const deployed = [...files, ...this.sharedFiles().filter((f) => !uploaded.has(f.name))];
    return this.deploy(user, deployed, { comment, rollbackOf: null });
  }

  /**
   * Puts one reviewed model live for the caller's district (a draft's approval): the same guard and the same
   * all-or-nothing rule as an upload; `within` runs in the transaction that records the deployment.
   */
  async deployModel(user: CurrentUser, files: IncomingFile[], comment: string, within?: AfterRecord): Promise<DeploymentOutcome> {
    requireDistrictIt(user);
    const problems = await this.check(files);
    if (problems.length) return { valid: false, problems };
    const uploaded = new Set(files.map((f) => f.name));
    const deployed = [...files, ...this.sharedFiles().filter((f) => !uploaded.has(f.name))];
    return this.deploy(user, deployed, { comment, rollbackOf: null, within });
  }

  /** A new version of the provincial templates (shared, no tenant): the province's own path, audited, same guard. */
  async createTemplate(user: CurrentUser, files: IncomingFile[], fields: Record<string, unknown>): Promise<TemplateOutcome> {
    if (!mayDeployTemplates(user)) throw new AppError('FORBIDDEN');
    const comment = parseUpload(files, fields);
    const problems = await this.check(files);
    if (problems.length) return { valid: false, problems };
    const uploaded = new Set(files.map((f) => f.name));
    const deployed = [...files, ...this.sharedFiles().filter((f) => !uploaded.has(f.name))];
    let deployment: Deployment;
    try {
      deployment = await this.engine.deploy('xietong-templates-upload', deployed, { source: 'xietong-api', skipIfUnchanged: false });
    } catch (error) {
      if (error instanceof EngineError && error.status >= 400 && error.status < 500) return { valid: false, problems: [engineRefusal(error)] };
      throw new AppError('ENGINE_UNAVAILABLE');
    }
    const definitions = definitionsOf(deployment);
    try {
      await this.dataSource.transaction((manager) =>
        this.audit.append(manager, {
          districtId: user.district,
          actor: user.username,
          action: 'template.deploy',
          subjectType: 'template',
          subjectId: deployment.id,
          before: null,
          after: {
            comment,
            files: deployed.map((f) => ({ name: f.name, sha256: createHash('sha256').update(f.content).digest('hex') })),
            definitions: definitions.map(({ key, version, tenantId }) => ({ key, version, tenantId })),
          },
        }),
      );
    } catch (error) {
      await this.engine.deleteDeployment(deployment.id).catch((cleanup: unknown) => {
        this.logger.error(`template deployment ${deployment.id} is not audited and could not be removed: ${String(cleanup)}`);
      });
      throw error;
    }
    return { valid: true, template: { engineDeploymentId: deployment.id, comment, definitions } };
  }

  async list(user: CurrentUser): Promise<DeploymentView[]> {
    if (!user.roles.some((role) => modelEditorRoles.includes(role))) throw new AppError('FORBIDDEN');
    const records = await this.dataSource.getRepository(DeploymentRecord).find({ where: { districtId: user.district }, order: { version: 'DESC' }, take: 100 });
    const running = await this.runningInstances(user, records);
    return records.map((record) => view(record, running));
  }

  /** Deploys again exactly the files of an earlier version, as the engine holds them. */
  async rollback(user: CurrentUser, id: string): Promise<DeploymentOutcome> {
    requireDistrictIt(user);
    if (!UUID.test(id)) throw notFound();
    const target = await this.dataSource.getRepository(DeploymentRecord).findOneBy({ id, districtId: user.district });
    if (!target) throw notFound();
    const files = await this.engineFiles(user, target);
    // Checked again: the guard's rules may have tightened since that version went live.
    const problems = await this.check(files);
    if (problems.length) return { valid: false, problems };
    return this.deploy(user, files, { comment: `回滚到版本 ${target.version}`, rollbackOf: target });
  }

  private async check(files: IncomingFile[]): Promise<UploadProblem[]> {
    const total = files.reduce((sum, f) => sum + f.content.length, 0);
    if (total > MAX_DEPLOYMENT_BYTES) {
      return [{ file: null, ...problem('file-too-large', null, `上传的文件共 ${total} 字节，超过 ${MAX_DEPLOYMENT_BYTES} 字节的上限`, `The files total ${total} bytes, over the limit of ${MAX_DEPLOYMENT_BYTES} bytes`) }];
    }
    const problems: UploadProblem[] = [];
    for (const file of files) {
      const found = file.name.endsWith('.form') ? formProblems(file) : await this.guard.check(file, files.filter((other) => other !== file));
      problems.push(...found.map((p) => ({ file: file.name, ...p })));
    }
    return problems;
  }

  /**
   * The engine deployment and its business record succeed or fail together: the engine cannot join the
   * database transaction, so a record that fails to commit takes the engine deployment away again.
   */
  private async deploy(user: CurrentUser, files: DeploymentFile[], meta: DeployMeta): Promise<DeploymentOutcome> {
    let deployment: Deployment;
    try {
      deployment = await this.engine.deploy(`xietong-upload-${user.district}`, files, { tenantId: user.district, source: 'xietong-api', skipIfUnchanged: false });
    } catch (error) {
      if (error instanceof EngineError && error.status >= 400 && error.status < 500) return { valid: false, problems: [engineRefusal(error)] };
      throw new AppError('ENGINE_UNAVAILABLE');
    }
    try {
      const record = await this.dataSource.transaction((manager) => this.record(manager, user, deployment, files, meta));
      return { valid: true, deployment: view(record, new Map()) };
    } catch (error) {
      await this.engine.deleteDeployment(deployment.id).catch((cleanup: unknown) => {
        this.logger.error(`engine deployment ${deployment.id} of ${user.district} has no record and could not be removed: ${String(cleanup)}`);
      });
      throw error;
    }
  }

  private async record(
    manager: EntityManager,
    user: CurrentUser,
    deployment: Deployment,
    files: DeploymentFile[],
    meta: DeployMeta,
  ): Promise<DeploymentRecord> {
    // Locking the district row numbers the district's versions one after another, even for concurrent uploads.
    await manager.findOne(District, { where: { id: user.district }, lock: { mode: 'pessimistic_write' } });
    const version = ((await manager.maximum(DeploymentRecord, 'version', { districtId: user.district })) ?? 0) + 1;
    const record = manager.create(DeploymentRecord, {
      id: randomUUID(),
      districtId: user.district,
      engineDeploymentId: deployment.id,
      version,
      comment: meta.comment,
      files: files.map((f) => ({ name: f.name, sha256: createHash('sha256').update(f.content).digest('hex') })),
      definitions: definitionsOf(deployment),
      deployedBy: user.username,
      deployedAt: new Date(),
      rollbackOf: meta.rollbackOf?.id ?? null,
    });
    await manager.save(record);
    await this.audit.append(manager, {
      districtId: user.district,
      actor: user.username,
      action: meta.rollbackOf ? 'deployment.rollback' : 'deployment.create',
      subjectType: 'deployment',
      subjectId: record.id,
      before: meta.rollbackOf ? { deploymentId: meta.rollbackOf.id, version: meta.rollbackOf.version } : null,
      after: {
        version,
        comment: record.comment,
        engineDeploymentId: deployment.id,
        files: record.files,
        definitions: record.definitions.map(({ key, version: v, tenantId }) => ({ key, version: v, tenantId })),
      },
    });
    await meta.within?.(manager, record);
    return record;
  }

  /** The files of an earlier deployment, read back from the engine and only from the caller's tenant. */
  private async engineFiles(user: CurrentUser, target: DeploymentRecord): Promise<IncomingFile[]> {
    try {
      const deployment = await this.engine.deploymentOfTenant(target.engineDeploymentId, user.district);
      if (!deployment) {
        throw new AppError('NOT_FOUND', [], {
          zh: `版本 ${target.version} 在流程引擎中已不存在，无法回滚`,
          en: `Version ${target.version} no longer exists in the engine and cannot be rolled back to`,
        });
      }
      const resources = await this.engine.deploymentResources(deployment.id);
      return await Promise.all(resources.map(async (r) => ({ name: r.name, content: await this.engine.deploymentResourceData(deployment.id, r.id) })));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('ENGINE_UNAVAILABLE');
    }
  }

  /** Running instances per process definition, only for definitions of the caller's tenant. */
  private async runningInstances(user: CurrentUser, records: DeploymentRecord[]): Promise<Map<string, number> | null> {
    if (!records.length) return new Map();
    try {
      const statistics = await this.engine.processDefinitionStatistics();
      return new Map(statistics.filter((s) => s.definition.tenantId === user.district).map((s) => [s.id, s.instances]));
    } catch (error) {
      this.logger.warn(`running instance counts unavailable: ${String(error)}`);
      return null;
    }
  }
}

/** Only district IT puts models live (and rolls them back) for its district. */
export const mayDeploy = (user: CurrentUser): boolean => user.roles.includes('district-it');

/** Only the province puts new template versions live; they are shared by every district. */
export const mayDeployTemplates = (user: CurrentUser): boolean => user.roles.includes('province-admin');

function requireDistrictIt(user: CurrentUser): void {
  if (!mayDeploy(user)) throw new AppError('FORBIDDEN');
}

/** Checks the shape of an upload (400) before any model is read; returns the comment. */
function parseUpload(files: IncomingFile[], fields: Record<string, unknown>): string {
  const details: FieldProblem[] = [];
  for (const field of Object.keys(fields)) {
    if (UPLOAD_FIELDS.includes(field)) continue;
    details.push(
      /tenant/i.test(field)
        ? { field, zh: '部署的租户总是当前用户所在的区县，不能在请求中指定', en: 'The tenant of a deployment is always your own district and cannot be chosen' }
        : { field, zh: '未知字段', en: `unknown field ${field}` },
    );
  }
  const comment = typeof fields.comment === 'string' ? fields.comment.trim() : '';
  if (!comment) details.push({ field: 'comment', zh: '请填写部署说明', en: 'A comment is required' });
  else if (comment.length > MAX_COMMENT_LENGTH) details.push({ field: 'comment', zh: `部署说明不能超过 ${MAX_COMMENT_LENGTH} 字`, en: `The comment may have at most ${MAX_COMMENT_LENGTH} characters` });
  if (!files.length) details.push({ field: 'file', zh: '请至少上传一个 .bpmn、.dmn 或 .form 文件', en: 'Upload at least one .bpmn, .dmn or .form file' });
  const seen = new Set<string>();
  for (const file of files) {
    if (!FILE_NAME.test(file.name)) {
      details.push({ field: 'file', zh: `文件名 ${file.name} 不合要求（须为 .bpmn、.dmn 或 .form，且不含路径）`, en: `The file name ${file.name} is not accepted (.bpmn, .dmn or .form, without a path)` });
    } else if (seen.has(file.name)) {
      details.push({ field: 'file', zh: `文件 ${file.name} 上传了两次`, en: `The file ${file.name} was uploaded twice` });
    }
    seen.add(file.name);
  }
  if (details.length) throw new AppError('VALIDATION_FAILED', details);
  return comment;
}

/** A form is JSON the engine only stores; it must be a form-js schema within the size limit. */
export function formProblems(file: IncomingFile): ModelProblem[] {
  if (file.content.length > MAX_MODEL_BYTES) return [fileTooLarge(file.content.length)];
  if (readForm(file.name, file.content)) return [];
  return [problem('unparsed-content', null, `${file.name} 不是合法的表单（form-js JSON）`, `${file.name} is not a valid form (form-js JSON)`)];
}

function engineRefusal(error: EngineError): UploadProblem {
  const reason = error.message.replace(/^engine \d+ \S+: /, '').split('\n')[0];
  return { file: null, ...problem('unparsed-content', null, `流程引擎拒绝了该部署：${reason}`, `The engine refused the deployment: ${reason}`) };
}

function definitionsOf(deployment: Deployment): DeployedDefinition[] {
  return [
    ...Object.values(deployment.deployedProcessDefinitions ?? {}).map((d) => ({ id: d.id, kind: 'process' as const, key: d.key, version: d.version, tenantId: d.tenantId })),
    ...Object.values(deployment.deployedDecisionDefinitions ?? {}).map((d) => ({ id: d.id, kind: 'decision' as const, key: d.key, version: d.version, tenantId: d.tenantId })),
  ];
}

function view(record: DeploymentRecord, running: Map<string, number> | null): DeploymentView {
  return {
    id: record.id,
    version: record.version,
    comment: record.comment,
    rollbackOf: record.rollbackOf,
    deployedBy: record.deployedBy,
    deployedAt: record.deployedAt.toISOString(),
    files: record.files,
    definitions: record.definitions.map((d) => ({
      key: d.key,
      version: d.version,
      tenantId: d.tenantId,
      kind: d.kind,
      runningInstances: d.kind === 'process' && running ? (running.get(d.id) ?? 0) : null,
    })),
  };
}
