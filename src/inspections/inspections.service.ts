import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { AppError, notFound } from '../errors/app-error';
import { FlowStarter } from '../flows/flow-starter';
import { CreateInspection } from './inspection.dto';
import { Inspection, InspectionChecklistItem, InspectionProblem, InspectionScenario } from './inspection.entity';

export const INSPECTION_PROCESS_KEY = 'joint-inspection';

@Injectable()
export class InspectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly flows: FlowStarter,
  ) {}

  scenarios() {
    return this.dataSource.getRepository(InspectionScenario).find({ order: { code: 'ASC' } });
  }

  /** Officers, the command center and squad leaders plan joint inspections; the scenario must exist. */
  async create(user: CurrentUser, input: CreateInspection): Promise<Inspection> {
    if (!user.roles.some((role) => role === 'officer' || role === 'command-center' || role === 'squad-leader')) throw new AppError('FORBIDDEN');
    const scenario = await this.dataSource.getRepository(InspectionScenario).findOneBy({ code: input.scenario });
    if (!scenario) {
      const known = await this.scenarios();
      throw new AppError('VALIDATION_FAILED', [
        {
          field: 'scenario',
          zh: `检查场景“${input.scenario}”不存在（可用：${known.map((s) => `${s.code}＝${s.name}`).join('；')}）`,
          en: `unknown scenario ${input.scenario} (known: ${known.map((s) => s.code).join(', ')})`,
        },
      ]);
    }
    return this.flows.start(user, {
      processKey: INSPECTION_PROCESS_KEY,
      entity: Inspection,
      subjectType: 'inspection',
      input,
      fields: {
        caseNumber: null,
        scenarioCode: scenario.code,
        title: (input.title ?? `综合查一次：${scenario.name}·${input.partyName}`).slice(0, 200),
        partyName: input.partyName,
        address: input.address,
        intakeId: null,
        departments: scenario.departments,
        status: 'planned',
        outcome: null,
        rectificationRound: 0,
        rectifyDueAt: null,
        closedAt: null,
      },
      variables: (inspection) => ({ inspectionId: inspection.id, scenario: scenario.code }),
    });
  }

  async list(user: CurrentUser, limit = 50) {
    const rows = await this.dataSource.getRepository(Inspection).find({ where: { districtId: user.district }, order: { createdAt: 'DESC' }, take: limit });
    return rows.map(summary);
  }

  async get(user: CurrentUser, id: string) {
    if (!/^[\w-]{1,64}$/.test(id)) throw notFound();
    const row = await this.dataSource.getRepository(Inspection).findOneBy({ businessKey: id, districtId: user.district });
    if (!row) throw notFound();
    const [checklist, problems, trail] = await Promise.all([
      this.dataSource.getRepository(InspectionChecklistItem).find({ where: { scenarioCode: row.scenarioCode }, order: { sortOrder: 'ASC' } }),
      this.dataSource.getRepository(InspectionProblem).find({ where: { inspectionId: row.id }, order: { reportedAt: 'ASC' } }),
      this.audit.trail(user.district, row.businessKey),
    ]);
    return {
      ...summary(row),
      address: row.address,
      intakeId: row.intakeId,
      departments: row.departments,
      checklist: checklist.map((item) => ({ department: item.department, content: item.content })),
      problems: problems.filter((p) => p.status !== 'duplicate').map((p) => ({ department: p.department, description: p.description, status: p.status, fixedAt: p.fixedAt })),
      rectificationRound: row.rectificationRound,
      rectifyDueAt: row.rectifyDueAt,
      processInstanceId: row.processInstanceId,
      audit: trail.map((a) => ({ at: a.at, actor: a.actor, action: a.action, after: a.after })),
    };
  }
}

function summary(row: Inspection) {
  return {
    id: row.businessKey,
    caseNumber: row.caseNumber,
    title: row.title,
    scenario: row.scenarioCode,
    partyName: row.partyName,
    status: row.status,
    outcome: row.outcome,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
  };
}
