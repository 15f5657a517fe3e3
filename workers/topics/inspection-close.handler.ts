import { Injectable } from '@nestjs/common';
import { Inspection, InspectionOutcome, inspectionOutcomes } from '../../src/inspections/inspection.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';
import { lockedRecord } from '../locked-record';

/** 检查办结: clean, rectified (整改闭环) or handed over to case review. */
@Injectable()
export class InspectionCloseHandler implements TopicHandler {
  readonly topic = 'inspection.close' as const;

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const outcome = String(variables.outcome) as InspectionOutcome;
    if (!inspectionOutcomes.includes(outcome)) throw new Error(`inspection.close: unknown outcome ${JSON.stringify(variables.outcome)}`);
    const inspection = await lockedRecord(manager, Inspection, variables.inspectionId, districtId, 'inspection');
    if (inspection.closedAt) return { closedAt: inspection.closedAt };
    const closedAt = new Date();
    const status = outcome === 'handed-over' ? 'handed-over' : 'closed';
    await manager.update(Inspection, { id: inspection.id }, { status, outcome, closedAt });
    await audit({ action: 'inspection.close', subjectType: 'inspection', subjectId: inspection.businessKey, before: { status: inspection.status }, after: { status, outcome } });
    return { closedAt };
  }
}
