import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import type { Role } from '../auth/roles';
import { MAX_COMMENT_LENGTH } from '../deployments/deployment-view';
import { DeploymentsService } from '../deployments/deployments.service';
import { ModelGuard } from '../deployments/model-guard/model-guard';
import { bpmnParser, type ModdleElement } from '../deployments/model-guard/model-libraries';
import type { ModelProblem } from '../deployments/model-guard/model-problem';
import { checkRawDocument } from '../deployments/model-guard/raw-document';
import { modelEditorRoles } from '../deployments/model-validation.service';
import type { ProcessDefinition } from '../engine-client/engine-client';
import { AppError, notFound, type FieldProblem } from '../errors/app-error';
import { diffDecisions } from './decision-diff';
import { decisionKeyProblems, formDraftProblems } from './draft-checks';
import type { ApprovalView, DiffBase, DraftModelKind, DraftSummary, DraftView, MergeConflict, ModelDiffView } from './draft-view';
import type { CreateDraft, SaveRevision } from './draft.dto';
import { parseDraftAgainst } from './draft.dto';
import { DistrictModels } from './district-models';
import { diffForms } from './form-diff';
import { diffModels } from './model-diff';
import { ModelDraft, ModelDraftRevision, type DraftStatus } from './model-draft.entity';
import { ModelVersions } from './model-versions';
import { mergeTemplateUpdate, type TemplateMerge } from './template-merge';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EDITABLE: DraftStatus[] = ['draft', 'returned'];
type SupportingKind = Exclude<DraftModelKind, 'bpmn'>;
const kindName: Record<DraftModelKind, { zh: string; en: string }> = {
  bpmn: { zh: '流程', en: 'process' },
  dmn: { zh: '决策表', en: 'decision table' },
  form: { zh: '表单', en: 'form' },
};
/** What a new draft records besides its first revision. */
type Opening = Pick<ModelDraft, 'kind' | 'processKey' | 'sourceKind' | 'sourceDefinitionId' | 'templateDefinitionId' | 'fromTemplateUpdate'>;

/**
 * 为本区定制: designers work on a district variant of a process, decision table or form in the business database,
 * revision by revision; district IT of the same district reviews it and deploys it through the deployments service.
 */
@Injectable()
export class DraftsService {
  private readonly logger = new Logger(DraftsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly guard: ModelGuard,
    private readonly deployments: DeploymentsService,
    private readonly versions: ModelVersions,
    private readonly models: DistrictModels,
  ) {}

  /**
   * Copies the district's deployed variant, or the template. A template update starts from the newest template
   * merged into the district's variant, so the district keeps its own changes; where both changed the same
   * element the district's version stays and the first revision lists the conflicts.
   */
  async create(user: CurrentUser, input: CreateDraft): Promise<DraftView> {
    requireRole(user, 'designer');
    if (input.kind !== 'bpmn') return this.createSupporting(user, input.kind, input.processKey, input.comment);
    const [template, variant] = await Promise.all([this.versions.latestTemplate(input.processKey), this.versions.latestVariant(input.processKey, user.district)]);
    const source = input.fromTemplateUpdate ? template : (variant ?? template);
    if (!source) {
      throw new AppError('PROCESS_NOT_DEPLOYED', [], {
        zh: `流程 ${input.processKey} 既没有省级模板，也没有本区版本`,
        en: `The process ${input.processKey} has neither a provincial template nor a variant of your district`,
      });
    }
    const sourceKind = source === variant ? 'variant' : 'template';
    const basis = sourceKind === 'variant' ? await this.versions.templateBasis(input.processKey, user.district) : template;
    const merge = input.fromTemplateUpdate && variant ? await this.mergedUpdate(input.processKey, user.district, source, variant) : null;
    const xml = merge?.xml ?? (await this.versions.xml(source.id));
    const problems = [...(await this.check('bpmn', input.processKey, xml)), ...(merge?.conflicts.map(conflictProblem) ?? [])];
    const comment = merge
      ? [mergeComment(source.version, merge), input.comment].filter(Boolean).join('；').slice(0, MAX_COMMENT_LENGTH)
      : (input.comment ?? (input.fromTemplateUpdate ? `采纳省级模板第 ${source.version} 版` : sourceKind === 'variant' ? `以本区第 ${source.version} 版为基础` : `以省级模板第 ${source.version} 版为基础`));
    const opening: Opening = {
      kind: 'bpmn',
      processKey: input.processKey,
      sourceKind,
      sourceDefinitionId: source.id,
      templateDefinitionId: basis?.id ?? null,
      fromTemplateUpdate: input.fromTemplateUpdate ?? false,
    };
    const merged = merge ? { mergedInto: variant?.id, basisDefinitionId: merge.basis?.id ?? null, applied: applied(merge), conflicts: merge.conflicts.length } : {};
    return this.open(user, opening, xml, comment, problems, merged);
  }

  /**
   * A decision table or form starts from what the district runs: the copy in the deployment of a process of the
   * district that binds it (its own variant first), measured against the copy the provincial templates carry.
   */
  private async createSupporting(user: CurrentUser, kind: SupportingKind, key: string, comment: string | undefined): Promise<DraftView> {
    const name = kindName[kind];
    const source = await this.models.current(user.district, kind, key);
    if (!source) {
      throw new AppError('PROCESS_NOT_DEPLOYED', [], {
        zh: `本区没有使用${name.zh} ${key} 的流程`,
        en: `No process of your district uses the ${name.en} ${key}`,
      });
    }
    const [template] = await this.models.templateBindersOf(kind, key);
    const content = source.content.toString();
    const sourceKind = source.definition.tenantId ? 'variant' : 'template';
    const opening: Opening = { kind, processKey: key, sourceKind, sourceDefinitionId: source.definition.id, templateDefinitionId: template?.id ?? null, fromTemplateUpdate: false };
    const text = comment ?? (sourceKind === 'variant' ? `以本区现行${name.zh}为基础` : `以省级${name.zh}为基础`);
    return this.open(user, opening, content, text, await this.check(kind, key, content), { copiedFrom: source.name });
  }

  /** Writes a new draft with its first revision and the audit row, in one transaction. */
  private async open(user: CurrentUser, opening: Opening, xml: string, comment: string, problems: ModelProblem[], detail: Record<string, unknown>): Promise<DraftView> {
    const now = new Date();
    const draft = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(ModelDraft, {
          id: randomUUID(),
          districtId: user.district,
          ...opening,
          status: 'draft',
          latestRevision: 1,
          createdBy: user.username,
          createdAt: now,
          updatedAt: now,
          reviewComment: null,
          reviewedBy: null,
          deploymentId: null,
        }),
      );
      await manager.save(manager.create(ModelDraftRevision, { draftId: created.id, revision: 1, xml, comment, author: user.username, createdAt: now, problems }));
      await this.audit.append(manager, {
        ...subject(user, created),
        action: 'draft.create',
        before: null,
        after: {
          kind: created.kind,
          processKey: created.processKey,
          sourceKind: created.sourceKind,
          sourceDefinitionId: created.sourceDefinitionId,
          fromTemplateUpdate: created.fromTemplateUpdate,
          ...detail,
          revision: 1,
          sha256: sha256(xml),
        },
      });
      return created;
    });
    return this.get(user, draft.id);
  }

  /**
   * A new revision; the guard's problems are kept with it and returned, but never stop a save — except for a form
   * that is not a form-js schema of the draft's id: that is not a version of the form at all, so nothing is saved.
   */
  async save(user: CurrentUser, id: string, input: SaveRevision): Promise<DraftView> {
    requireRole(user, 'designer');
    const existing = await this.find(user, id);
    const problems = await this.check(existing.kind, existing.processKey, input.xml);
    if (existing.kind === 'form' && problems.length) {
      throw new AppError('DRAFT_HAS_PROBLEMS', problems.map(problemDetail), {
        zh: `未保存：内容不是表单 ${existing.processKey} 的 form-js JSON`,
        en: `Not saved: the content is not the form-js JSON of the form ${existing.processKey}`,
      });
    }
    await this.dataSource.transaction(async (manager) => {
      const draft = await this.lock(manager, existing.id);
      if (!EDITABLE.includes(draft.status)) throw new AppError('DRAFT_NOT_EDITABLE');
      const revision = draft.latestRevision + 1;
      const now = new Date();
      await manager.save(manager.create(ModelDraftRevision, { draftId: draft.id, revision, xml: input.xml, comment: input.comment, author: user.username, createdAt: now, problems }));
      await manager.update(ModelDraft, { id: draft.id }, { latestRevision: revision, updatedAt: now });
      await this.audit.append(manager, {
        ...subject(user, draft),
        action: 'draft.save',
        before: { revision: draft.latestRevision },
        after: { revision, comment: input.comment, problems: problems.length, sha256: sha256(input.xml) },
      });
    });
    return this.get(user, existing.id);
  }

  async list(user: CurrentUser): Promise<DraftSummary[]> {
    requireModelRole(user);
    const drafts = await this.dataSource.getRepository(ModelDraft).find({ where: { districtId: user.district }, order: { updatedAt: 'DESC' }, take: 200 });
    return drafts.map(summary);
  }

  async get(user: CurrentUser, id: string): Promise<DraftView> {
    requireModelRole(user);
    const draft = await this.find(user, id);
    const revisions = await this.dataSource.getRepository(ModelDraftRevision).find({ where: { draftId: draft.id }, order: { revision: 'DESC' } });
    const latest = revisions[0];
    return {
      ...summary(draft),
      xml: latest.xml,
      problems: await this.check(draft.kind, draft.processKey, latest.xml),
      mergeConflicts: conflictsOf(revisions.at(-1)?.problems ?? []),
      revisions: revisions.map((r) => ({ revision: r.revision, comment: r.comment, author: r.author, createdAt: r.createdAt.toISOString(), problems: r.problems })),
    };
  }

  async revisionXml(user: CurrentUser, id: string, revision: number): Promise<string> {
    requireModelRole(user);
    const draft = await this.find(user, id);
    const found = await this.dataSource.getRepository(ModelDraftRevision).findOneBy({ draftId: draft.id, revision });
    if (!found) throw notFound();
    return found.xml;
  }

  /** To review: refused while the guard finds anything, since district IT could not deploy it anyway. */
  async submit(user: CurrentUser, id: string): Promise<DraftSummary> {
    requireRole(user, 'designer');
    const existing = await this.find(user, id);
    const xml = await this.latestXml(existing.id);
    const problems = await this.check(existing.kind, existing.processKey, xml);
    if (problems.length) throw new AppError('DRAFT_HAS_PROBLEMS', problems.map(problemDetail));
    return this.transition(user, existing.id, EDITABLE, 'submitted', 'draft.submit', 'DRAFT_NOT_EDITABLE', {});
  }

  async returnToDesigner(user: CurrentUser, id: string, comment: string): Promise<DraftSummary> {
    requireRole(user, 'district-it');
    const existing = await this.find(user, id);
    return this.transition(user, existing.id, ['submitted'], 'returned', 'draft.return', 'DRAFT_NOT_SUBMITTED', { reviewComment: comment, reviewedBy: user.username });
  }

  /**
   * Deploys the newest revision for the district as one model set: with the decisions and forms the process's
   * deployment holds, or — for a decision or form — with every process of the district that binds it and what their
   * deployments hold. The draft is marked deployed in the same transaction as the deployment record.
   */
  async approve(user: CurrentUser, id: string, comment: string | undefined): Promise<ApprovalView> {
    requireRole(user, 'district-it');
    const existing = await this.find(user, id);
    if (existing.status !== 'submitted') throw new AppError('DRAFT_NOT_SUBMITTED');
    const xml = await this.latestXml(existing.id);
    const text = comment ?? `草稿审核通过（第 ${existing.latestRevision} 稿，${existing.createdBy}）`;
    const set = await this.models.deploymentFiles(user.district, { kind: existing.kind, key: existing.processKey, content: xml });
    if (!set.processes.length) {
      const name = kindName[existing.kind];
      throw new AppError('PROCESS_NOT_DEPLOYED', [], { zh: `本区已没有使用${name.zh} ${existing.processKey} 的流程，部署它不会生效`, en: `No process of your district uses the ${name.en} ${existing.processKey} any more; deploying it would change nothing` });
    }
    const outcome = await this.deployments.deployModel(user, set.files, text, async (manager, record) => {
      const draft = await this.lock(manager, existing.id);
      // Someone else approved or returned it meanwhile: nothing of this deployment may stay.
      if (draft.status !== 'submitted' || draft.latestRevision !== existing.latestRevision) throw new AppError('DRAFT_NOT_SUBMITTED');
      await manager.update(ModelDraft, { id: draft.id }, { status: 'deployed', deploymentId: record.id, reviewComment: text, reviewedBy: user.username, updatedAt: new Date() });
      await this.audit.append(manager, {
        ...subject(user, draft),
        action: 'draft.approve',
        before: { status: draft.status, revision: draft.latestRevision },
        after: { status: 'deployed', deploymentId: record.id, version: record.version, comment: text, kind: draft.kind, processes: set.processes },
      });
    });
    if (!outcome.valid) throw new AppError('DRAFT_HAS_PROBLEMS', outcome.problems.map(problemDetail));
    return { draft: summary(await this.find(user, existing.id)), deployment: outcome.deployment };
  }

  async diff(user: CurrentUser, id: string, against: unknown): Promise<ModelDiffView> {
    requireModelRole(user);
    const parsed = parseDraftAgainst(against);
    if (!parsed) throw new AppError('VALIDATION_FAILED', [{ field: 'against', zh: 'against 须为 template、deployed 或 revision:<序号>', en: 'against must be template, deployed or revision:<n>' }]);
    const draft = await this.find(user, id);
    const xml = await this.latestXml(draft.id);
    let base: DiffBase;
    if (parsed.kind === 'revision') {
      base = { kind: 'revision', label: { zh: `第 ${parsed.revision} 稿`, en: `revision ${parsed.revision}` }, xml: await this.revisionXml(user, id, parsed.revision) };
    } else if (draft.kind !== 'bpmn') {
      base = await this.supportingBase(user, draft, parsed.kind);
    } else if (parsed.kind === 'deployed') {
      const deployed = (await this.versions.latestVariant(draft.processKey, user.district)) ?? (await this.versions.latestTemplate(draft.processKey));
      if (!deployed) throw notFound();
      const label = deployed.tenantId ? { zh: `本区当前版本（第 ${deployed.version} 版）`, en: `the district's live version (v${deployed.version})` } : { zh: `省级模板第 ${deployed.version} 版（本区在用）`, en: `template v${deployed.version} (live for the district)` };
      base = { kind: 'deployed', label, xml: await this.versions.xml(deployed.id) };
    } else {
      const template = draft.templateDefinitionId ? { id: draft.templateDefinitionId } : await this.versions.latestTemplate(draft.processKey);
      if (!template) throw notFound();
      const definition = await this.versions.xml(template.id);
      const version = /^[^:]+:(\d+):/.exec(template.id)?.[1];
      base = { kind: 'template', label: { zh: `省级模板${version ? `第 ${version} 版` : ''}`, en: `template${version ? ` v${version}` : ''}` }, xml: definition };
    }
    const problems = await this.check(draft.kind, draft.processKey, xml);
    if (draft.kind === 'dmn') return { kind: 'dmn', base, xml, diff: await decisionDiffOrEmpty(base.xml, xml), problems };
    if (draft.kind === 'form') return { kind: 'form', base, xml, diff: formDiffOrEmpty(base.xml, xml), problems };
    return { kind: 'bpmn', base, xml, diff: await diffOrEmpty(base.xml, xml), problems };
  }

  /** A decision table's or form's template version (as the provincial templates carry it) or the one the district runs now. */
  private async supportingBase(user: CurrentUser, draft: ModelDraft, against: 'template' | 'deployed'): Promise<DiffBase> {
    const kind = draft.kind as SupportingKind;
    if (against === 'deployed') {
      const current = await this.models.current(user.district, kind, draft.processKey);
      if (!current) throw notFound();
      const label = current.definition.tenantId ? { zh: '本区现行版本', en: "the district's live version" } : { zh: '省级版本（本区在用）', en: 'the provincial version (live for the district)' };
      return { kind: 'deployed', label, xml: current.content.toString() };
    }
    const recorded = draft.templateDefinitionId ? await this.versions.definition(draft.templateDefinitionId) : null;
    const templates = recorded ? [recorded] : await this.models.templateBindersOf(kind, draft.processKey);
    const template = await this.models.firstHolding(templates, kind, draft.processKey);
    if (!template) throw notFound();
    return { kind: 'template', label: { zh: '省级版本', en: 'the provincial version' }, xml: template.content.toString() };
  }

  private async transition(
    user: CurrentUser,
    id: string,
    from: DraftStatus[],
    to: DraftStatus,
    action: string,
    refusal: 'DRAFT_NOT_EDITABLE' | 'DRAFT_NOT_SUBMITTED',
    changes: Partial<ModelDraft>,
  ): Promise<DraftSummary> {
    await this.dataSource.transaction(async (manager) => {
      const draft = await this.lock(manager, id);
      if (!from.includes(draft.status)) throw new AppError(refusal);
      await manager.update(ModelDraft, { id }, { ...changes, status: to, updatedAt: new Date() });
      await this.audit.append(manager, {
        ...subject(user, draft),
        action,
        before: { status: draft.status, revision: draft.latestRevision },
        after: { status: to, revision: draft.latestRevision, ...(changes.reviewComment ? { comment: changes.reviewComment } : {}) },
      });
    });
    return summary(await this.find(user, id));
  }

  /** A draft of another district answers exactly like one that does not exist. */
  private async find(user: CurrentUser, id: string): Promise<ModelDraft> {
    if (!UUID.test(id)) throw notFound();
    const draft = await this.dataSource.getRepository(ModelDraft).findOneBy({ id, districtId: user.district });
    if (!draft) throw notFound();
    return draft;
  }

  private async lock(manager: EntityManager, id: string): Promise<ModelDraft> {
    const draft = await manager.findOne(ModelDraft, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!draft) throw notFound();
    return draft;
  }

  private async latestXml(draftId: string): Promise<string> {
    const [latest] = await this.dataSource.getRepository(ModelDraftRevision).find({ where: { draftId }, order: { revision: 'DESC' }, take: 1 });
    return latest.xml;
  }

  /**
   * The newest template merged into the district's variant, measured from the template the variant was made from.
   * Null when there is nothing to merge from or the merge fails: the draft then starts from the template alone.
   */
  private async mergedUpdate(processKey: string, districtId: string, template: ProcessDefinition, variant: ProcessDefinition): Promise<TemplateMerge & { basis: ProcessDefinition | null }> {
    const basis = await this.versions.templateBasis(processKey, districtId);
    const theirs = await this.versions.xml(template.id);
    // Without a merge the draft is the new template alone; the designer is told so on the draft, not only in a log.
    const unmerged = (zh: string, en: string) => ({ xml: theirs, applied: { added: [], removed: [], changed: [] }, conflicts: [{ elementId: processKey, kind: 'not-merged' as const, zh, en }], basis });
    if (!basis) return unmerged('找不到本区现行版本所依据的模板版本，无法自动合并：草稿为新模板原样，本区的修改需重新做', 'The template version the district’s variant was made from is unknown, so nothing was merged: the draft is the new template as it is and the district’s changes must be made again');
    const [base, ours] = await Promise.all([this.versions.xml(basis.id), this.versions.xml(variant.id)]);
    try {
      return { ...(await mergeTemplateUpdate({ base, theirs, ours })), basis };
    } catch (error) {
      this.logger.warn(`${districtId} ${processKey}: the template update could not be merged into ${variant.id}, the draft copies ${template.id}: ${String(error)}`);
      return unmerged(`模板更新无法自动合并（${String(error)}）：草稿为新模板原样，本区的修改需重新做`, `The template update could not be merged (${String(error)}): the draft is the new template as it is and the district’s changes must be made again`);
    }
  }

  /** The deployment guard, plus the one rule of drafts: the model keeps its key (the id processes name it by). */
  private async check(kind: DraftModelKind, key: string, content: string): Promise<ModelProblem[]> {
    if (kind === 'form') return formDraftProblems(key, content);
    if (kind === 'dmn') return [...(await this.guard.check({ name: `${key}.dmn`, content: Buffer.from(content) })), ...(await decisionKeyProblems(key, content))];
    const problems = await this.guard.check({ name: `${key}.bpmn`, content: Buffer.from(content) });
    const keys = await executableKeys(content);
    if (keys && !keys.includes(key)) {
      problems.push({
        elementId: keys[0] ?? null,
        rule: 'unparsed-content',
        message: { zh: `草稿必须保留流程标识 ${key}（现为 ${keys.join('、') || '无'}）`, en: `The draft must keep the process key ${key} (found ${keys.join(', ') || 'none'})` },
      });
    }
    return problems;
  }
}

function requireModelRole(user: CurrentUser): void {
  if (!user.roles.some((role) => modelEditorRoles.includes(role))) throw new AppError('FORBIDDEN');
}

function requireRole(user: CurrentUser, role: Role): void {
  if (!user.roles.includes(role)) throw new AppError('FORBIDDEN');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const subject = (user: CurrentUser, draft: ModelDraft) => ({ districtId: user.district, actor: user.username, subjectType: 'model-draft', subjectId: draft.id });

const applied = (merge: TemplateMerge): number => merge.applied.added.length + merge.applied.removed.length + merge.applied.changed.length;

const mergeComment = (version: number, merge: TemplateMerge): string => `合并模板第 ${version} 版：${applied(merge)} 处更新，${merge.conflicts.length} 处冲突`;

/** Conflicts are kept with the first revision's problems, so they stay with the draft without a column of their own. */
const conflictProblem = (conflict: MergeConflict): ModelProblem & { kind: MergeConflict['kind'] } => ({
  elementId: conflict.elementId,
  rule: 'template-merge-conflict',
  message: { zh: conflict.zh, en: conflict.en },
  kind: conflict.kind,
});

const conflictsOf = (problems: ModelProblem[]): MergeConflict[] =>
  problems
    .filter((p) => p.rule === 'template-merge-conflict')
    .map((p) => ({ elementId: p.elementId ?? '', kind: (p as ModelProblem & { kind?: MergeConflict['kind'] }).kind ?? 'both-changed', zh: p.message.zh, en: p.message.en }));

const problemDetail = (p: ModelProblem): FieldProblem => ({ field: p.elementId ?? 'model', zh: p.message.zh, en: p.message.en });

function summary(draft: ModelDraft): DraftSummary {
  return {
    id: draft.id,
    kind: draft.kind,
    processKey: draft.processKey,
    status: draft.status,
    sourceKind: draft.sourceKind,
    fromTemplateUpdate: draft.fromTemplateUpdate,
    latestRevision: draft.latestRevision,
    createdBy: draft.createdBy,
    createdAt: draft.createdAt.toISOString(),
    updatedAt: draft.updatedAt.toISOString(),
    reviewComment: draft.reviewComment,
    reviewedBy: draft.reviewedBy,
    deploymentId: draft.deploymentId,
  };
}

/** Untrusted XML reaches a parser only after the guard's raw checks (size, DOCTYPE, nesting) pass. */
const readable = (xml: string): boolean => {
  const raw = checkRawDocument('draft.bpmn', xml);
  return raw.ok && raw.kind === 'bpmn';
};

/** Ids of the executable processes, or null when the document cannot be read (the guard reports that itself). */
async function executableKeys(xml: string): Promise<string[] | null> {
  if (!readable(xml)) return null;
  try {
    const { rootElement } = await bpmnParser().fromXML(xml);
    if (rootElement.$type !== 'bpmn:Definitions') return null;
    return ((rootElement.get('rootElements') as ModdleElement[] | undefined) ?? [])
      .filter((e) => e.$type === 'bpmn:Process' && e.get('isExecutable') === true)
      .map((e) => String(e.id));
  } catch {
    return null;
  }
}

/** A draft that cannot be parsed has no element diff; its problems say why. */
export async function diffOrEmpty(baseXml: string, xml: string) {
  if (!readable(xml)) return { added: [], removed: [], changed: [] };
  try {
    return await diffModels(baseXml, xml);
  } catch {
    return { added: [], removed: [], changed: [] };
  }
}

/** A draft that cannot be read has no rule diff; its problems say why. */
async function decisionDiffOrEmpty(baseXml: string, xml: string) {
  const raw = checkRawDocument('draft.dmn', xml);
  if (!raw.ok || raw.kind !== 'dmn') return { added: [], removed: [], changed: [] };
  try {
    return await diffDecisions(baseXml, xml);
  } catch {
    return { added: [], removed: [], changed: [] };
  }
}

function formDiffOrEmpty(baseJson: string, json: string) {
  try {
    return diffForms(baseJson, json);
  } catch {
    return { added: [], removed: [], changed: [] };
  }
}
