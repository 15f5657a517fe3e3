import { Injectable } from '@nestjs/common';
import { PenaltyCase } from '../../src/penalty-cases/penalty-case.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';
import { lockedRecord } from '../locked-record';

/** 记录不予处罚: the exemption list applies, so the case ends without a penalty; type and reason stay on record. */
@Injectable()
export class CaseRecordExemptionHandler implements TopicHandler {
  readonly topic = 'case.record-exemption' as const;

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const penaltyCase = await lockedRecord(manager, PenaltyCase, variables.penaltyCaseId, districtId, 'penalty case');
    if (penaltyCase.status === 'exempted') return { exemptedAt: penaltyCase.decidedAt ?? penaltyCase.updatedAt };

    const exemptedAt = new Date();
    const exemptionType = String(variables.exemptionType ?? '不予处罚');
    const exemptionReason = String(variables.exemptionReason ?? '');
    await manager.update(PenaltyCase, { id: penaltyCase.id }, { status: 'exempted', exempt: true, exemptionType, exemptionReason, finalFineYuan: 0, decidedAt: exemptedAt });
    await audit({
      action: 'penalty-case.exempt',
      subjectType: 'penalty-case',
      subjectId: penaltyCase.businessKey,
      before: { status: penaltyCase.status },
      after: { status: 'exempted', exemptionType, exemptionReason },
    });
    return { exemptedAt };
  }
}
