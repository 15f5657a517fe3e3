import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { AppError, notFound } from '../errors/app-error';
import { FlowStarter } from '../flows/flow-starter';
import { CreateCreditRepair } from './credit-repair.dto';
import { CreditRepairApplication, RequiredMaterial } from './credit-repair.entity';

export const CREDIT_REPAIR_PROCESS_KEY = 'credit-repair';

@Injectable()
export class CreditRepairsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly flows: FlowStarter,
  ) {}

  /** Materials are checked against the repair type's list before anything is written. */
  async create(user: CurrentUser, input: CreateCreditRepair): Promise<CreditRepairApplication> {
    if (!user.roles.includes('officer')) throw new AppError('FORBIDDEN');
    const required = await this.dataSource.getRepository(RequiredMaterial).findBy({ repairType: input.repairType });
    const known = new Set(required.map((m) => m.code));
    const unknown = input.materialsProvided.map((code, i) => ({ code, i })).filter(({ code }) => !known.has(code));
    if (unknown.length) {
      throw new AppError(
        'VALIDATION_FAILED',
        unknown.map(({ code, i }) => ({
          field: `materialsProvided.${i}`,
          zh: `“${code}”不是该修复类型的材料（可用：${required.map((m) => `${m.code}＝${m.name}`).join('；')}）`,
          en: `${code} is not a material of ${input.repairType} (known: ${[...known].join(', ')})`,
        })),
      );
    }
    return this.flows.start(user, {
      processKey: CREDIT_REPAIR_PROCESS_KEY,
      entity: CreditRepairApplication,
      subjectType: 'credit-repair',
      input,
      fields: {
        caseNumber: null,
        repairType: input.repairType,
        title: `信用修复：${input.applicantName}`.slice(0, 200),
        applicantName: input.applicantName,
        applicantCode: input.applicantCode,
        applicantPhone: input.applicantPhone || null,
        creditRecordRef: input.creditRecordRef,
        reason: input.reason,
        materialsProvided: [...new Set(input.materialsProvided)],
        missingMaterials: [],
        noticeCount: 0,
        resubmitDueAt: null,
        status: 'received',
        decisionReason: null,
        decidedAt: null,
        publishedAt: null,
        closedAt: null,
      },
      variables: (application) => ({
        creditRepairId: application.id,
        applicantName: input.applicantName,
        creditRecordRef: input.creditRecordRef,
        repairType: input.repairType,
      }),
    });
  }

  async list(user: CurrentUser, limit = 50) {
    const rows = await this.dataSource.getRepository(CreditRepairApplication).find({ where: { districtId: user.district }, order: { createdAt: 'DESC' }, take: limit });
    return rows.map(summary);
  }

  async get(user: CurrentUser, id: string) {
    if (!/^[\w-]{1,64}$/.test(id)) throw notFound();
    const row = await this.dataSource.getRepository(CreditRepairApplication).findOneBy({ businessKey: id, districtId: user.district });
    if (!row) throw notFound();
    const required = await this.dataSource.getRepository(RequiredMaterial).find({ where: { repairType: row.repairType }, order: { sortOrder: 'ASC' } });
    return {
      ...summary(row),
      applicantCode: row.applicantCode,
      applicantPhone: row.applicantPhone,
      reason: row.reason,
      requiredMaterials: required.map((m) => ({ code: m.code, name: m.name, provided: row.materialsProvided.includes(m.code) })),
      missingMaterials: row.missingMaterials,
      noticeCount: row.noticeCount,
      resubmitDueAt: row.resubmitDueAt,
      decisionReason: row.decisionReason,
      decidedAt: row.decidedAt,
      publishedAt: row.publishedAt,
      processInstanceId: row.processInstanceId,
      audit: (await this.audit.trail(user.district, row.businessKey)).map((a) => ({ at: a.at, actor: a.actor, action: a.action, after: a.after })),
    };
  }
}

function summary(row: CreditRepairApplication) {
  return {
    id: row.businessKey,
    caseNumber: row.caseNumber,
    title: row.title,
    repairType: row.repairType,
    applicantName: row.applicantName,
    creditRecordRef: row.creditRecordRef,
    status: row.status,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
  };
}
