import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DistrictsService } from '../../src/districts/districts.service';
import { penaltyCaseTitle } from '../../src/penalty-cases/penalty-case.dto';
import { PenaltyCase, penaltySourceTypes, type PenaltySourceType } from '../../src/penalty-cases/penalty-case.entity';
import { allocateCaseNumber } from '../../src/intakes/case-numbers';
import type { HandlerContext, TopicHandler } from '../run-topic';

/**
 * 立案登记: numbers the case the API created, or — when another flow calls case-review — creates it from the
 * source first. A source is filed once: a second call for the same intake or inspection continues that case.
 */
@Injectable()
export class CaseFileHandler implements TopicHandler {
  readonly topic = 'case.file' as const;

  constructor(private readonly districts: DistrictsService) {}

  async handle({ variables, districtId, task, manager, audit }: HandlerContext) {
    const penaltyCase = variables.penaltyCaseId
      ? await manager.findOne(PenaltyCase, { where: { id: String(variables.penaltyCaseId), districtId }, lock: { mode: 'pessimistic_write' } })
      : await this.fromSource(variables, districtId, task.processInstanceId, manager);
    if (!penaltyCase) throw new Error(`penalty case ${String(variables.penaltyCaseId)} of ${districtId} does not exist`);

    if (!penaltyCase.caseNumber) {
      const district = await this.districts.find(districtId);
      if (!district) throw new Error(`district ${districtId} is not configured`);
      const filedAt = new Date();
      const caseNumber = await allocateCaseNumber(manager, districtId, `${district.casePrefix}-CF`, filedAt.getFullYear(), 'penalty-case');
      await manager.update(PenaltyCase, { id: penaltyCase.id }, { caseNumber, status: 'filed', filedAt, processInstanceId: task.processInstanceId });
      await audit({
        action: 'penalty-case.file',
        subjectType: 'penalty-case',
        subjectId: penaltyCase.businessKey,
        before: { status: penaltyCase.status },
        after: { status: 'filed', caseNumber, sourceType: penaltyCase.sourceType, sourceId: penaltyCase.sourceId },
      });
      penaltyCase.caseNumber = caseNumber;
    }
    return {
      penaltyCaseId: penaltyCase.id,
      caseNumber: penaltyCase.caseNumber,
      title: penaltyCase.title,
      partyName: penaltyCase.partyName,
      partyType: penaltyCase.partyType,
      violationCode: penaltyCase.violationCode,
      // What the investigation has not established yet; the investigation form overwrites these.
      firstViolation: variables.firstViolation ?? false,
      harmMinor: variables.harmMinor ?? false,
      harmCaused: variables.harmCaused ?? false,
      correctedPromptly: variables.correctedPromptly ?? false,
      areaSqm: variables.areaSqm ?? null,
    };
  }

  private async fromSource(variables: Record<string, unknown>, districtId: string, processInstanceId: string, manager: HandlerContext['manager']) {
    const sourceType = String(variables.sourceType ?? '') as PenaltySourceType;
    const sourceId = variables.sourceId ? String(variables.sourceId) : null;
    if (!penaltySourceTypes.includes(sourceType) || sourceType === 'officer' || !sourceId) {
      throw new Error('case-review needs penaltyCaseId, or sourceType (intake|inspection) and sourceId');
    }
    const existing = await manager.findOne(PenaltyCase, { where: { districtId, sourceType, sourceId }, lock: { mode: 'pessimistic_write' } });
    if (existing) return existing;
    const partyName = String(variables.partyName ?? '').trim() || '（待查明）';
    const violationCode = String(variables.violationCode ?? '').trim() || 'unspecified';
    const id = randomUUID();
    return manager.save(
      manager.create(PenaltyCase, {
        id,
        businessKey: id,
        districtId,
        caseNumber: null,
        sourceType,
        sourceId,
        title: typeof variables.title === 'string' && variables.title.trim() ? variables.title.trim().slice(0, 200) : penaltyCaseTitle(partyName, violationCode),
        partyName,
        partyType: variables.partyType === 'individual' ? 'individual' : 'organization',
        violationCode,
        facts: String(variables.facts ?? '').trim() || '（待调查）',
        status: 'received',
        processInstanceId,
        createdBy: `worker:${this.topic}`,
      }),
    );
  }
}
