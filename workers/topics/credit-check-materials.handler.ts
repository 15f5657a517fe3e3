import { Injectable } from '@nestjs/common';
import { CreditRepairApplication, RequiredMaterial } from '../../src/credit-repairs/credit-repair.entity';
import { DistrictsService } from '../../src/districts/districts.service';
import { allocateCaseNumber } from '../../src/intakes/case-numbers';
import type { HandlerContext, TopicHandler } from '../run-topic';

const DEFAULT_RESUBMIT_DAYS = 15;
const DAY_MS = 24 * 60 * 60_000;

/** The form flag that says a material was supplied on resubmission, e.g. suppliedCreditCommitment. */
export const suppliedFlag = (code: string) => `supplied${code[0].toUpperCase()}${code.slice(1)}`;

/**
 * 材料核验: compares what the applicant has handed in with what the repair type requires (table
 * credit_repair_required_material) and lists every missing material at once, for the one-time notice (一次性告知).
 */
@Injectable()
export class CreditCheckMaterialsHandler implements TopicHandler {
  readonly topic = 'credit.check-materials' as const;

  constructor(private readonly districts: DistrictsService) {}

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const application = await manager.findOne(CreditRepairApplication, {
      where: { id: String(variables.creditRepairId), districtId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!application) throw new Error(`credit repair ${String(variables.creditRepairId)} of ${districtId} does not exist`);
    const required = await manager.find(RequiredMaterial, { where: { repairType: application.repairType }, order: { sortOrder: 'ASC' } });
    if (!required.length) throw new Error(`no required materials are configured for repair type ${application.repairType}`);

    let caseNumber = application.caseNumber;
    if (!caseNumber) {
      const district = await this.districts.find(districtId);
      if (!district) throw new Error(`district ${districtId} is not configured`);
      const now = new Date();
      caseNumber = await allocateCaseNumber(manager, districtId, `${district.casePrefix}-XF`, now.getFullYear(), 'credit-repair');
    }

    const provided = new Set(application.materialsProvided);
    for (const material of required) if (variables[suppliedFlag(material.code)] === true) provided.add(material.code);
    const missing = required.filter((m) => !provided.has(m.code)).map((m) => ({ code: m.code, name: m.name }));
    const complete = missing.length === 0;
    const days = Number(variables.resubmitDays ?? DEFAULT_RESUBMIT_DAYS);
    const resubmitDueAt = complete ? null : new Date(Date.now() + (Number.isFinite(days) && days > 0 ? days : DEFAULT_RESUBMIT_DAYS) * DAY_MS);

    const changes = {
      caseNumber,
      materialsProvided: [...provided],
      missingMaterials: missing,
      status: complete ? ('under-review' as const) : ('incomplete' as const),
      noticeCount: application.noticeCount + (complete ? 0 : 1),
      resubmitDueAt,
    };
    await manager.update(CreditRepairApplication, { id: application.id }, changes);
    await audit({
      action: complete ? 'credit-repair.materials-complete' : 'credit-repair.materials-missing',
      subjectType: 'credit-repair',
      subjectId: application.businessKey,
      before: { status: application.status, materialsProvided: application.materialsProvided },
      after: { status: changes.status, caseNumber, missing: missing.map((m) => m.name), resubmitDueAt },
    });
    return {
      caseNumber,
      materialsComplete: complete,
      missingMaterials: missing.map((m) => m.name).join('、'),
      missingCount: missing.length,
      ...(resubmitDueAt ? { resubmitDueAt } : {}),
    };
  }
}
