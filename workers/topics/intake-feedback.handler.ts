import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { IntakeEscalation } from '../../src/dispatch/dispatch.entities';
import { Intake } from '../../src/intakes/intake.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';
import { lockedRecord } from '../locked-record';

/** 反馈: the handling result goes back to the source and the intake is closed (办结), with any escalation it had. */
@Injectable()
export class IntakeFeedbackHandler implements TopicHandler {
  readonly topic = 'intake.feedback' as const;

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const intake = await lockedRecord(manager, Intake, variables.intakeId, districtId, 'intake');
    if (intake.closedAt) return { closedAt: intake.closedAt };

    const closedAt = new Date();
    // A merged duplicate keeps its status, so it is never counted as a matter of its own; its reporter still hears back.
    const status = intake.status === 'merged' ? 'merged' : 'closed';
    await manager.update(Intake, { id: intake.id }, { status, closedAt });
    await manager.update(IntakeEscalation, { intakeId: intake.id, returnedAt: IsNull(), resolvedAt: IsNull() }, { resolvedAt: closedAt });
    await audit({
      action: 'intake.feedback',
      subjectId: intake.businessKey,
      before: { status: intake.status },
      after: {
        status,
        duplicateOf: intake.duplicateOf,
        reporter: intake.reporterName ?? intake.reporterPhone ?? intake.source,
        handlingResult: variables.handlingResult ?? null,
        resolved: variables.resolved ?? null,
      },
    });
    return { closedAt };
  }
}
