import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Inspection, InspectionProblem } from '../../src/inspections/inspection.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';

/** 登记部门检查结果: one reported problem per line of a department's findings. */
@Injectable()
export class InspectionRecordFindingsHandler implements TopicHandler {
  readonly topic = 'inspection.record-findings' as const;

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const inspection = await manager.findOneBy(Inspection, { id: String(variables.inspectionId), districtId });
    if (!inspection) throw new Error(`inspection ${String(variables.inspectionId)} of ${districtId} does not exist`);
    const department = String(variables.department);
    const lines =
      variables.problemsFound === true && typeof variables.findings === 'string'
        ? variables.findings
            .split(/[\n；;]+/)
            .map((line) => line.trim())
            .filter(Boolean)
        : [];
    const now = new Date();
    for (const description of lines) {
      await manager.insert(InspectionProblem, {
        id: randomUUID(),
        inspectionId: inspection.id,
        districtId,
        round: 0,
        department,
        description: description.slice(0, 1000),
        status: 'reported',
        duplicateOf: null,
        reportedAt: now,
        fixedAt: null,
      });
    }
    await audit({ action: 'inspection.findings', subjectType: 'inspection', subjectId: inspection.businessKey, before: null, after: { department, problems: lines } });
    return { reportedCount: lines.length };
  }
}
