import { Injectable } from '@nestjs/common';
import { Intake } from '../../src/intakes/intake.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';
import { lockedRecord } from '../locked-record';

/** 超期督办: the deadline passed while the intake was open (or, in strict districts, a 1315 clock was missed); the command centre supervises it. */
@Injectable()
export class IntakeSuperviseHandler implements TopicHandler {
  readonly topic = 'intake.supervise' as const;

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const intake = await lockedRecord(manager, Intake, variables.intakeId, districtId, 'intake');
    // A missed 1315 clock raises the matter to 督办 too, but it is not overdue: its deadline has not passed.
    const overdue = (variables.reason ?? 'overdue') !== 'rapid-response';
    if (overdue ? intake.overdueAt : intake.handlingMode === 'supervise') {
      return { handlingMode: 'supervise', ...(intake.overdueAt ? { overdueAt: intake.overdueAt } : {}) };
    }

    const overdueAt = overdue ? new Date() : intake.overdueAt;
    await manager.update(Intake, { id: intake.id }, { overdueAt, handlingMode: 'supervise' });
    await audit({
      action: 'intake.supervise',
      subjectId: intake.businessKey,
      before: { handlingMode: intake.handlingMode, dueAt: intake.dueAt },
      after: { handlingMode: 'supervise', overdueAt, reason: overdue ? 'overdue' : 'rapid-response' },
    });
    return { handlingMode: 'supervise', ...(overdueAt ? { overdueAt } : {}) };
  }
}
