import { Injectable } from '@nestjs/common';
import { PenaltyCase } from '../../src/penalty-cases/penalty-case.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';
import { lockedRecord } from '../locked-record';

/** 结案归档: the case is closed and archived, with how the decision was executed (or that none was needed). */
@Injectable()
export class CaseCloseHandler implements TopicHandler {
  readonly topic = 'case.close' as const;

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const penaltyCase = await lockedRecord(manager, PenaltyCase, variables.penaltyCaseId, districtId, 'penalty case');
    if (penaltyCase.closedAt) return { closedAt: penaltyCase.closedAt };

    const closedAt = new Date();
    const executionOutcome = penaltyCase.exempt ? null : typeof variables.executionOutcome === 'string' ? variables.executionOutcome : null;
    await manager.update(PenaltyCase, { id: penaltyCase.id }, { status: 'closed', closedAt, archivedAt: closedAt, executionOutcome });
    await audit({
      action: 'penalty-case.close',
      subjectType: 'penalty-case',
      subjectId: penaltyCase.businessKey,
      before: { status: penaltyCase.status },
      after: { status: 'closed', archived: true, executionOutcome, exempt: penaltyCase.exempt ?? false },
    });
    return { closedAt };
  }
}
