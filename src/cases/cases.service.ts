import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { notFound } from '../errors/app-error';
import { ActivityInstance, EngineClient } from '../engine-client/engine-client';
import { Intake } from '../intakes/intake.entity';

export interface CurrentStep {
  activityId: string;
  name: string | null;
  taskId: string | null;
}

@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: EngineClient,
    private readonly audit: AuditService,
  ) {}

  async recent(user: CurrentUser, limit = 50) {
    const rows = await this.dataSource.getRepository(Intake).find({ where: { districtId: user.district }, order: { createdAt: 'DESC' }, take: limit });
    return rows.map((row) => ({ businessKey: row.businessKey, caseNumber: row.caseNumber, title: row.title, status: row.status, createdAt: row.createdAt }));
  }

  async get(user: CurrentUser, businessKey: string) {
    const intake = await this.find(user, businessKey);
    const [history, currentSteps, trail] = await Promise.all([
      intake.processInstanceId ? this.engine.historicProcessInstance(intake.processInstanceId) : null,
      this.currentSteps(user, intake),
      this.audit.trail(user.district, intake.businessKey),
    ]);
    return {
      businessKey: intake.businessKey,
      caseNumber: intake.caseNumber,
      districtId: intake.districtId,
      title: intake.title,
      source: intake.source,
      category: intake.category,
      description: intake.description,
      address: intake.address,
      location: intake.latitude === null ? null : { lat: intake.latitude, lng: intake.longitude },
      status: intake.status,
      createdAt: intake.createdAt,
      registeredAt: intake.registeredAt,
      closedAt: intake.closedAt,
      processInstanceId: intake.processInstanceId,
      processDefinitionId: history?.processDefinitionId ?? null,
      processState: history?.state ?? null,
      currentSteps,
      audit: trail.map((row) => ({ at: row.at, actor: row.actor, action: row.action, before: row.before, after: row.after })),
    };
  }

  async diagram(user: CurrentUser, businessKey: string): Promise<string> {
    const intake = await this.find(user, businessKey);
    if (!intake.processInstanceId) throw notFound();
    const history = await this.engine.historicProcessInstance(intake.processInstanceId);
    return this.engine.definitionXml(history.processDefinitionId);
  }

  /** A case of another district answers exactly like one that does not exist. */
  private async find(user: CurrentUser, businessKey: string): Promise<Intake> {
    if (!/^[\w-]{1,64}$/.test(businessKey)) throw notFound();
    const intake = await this.dataSource.getRepository(Intake).findOneBy({ businessKey, districtId: user.district });
    if (!intake) throw notFound();
    return intake;
  }

  private async currentSteps(user: CurrentUser, intake: Intake): Promise<CurrentStep[]> {
    if (!intake.processInstanceId) return [];
    const [tree, tasks] = await Promise.all([
      this.engine.activityInstances(intake.processInstanceId),
      this.engine.queryTasks({ tenantIdIn: [user.district], processInstanceId: intake.processInstanceId }),
    ]);
    return leaves(tree).map((activity) => ({
      activityId: activity.activityId,
      name: activity.activityName,
      taskId: tasks.find((t) => t.taskDefinitionKey === activity.activityId)?.id ?? null,
    }));
  }
}

function leaves(node: ActivityInstance | null): ActivityInstance[] {
  if (!node) return [];
  if (!node.childActivityInstances.length) return node.activityType === 'processDefinition' ? [] : [node];
  return node.childActivityInstances.flatMap(leaves);
}
