import type { EntityManager } from 'typeorm';
import { CreditRepairApplication, RequiredMaterial } from '../../src/credit-repairs/credit-repair.entity';
import type { DistrictsService } from '../../src/districts/districts.service';
import type { HandlerContext } from '../run-topic';
import { CreditCheckMaterialsHandler, suppliedFlag } from './credit-check-materials.handler';

const required: Partial<RequiredMaterial>[] = [
  { code: 'applicationForm', name: '信用修复申请书', sortOrder: 1 },
  { code: 'identityProof', name: '营业执照或身份证明复印件', sortOrder: 2 },
  { code: 'creditCommitment', name: '信用承诺书', sortOrder: 3 },
];

function given(materialsProvided: string[], variables: Record<string, unknown> = {}) {
  const application = { id: 'a1', businessKey: 'a1', districtId: 'wucheng', repairType: 'penalty-general', caseNumber: 'WC-XF-2026-000001', materialsProvided, noticeCount: 0, status: 'received' };
  const updates: Array<Record<string, unknown>> = [];
  const manager = {
    findOne: async (entity: unknown) => (entity === CreditRepairApplication ? application : null),
    find: async (entity: unknown) => (entity === RequiredMaterial ? required : []),
    update: async (_entity: unknown, _where: unknown, changes: Record<string, unknown>) => void updates.push(changes),
  } as unknown as EntityManager;
  const context = { variables: { creditRepairId: 'a1', ...variables }, districtId: 'wucheng', manager, audit: async () => undefined } as unknown as HandlerContext;
  return { context, updates };
}

describe(CreditCheckMaterialsHandler.name, () => {
  const sut = new CreditCheckMaterialsHandler({} as DistrictsService);

  it('lists every missing material at once, in the order of the repair type’s list, with a resubmission deadline', async () => {
    const { context, updates } = given(['identityProof']);
    const output = await sut.handle(context);
    expect(output).toMatchObject({ materialsComplete: false, missingCount: 2, missingMaterials: '信用修复申请书、信用承诺书' });
    expect(updates[0]).toMatchObject({ status: 'incomplete', noticeCount: 1, missingMaterials: [{ code: 'applicationForm', name: '信用修复申请书' }, { code: 'creditCommitment', name: '信用承诺书' }] });
    expect((output.resubmitDueAt as Date).getTime()).toBeGreaterThan(Date.now() + 14 * 86_400_000);
  });

  it('counts what the resubmission form ticked and sends a complete application to review', async () => {
    const { context, updates } = given(['identityProof'], { [suppliedFlag('applicationForm')]: true, [suppliedFlag('creditCommitment')]: true });
    expect(await sut.handle(context)).toEqual({ caseNumber: 'WC-XF-2026-000001', materialsComplete: true, missingMaterials: '', missingCount: 0 });
    expect(updates[0]).toMatchObject({ status: 'under-review', noticeCount: 0, resubmitDueAt: null });
  });
});
