import { Injectable } from '@nestjs/common';
import { CreditRepairApplication, CreditRepairStatus } from '../../src/credit-repairs/credit-repair.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';

const decisions: CreditRepairStatus[] = ['granted', 'refused', 'withdrawn'];

/** 信用修复决定: granted, refused with reasons, or withdrawn; a refusal or withdrawal closes the application. */
@Injectable()
export class CreditDecideHandler implements TopicHandler {
  readonly topic = 'credit.decide' as const;

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const decision = String(variables.decision) as CreditRepairStatus;
    if (!decisions.includes(decision)) throw new Error(`credit.decide: unknown decision ${JSON.stringify(variables.decision)}; use ${decisions.join(', ')}`);
    const application = await manager.findOne(CreditRepairApplication, {
      where: { id: String(variables.creditRepairId), districtId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!application) throw new Error(`credit repair ${String(variables.creditRepairId)} of ${districtId} does not exist`);
    const reason = typeof variables.decisionReason === 'string' && variables.decisionReason.trim() ? variables.decisionReason.trim() : null;
    if (decision !== 'granted' && !reason) throw new Error(`credit.decide: a ${decision} application needs its reason (decisionReason)`);

    const decidedAt = new Date();
    await manager.update(
      CreditRepairApplication,
      { id: application.id },
      { status: decision, decisionReason: reason, decidedAt, closedAt: decision === 'granted' ? null : decidedAt },
    );
    await audit({
      action: `credit-repair.${decision}`,
      subjectType: 'credit-repair',
      subjectId: application.businessKey,
      before: { status: application.status },
      after: { status: decision, reason },
    });
    return { decidedAt };
  }
}
