import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { AppError, notFound } from '../errors/app-error';
import { EngineClient, EngineError, EngineTask } from '../engine-client/engine-client';
import { fromEngineVariables, toEngineVariables } from '../engine-client/engine-variables';
import { Intake } from '../intakes/intake.entity';
import { formFields, validateSubmission } from './form-fields';
import type { TaskView } from './task-view';

/** The task list facade: people never reach the engine, and only ever see their district's work for their roles. */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: EngineClient,
    private readonly audit: AuditService,
  ) {}

  async list(user: CurrentUser): Promise<TaskView[]> {
    const tasks = await this.engine.queryTasks({ ...workableBy(user), sorting: [{ sortBy: 'created', sortOrder: 'desc' }] });
    const intakes = await this.intakesOf(user, tasks);
    const others = await this.labelsFromVariables(user, tasks.filter((task) => !intakes.has(task.processInstanceId)));
    return tasks.map((task) => toView(task, intakes.get(task.processInstanceId) ?? others.get(task.processInstanceId)));
  }

  async detail(user: CurrentUser, taskId: string) {
    const task = await this.workableTask(user, taskId);
    const intake = (await this.intakesOf(user, [task])).get(task.processInstanceId);
    const form = await this.engine.deployedForm(task.id);
    const values = fromEngineVariables(await this.engine.taskVariables(task.id));
    const variables = Object.fromEntries(
      (form ? formFields(form) : []).filter((f) => f.key && values[f.key] !== undefined).map((f) => [f.key as string, values[f.key as string]]),
    );
    return {
      ...toView(task, intake ?? labelOf(values)),
      form,
      variables,
      case: intake
        ? {
            businessKey: intake.businessKey,
            caseNumber: intake.caseNumber,
            title: intake.title,
            source: intake.source,
            category: intake.category,
            address: intake.address,
            description: intake.description,
          }
        : null,
    };
  }

  async claim(user: CurrentUser, taskId: string): Promise<{ id: string; assignee: string }> {
    const task = await this.workableTask(user, taskId);
    if (task.assignee === user.username) return { id: task.id, assignee: user.username };
    await this.dataSource.transaction(async (manager) => {
      await this.audit.append(manager, {
        districtId: user.district,
        actor: user.username,
        action: 'task.claim',
        subjectType: 'intake',
        subjectId: await this.subjectOf(user, task),
        before: { taskId: task.id, task: task.name, assignee: task.assignee },
        after: { assignee: user.username },
      });
      await this.engine.claim(task.id, user.username).catch(claimConflict);
    });
    return { id: task.id, assignee: user.username };
  }

  /** Validates the submission against the task's form, then completes it; the audit row and the engine call stand or fall together. */
  async complete(user: CurrentUser, taskId: string, submission: Record<string, unknown>): Promise<{ id: string }> {
    const task = await this.workableTask(user, taskId);
    const form = await this.engine.deployedForm(task.id);
    const problems = form ? validateSubmission(form, submission) : Object.keys(submission).map((field) => ({ field, zh: '此任务没有表单字段', en: 'this task takes no fields' }));
    if (problems.length) throw new AppError('VALIDATION_FAILED', problems);

    await this.dataSource.transaction(async (manager) => {
      await this.audit.append(manager, {
        districtId: user.district,
        actor: user.username,
        action: 'task.complete',
        subjectType: 'intake',
        subjectId: await this.subjectOf(user, task),
        before: { taskId: task.id, task: task.name, step: task.taskDefinitionKey, assignee: task.assignee },
        after: submission,
      });
      if (task.assignee !== user.username) await this.engine.claim(task.id, user.username).catch(claimConflict);
      await this.engine.complete(task.id, toEngineVariables(submission));
    });
    return { id: task.id };
  }

  /** A task of another district, or one the caller may not work, is answered as not found. */
  private async workableTask(user: CurrentUser, taskId: string): Promise<EngineTask> {
    if (!/^[\w-]{1,64}$/.test(taskId)) throw notFound();
    const [task] = await this.engine.queryTasks({ ...workableBy(user), taskId });
    if (!task) throw notFound();
    return task;
  }

  private async subjectOf(user: CurrentUser, task: EngineTask): Promise<string> {
    return (await this.intakesOf(user, [task])).get(task.processInstanceId)?.businessKey ?? task.processInstanceId;
  }

  /**
   * Flows without an intake row (case review, credit repair, joint inspection) carry `title` and `caseNumber` as
   * process variables: one engine query for the whole page of tasks.
   */
  private async labelsFromVariables(user: CurrentUser, tasks: EngineTask[]): Promise<Map<string, CaseLabel>> {
    const ids = [...new Set(tasks.map((t) => t.processInstanceId))];
    if (!ids.length) return new Map();
    const found = await this.engine.processVariables(ids, ['title', 'caseNumber'], user.district);
    const labels = new Map<string, Record<string, unknown>>();
    // A process-level variable wins over a local one of the same name in a sub-scope.
    const ordered = found.filter((v) => v.state !== 'DELETED').sort((a, b) => Number(a.executionId === a.processInstanceId) - Number(b.executionId === b.processInstanceId));
    for (const variable of ordered) labels.set(variable.processInstanceId, { ...labels.get(variable.processInstanceId), [variable.name]: variable.value });
    return new Map([...labels].map(([id, values]) => [id, labelOf(values)]));
  }

  private async intakesOf(user: CurrentUser, tasks: EngineTask[]): Promise<Map<string, Intake>> {
    const ids = [...new Set(tasks.map((t) => t.processInstanceId))];
    if (!ids.length) return new Map();
    const rows = await this.dataSource.getRepository(Intake).findBy({ districtId: user.district, processInstanceId: In(ids) });
    return new Map(rows.map((row) => [row.processInstanceId as string, row]));
  }
}

/** Assigned to the caller, or still unassigned and offered to one of the caller's roles, in the caller's district. */
function workableBy(user: CurrentUser) {
  const either: { assignee: string; candidateGroups?: string[] } = { assignee: user.username };
  if (user.roles.length) either.candidateGroups = [...user.roles];
  return { tenantIdIn: [user.district], orQueries: [either] };
}

/** What a task row shows of its case: from the intake row, or from the process variables of the other flows. */
interface CaseLabel {
  businessKey: string | null;
  caseNumber: string | null;
  title: string | null;
}

function labelOf(values: Record<string, unknown>): CaseLabel {
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  return { businessKey: null, caseNumber: text(values.caseNumber), title: text(values.title) };
}

function toView(task: EngineTask, label: CaseLabel | undefined): TaskView {
  return {
    id: task.id,
    name: task.name,
    taskDefinitionKey: task.taskDefinitionKey,
    processDefinitionKey: task.processDefinitionId.split(':')[0],
    businessKey: label?.businessKey ?? null,
    caseNumber: label?.caseNumber ?? null,
    title: label?.title ?? null,
    created: task.created,
    due: task.due,
    assignee: task.assignee,
  };
}

function claimConflict(error: unknown): never {
  if (error instanceof EngineError && /already claimed/i.test(error.message)) throw new AppError('TASK_NOT_CLAIMABLE');
  throw error;
}
