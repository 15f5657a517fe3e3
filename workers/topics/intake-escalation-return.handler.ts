import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { IntakeEscalation } from '../../src/dispatch/dispatch.entities';
import { Intake } from '../../src/intakes/intake.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';
import { lockedRecord } from '../locked-record';

/** 部门退回: the department sent the matter back to the squad with its reasons; the squad handles it again. */
@Injectable()
export class IntakeEscalationReturnHandler implements TopicHandler {
  readonly topic = 'intake.escalation-return' as const;

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const intake = await lockedRecord(manager, Intake, variables.intakeId, districtId, 'intake');
    const open = await manager.findOneBy(IntakeEscalation, { intakeId: intake.id, returnedAt: IsNull(), resolvedAt: IsNull() });
    if (!open) {
      // Already returned by an earlier delivery of this task: answer with that return.
      const [last] = await manager.find(IntakeEscalation, { where: { intakeId: intake.id }, order: { escalatedAt: 'DESC' }, take: 1 });
      if (last?.returnedAt) return { returnedAt: last.returnedAt };
      throw new Error(`intake ${intake.id} has no open escalation to send back`);
    }
    const returnedAt = new Date();
    const returnReason = String(variables.returnReason).slice(0, 2000);
    await manager.update(IntakeEscalation, { id: open.id }, { returnedAt, returnReason });
    await manager.update(Intake, { id: intake.id }, { status: 'dispatched' });
    await audit({
      action: 'intake.escalation-return',
      subjectId: intake.businessKey,
      before: { status: intake.status, departmentId: open.departmentId },
      after: { status: 'dispatched', squadId: intake.squadId, returnReason },
    });
    return { returnedAt };
  }
}
