import { Injectable } from '@nestjs/common';
import { Inspection, InspectionProblem } from '../../src/inspections/inspection.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';
import { describeProblems } from './inspection-merge-problems.handler';
import { lockedRecord } from '../locked-record';

const DAY_MS = 24 * 60 * 60_000;
const DEFAULT_MAX_ROUNDS = 2;
const DEFAULT_RECTIFY_DAYS = 7;
/** 责令改正逾期不改正 — the violation the hand-over to case review is about. */
export const UNRECTIFIED_VIOLATION = 'rectification-overdue';

/**
 * 登记复查结果: fixed closes every open problem; not fixed gives a further deadline while rounds remain, and
 * otherwise writes the facts the case review starts from (累改不改 → 立案).
 */
@Injectable()
export class InspectionRecordReinspectionHandler implements TopicHandler {
  readonly topic = 'inspection.record-reinspection' as const;

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const inspection = await lockedRecord(manager, Inspection, variables.inspectionId, districtId, 'inspection');
    const open = await manager.find(InspectionProblem, { where: { inspectionId: inspection.id, status: 'open' }, order: { reportedAt: 'ASC' } });
    const problemList = describeProblems(open.map((p) => ({ description: p.description, departments: [p.department] })));
    const note = typeof variables.reinspectionNote === 'string' ? variables.reinspectionNote.trim() : '';
    const round = inspection.rectificationRound;

    if (variables.fixed === true) {
      const fixedAt = new Date();
      for (const problem of open) await manager.update(InspectionProblem, { id: problem.id }, { status: 'fixed', fixedAt });
      await audit({ action: 'inspection.reinspect', subjectType: 'inspection', subjectId: inspection.businessKey, before: { round }, after: { fixed: true, note } });
      return { canRetry: false, rectificationRound: round, problemList, facts: '', violationCode: '' };
    }

    const maxRounds = Number(variables.maxRounds ?? DEFAULT_MAX_ROUNDS);
    const canRetry = round < maxRounds;
    if (canRetry) {
      const rectifyDueAt = new Date(Date.now() + Number(variables.rectifyDays ?? DEFAULT_RECTIFY_DAYS) * DAY_MS);
      await manager.update(Inspection, { id: inspection.id }, { rectificationRound: round + 1, rectifyDueAt });
      await audit({ action: 'inspection.reinspect', subjectType: 'inspection', subjectId: inspection.businessKey, before: { round }, after: { fixed: false, note, nextRound: round + 1, rectifyDueAt } });
      return { canRetry, rectificationRound: round + 1, rectifyDueAt, problemList, facts: '', violationCode: '' };
    }
    const facts = `${inspection.partyName}（${inspection.address}）经综合查一次发现问题，${round}次限期整改后复查仍未整改到位：\n${problemList}${note ? `\n复查情况：${note}` : ''}`;
    await audit({ action: 'inspection.reinspect', subjectType: 'inspection', subjectId: inspection.businessKey, before: { round }, after: { fixed: false, note, handOver: true } });
    return { canRetry, rectificationRound: round, problemList, facts, violationCode: UNRECTIFIED_VIOLATION };
  }
}
