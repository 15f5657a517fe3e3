import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DistrictsService } from '../../src/districts/districts.service';
import { Inspection, InspectionScenario } from '../../src/inspections/inspection.entity';
import { allocateCaseNumber } from '../../src/intakes/case-numbers';
import { Intake } from '../../src/intakes/intake.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';

/**
 * 开启综合查一次: takes the planned inspection (inspectionId, filed through the API) or opens one for an intake
 * (intakeId + scenario, when intake-dispatch calls this flow), numbers it and hands the flow its departments.
 */
@Injectable()
export class InspectionOpenHandler implements TopicHandler {
  readonly topic = 'inspection.open' as const;

  constructor(private readonly districts: DistrictsService) {}

  async handle({ variables, districtId, task, manager, audit }: HandlerContext) {
    const inspection = variables.inspectionId
      ? await manager.findOne(Inspection, { where: { id: String(variables.inspectionId), districtId }, lock: { mode: 'pessimistic_write' } })
      : await this.fromIntake(variables, districtId, task.processInstanceId, manager);
    if (!inspection) throw new Error(`inspection ${String(variables.inspectionId)} of ${districtId} does not exist`);
    const scenario = await manager.findOneBy(InspectionScenario, { code: inspection.scenarioCode });
    if (!scenario) throw new Error(`inspection scenario ${inspection.scenarioCode} is not configured`);

    let caseNumber = inspection.caseNumber;
    if (!caseNumber) {
      const district = await this.districts.find(districtId);
      if (!district) throw new Error(`district ${districtId} is not configured`);
      caseNumber = await allocateCaseNumber(manager, districtId, `${district.casePrefix}-JC`, new Date().getFullYear(), 'inspection');
      await manager.update(Inspection, { id: inspection.id }, { caseNumber, status: 'inspecting', processInstanceId: task.processInstanceId });
      await audit({
        action: 'inspection.open',
        subjectType: 'inspection',
        subjectId: inspection.businessKey,
        before: { status: inspection.status },
        after: { status: 'inspecting', caseNumber, scenario: scenario.name, departments: inspection.departments, intakeId: inspection.intakeId },
      });
    }
    return {
      inspectionId: inspection.id,
      caseNumber,
      departmentCount: inspection.departments.length,
      departments: inspection.departments.join('、'),
      scenarioName: scenario.name,
      partyName: inspection.partyName,
    };
  }

  /** The inspection of an intake, created the first time the flow reaches this step for it. */
  private async fromIntake(variables: Record<string, unknown>, districtId: string, processInstanceId: string, manager: HandlerContext['manager']): Promise<Inspection | null> {
    if (!variables.intakeId) throw new Error('inspection.open needs inspectionId, or intakeId and scenario');
    const existing = await manager.findOne(Inspection, { where: { intakeId: String(variables.intakeId), districtId }, lock: { mode: 'pessimistic_write' } });
    if (existing) return existing;
    const intake = await manager.findOneBy(Intake, { id: String(variables.intakeId), districtId });
    if (!intake) throw new Error(`intake ${String(variables.intakeId)} of ${districtId} does not exist`);
    const scenario = await manager.findOneBy(InspectionScenario, { code: String(variables.scenario ?? '') });
    if (!scenario) throw new Error(`inspection.open: unknown scenario ${JSON.stringify(variables.scenario)} for intake ${intake.id}`);
    const id = randomUUID();
    const created = manager.create(Inspection, {
      id,
      businessKey: id,
      districtId,
      caseNumber: null,
      scenarioCode: scenario.code,
      title: `综合查一次：${intake.title}`.slice(0, 200),
      partyName: intake.address.slice(0, 200),
      address: intake.address,
      intakeId: intake.id,
      departments: scenario.departments,
      status: 'planned',
      outcome: null,
      rectificationRound: 0,
      rectifyDueAt: null,
      processInstanceId,
      createdBy: 'worker:inspection.open',
      closedAt: null,
    });
    await manager.insert(Inspection, created);
    return created;
  }
}
