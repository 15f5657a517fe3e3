import { Injectable } from '@nestjs/common';
import { PenaltyCase } from '../../src/penalty-cases/penalty-case.entity';
import { PenaltyReview, reviewLevels, type ReviewLevel } from '../../src/penalty-cases/penalty-review.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';
import { lockedRecord } from '../locked-record';

/**
 * 记录审核意见: one row per level and round. The round is one more than the rejections so far, so after a
 * rejection the officer's revised proposal is reviewed as the next round and every earlier round is kept.
 */
@Injectable()
export class CaseRecordReviewHandler implements TopicHandler {
  readonly topic = 'case.record-review' as const;

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const penaltyCase = await lockedRecord(manager, PenaltyCase, variables.penaltyCaseId, districtId, 'penalty case');
    const level = String(variables.reviewLevel) as ReviewLevel;
    if (!reviewLevels.includes(level)) throw new Error(`unknown review level ${level}`);
    const decision = variables.reviewDecision === 'reject' ? 'reject' : 'approve';
    const comment = typeof variables.reviewComment === 'string' && variables.reviewComment.trim() ? variables.reviewComment.trim() : null;

    const rejections = await manager.countBy(PenaltyReview, { penaltyCaseId: penaltyCase.id, decision: 'reject' });
    const round = rejections + 1;
    await manager.save(manager.create(PenaltyReview, { penaltyCaseId: penaltyCase.id, districtId, round, level, decision, comment, reviewedAt: new Date() }));
    const changes: Partial<PenaltyCase> = { procedure: 'general' };
    if (level === 'collective') changes.major = true;
    if (typeof variables.proposedFineYuan === 'number') changes.proposedFineYuan = variables.proposedFineYuan;
    await manager.update(PenaltyCase, { id: penaltyCase.id }, changes);
    await audit({
      action: decision === 'reject' ? 'penalty-case.review-reject' : 'penalty-case.review-approve',
      subjectType: 'penalty-case',
      subjectId: penaltyCase.businessKey,
      before: { round, level, proposedFineYuan: variables.proposedFineYuan ?? null },
      after: { decision, comment },
    });
    return { reviewRound: round };
  }
}
