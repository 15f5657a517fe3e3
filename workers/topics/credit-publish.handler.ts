import { Injectable } from '@nestjs/common';
import { CreditRepairApplication } from '../../src/credit-repairs/credit-repair.entity';
import { BusinessError } from '../run-topic';
import type { HandlerContext, TopicHandler } from '../run-topic';

/** 信用信息公示更新: the repaired record is published as such, and the application is closed (办结). */
@Injectable()
export class CreditPublishHandler implements TopicHandler {
  readonly topic = 'credit.publish' as const;

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const application = await manager.findOne(CreditRepairApplication, {
      where: { id: String(variables.creditRepairId), districtId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!application) throw new Error(`credit repair ${String(variables.creditRepairId)} of ${districtId} does not exist`);
    if (application.publishedAt) return { publishedAt: application.publishedAt };
    if (application.status !== 'granted') throw new BusinessError('CREDIT_NOT_GRANTED', `信用修复申请${application.caseNumber ?? application.id}未准予修复，不能公示`);

    const publishedAt = new Date();
    await manager.update(CreditRepairApplication, { id: application.id }, { publishedAt, closedAt: publishedAt });
    await audit({
      action: 'credit-repair.publish',
      subjectType: 'credit-repair',
      subjectId: application.businessKey,
      before: { publishedAt: null },
      after: { publishedAt, creditRecordRef: application.creditRecordRef, applicant: application.applicantName },
    });
    return { publishedAt };
  }
}
