import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { ActivityInstance, EngineClient, EngineError, Incident } from '../engine-client/engine-client';
import { AppError, notFound } from '../errors/app-error';
import { Intake } from '../intakes/intake.entity';
import type { IncidentView } from './incident-view';

/** A manual retry is one more attempt; if it fails again the worker raises a fresh incident right away. */
export const RETRIES_ON_MANUAL_RETRY = 1;

/** 运维监控: district IT sees and retries the failed steps of its own district, never another's. */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: EngineClient,
    private readonly audit: AuditService,
  ) {}

  async list(user: CurrentUser): Promise<IncidentView[]> {
    requireDistrictIt(user);
    return this.views(user, await this.engine.incidentsOfDistrict(user.district));
  }

  async get(user: CurrentUser, id: string): Promise<IncidentView> {
    requireDistrictIt(user);
    const [view] = await this.views(user, [await this.find(user, id)]);
    return view;
  }

  /** Gives the failed external task (or job) its retries back; the audit row and the engine call stand or fall together. */
  async retry(user: CurrentUser, id: string): Promise<{ id: string; retried: true }> {
    requireDistrictIt(user);
    const incident = await this.find(user, id);
    const setRetries = this.retryCall(incident);
    const intake = (await this.intakesOf(user, [incident])).get(incident.processInstanceId);
    await this.dataSource.transaction(async (manager) => {
      await this.audit.append(manager, {
        districtId: user.district,
        actor: user.username,
        action: 'incident.retry',
        subjectType: intake ? 'intake' : 'process-instance',
        subjectId: subjectOf(incident, intake),
        before: { incidentId: incident.id, type: incident.incidentType, processInstanceId: incident.processInstanceId, step: incident.activityId, message: incident.incidentMessage },
        after: { retries: RETRIES_ON_MANUAL_RETRY },
      });
      await setRetries().catch(goneAsNotFound);
    });
    return { id: incident.id, retried: true };
  }

  /** An incident of another district answers exactly like one that does not exist: the engine filters by tenant. */
  private async find(user: CurrentUser, id: string): Promise<Incident> {
    if (!/^[\w-]{1,64}$/.test(id)) throw notFound();
    const incident = await this.engine.incidentOfDistrict(id, user.district);
    if (!incident || incident.tenantId !== user.district) throw notFound();
    return incident;
  }

  /** The engine call that gives the incident's task or job its retries back; refused before anything is written. */
  private retryCall(incident: Incident): () => Promise<void> {
    const target = incident.configuration;
    if (target && incident.incidentType === 'failedExternalTask') return () => this.engine.setExternalTaskRetries(target, RETRIES_ON_MANUAL_RETRY);
    if (target && incident.incidentType === 'failedJob') return () => this.engine.setJobRetries(target, RETRIES_ON_MANUAL_RETRY);
    throw new AppError('VALIDATION_FAILED', [{ field: 'id', zh: '此类故障不能通过重试解决', en: 'this kind of incident cannot be retried' }]);
  }

  private async views(user: CurrentUser, incidents: Incident[]): Promise<IncidentView[]> {
    if (!incidents.length) return [];
    const intakes = await this.intakesOf(user, incidents);
    const [stepNames, retries] = await Promise.all([this.stepNames(incidents), this.retriesOf(user, incidents, intakes)]);
    return incidents.map((incident) => {
      const intake = intakes.get(incident.processInstanceId);
      return {
        id: incident.id,
        type: incident.incidentType,
        message: incident.incidentMessage,
        step: { activityId: incident.activityId, name: stepNames.get(`${incident.processInstanceId}/${incident.activityId}`) ?? null },
        case: intake ? { businessKey: intake.businessKey, caseNumber: intake.caseNumber, title: intake.title } : null,
        createdAt: incident.incidentTimestamp,
        retries: [intake?.businessKey, incident.processInstanceId]
          .flatMap((subject) => retries.get(`${subject}/${incident.activityId}`) ?? [])
          .sort((a, b) => b.at.getTime() - a.at.getTime())
          .map(({ at, actor }) => ({ at: at.toISOString(), actor })),
      };
    });
  }

  /** Step names from each instance's activity tree, one engine call per process instance. */
  private async stepNames(incidents: Incident[]): Promise<Map<string, string | null>> {
    const names = new Map<string, string | null>();
    const instanceIds = [...new Set(incidents.map((i) => i.processInstanceId))];
    const trees = await Promise.all(instanceIds.map((id) => this.engine.activityInstances(id)));
    instanceIds.forEach((instanceId, index) => {
      for (const step of steps(trees[index])) names.set(`${instanceId}/${step.activityId}`, step.activityName);
    });
    return names;
  }

  /** The history of manual retries of a step, from the audit trail: each failed retry leaves a new incident on the same step. */
  private async retriesOf(user: CurrentUser, incidents: Incident[], intakes: Map<string, Intake>): Promise<Map<string, Array<{ at: Date; actor: string }>>> {
    // A retry made before the intake row existed was recorded against the process instance.
    const subjects = [...new Set(incidents.flatMap((i) => [i.processInstanceId, intakes.get(i.processInstanceId)?.businessKey ?? i.processInstanceId]))];
    const rows = await this.dataSource
      .getRepository(AuditEntry)
      .find({ where: { districtId: user.district, action: 'incident.retry', subjectId: In(subjects) }, order: { id: 'DESC' } });
    const bySubjectStep = new Map<string, Array<{ at: Date; actor: string }>>();
    for (const row of rows) {
      const key = `${row.subjectId}/${String(row.before?.step)}`;
      bySubjectStep.set(key, [...(bySubjectStep.get(key) ?? []), { at: row.at, actor: row.actor }]);
    }
    return bySubjectStep;
  }

  private async intakesOf(user: CurrentUser, incidents: Incident[]): Promise<Map<string, Intake>> {
    const ids = [...new Set(incidents.map((i) => i.processInstanceId))];
    const rows = await this.dataSource.getRepository(Intake).findBy({ districtId: user.district, processInstanceId: In(ids) });
    return new Map(rows.map((row) => [row.processInstanceId as string, row]));
  }
}

function requireDistrictIt(user: CurrentUser): void {
  if (!user.roles.includes('district-it')) throw new AppError('FORBIDDEN');
}

const subjectOf = (incident: Incident, intake: Intake | undefined) => intake?.businessKey ?? incident.processInstanceId;

function steps(node: ActivityInstance | null): Array<{ activityId: string; activityName: string | null }> {
  if (!node) return [];
  return [node, ...(node.childTransitionInstances ?? []), ...node.childActivityInstances.flatMap(steps)];
}

/** The task or job vanished between lookup and retry (the case was cancelled or the incident resolved). */
function goneAsNotFound(error: unknown): never {
  if (error instanceof EngineError && error.status === 404) throw notFound();
  throw error;
}
