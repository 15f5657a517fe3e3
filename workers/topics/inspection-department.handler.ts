import { Injectable } from '@nestjs/common';
import { Inspection, InspectionChecklistItem } from '../../src/inspections/inspection.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';

/** 分派参检部门: one instance of the parallel department check learns which department it is and what to check. */
@Injectable()
export class InspectionDepartmentHandler implements TopicHandler {
  readonly topic = 'inspection.department' as const;

  async handle({ variables, districtId, manager }: HandlerContext) {
    const inspection = await manager.findOneBy(Inspection, { id: String(variables.inspectionId), districtId });
    if (!inspection) throw new Error(`inspection ${String(variables.inspectionId)} of ${districtId} does not exist`);
    const index = Number(variables.loopCounter);
    const department = inspection.departments[index];
    if (department === undefined) throw new Error(`inspection ${inspection.id} has no department number ${index}`);
    const items = await manager.find(InspectionChecklistItem, { where: { scenarioCode: inspection.scenarioCode, department }, order: { sortOrder: 'ASC' } });
    return { department, checklist: items.map((item) => item.content).join('；') || '按场景检查单检查' };
  }
}
