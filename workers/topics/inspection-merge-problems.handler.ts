import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Inspection, InspectionProblem, InspectionScenario } from '../../src/inspections/inspection.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';
import { lockedRecord } from '../locked-record';

const DAY_MS = 24 * 60 * 60_000;

/** The merged list as the party reads it: 1. problem（department、department）. */
export function describeProblems(problems: Array<{ description: string; departments: string[] }>): string {
  return problems.map((p, i) => `${i + 1}. ${p.description}（${p.departments.join('、')}）`).join('\n');
}

/**
 * 合并问题清单: the departments' findings become one problem list (the same problem found by two departments is
 * listed once), and a rectification deadline is set when there is anything to fix (集成改一次).
 */
@Injectable()
export class InspectionMergeProblemsHandler implements TopicHandler {
  readonly topic = 'inspection.merge-problems' as const;

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const inspection = await lockedRecord(manager, Inspection, variables.inspectionId, districtId, 'inspection');
    const reported = await manager.find(InspectionProblem, { where: { inspectionId: inspection.id, status: In(['reported', 'open', 'duplicate']) }, order: { reportedAt: 'ASC', department: 'ASC' } });

    const merged = new Map<string, { keep: InspectionProblem; departments: string[] }>();
    for (const problem of reported) {
      const key = problem.description.replace(/\s+/g, '');
      const entry = merged.get(key);
      if (!entry) merged.set(key, { keep: problem, departments: [problem.department] });
      else {
        if (!entry.departments.includes(problem.department)) entry.departments.push(problem.department);
        if (problem.status !== 'duplicate') await manager.update(InspectionProblem, { id: problem.id }, { status: 'duplicate', duplicateOf: entry.keep.id });
      }
    }
    for (const { keep } of merged.values()) if (keep.status !== 'open') await manager.update(InspectionProblem, { id: keep.id }, { status: 'open' });

    const list = [...merged.values()].map(({ keep, departments }) => ({ description: keep.description, departments }));
    const problemList = describeProblems(list);
    if (!list.length) {
      await audit({ action: 'inspection.merge', subjectType: 'inspection', subjectId: inspection.businessKey, before: null, after: { problems: 0 } });
      return { problemCount: 0, problemList: '未发现问题', rectificationRound: 0 };
    }
    const scenario = await manager.findOneBy(InspectionScenario, { code: inspection.scenarioCode });
    const days = Number(variables.rectifyDays ?? scenario?.rectifyDays ?? 7);
    const rectifyDueAt = new Date(Date.now() + days * DAY_MS);
    await manager.update(Inspection, { id: inspection.id }, { status: 'rectifying', rectificationRound: 1, rectifyDueAt });
    await audit({
      action: 'inspection.merge',
      subjectType: 'inspection',
      subjectId: inspection.businessKey,
      before: { status: inspection.status },
      after: { status: 'rectifying', problems: list, rectifyDueAt, reported: reported.length },
    });
    return { problemCount: list.length, problemList, rectifyDueAt, rectificationRound: 1 };
  }
}
