import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service';
import { CreditRepairApplication } from '../../src/credit-repairs/credit-repair.entity';
import { Intake } from '../../src/intakes/intake.entity';
import type { EngineClient } from '../../src/engine-client/engine-client';
import { toEngineVariables } from '../../src/engine-client/engine-variables';
import { OutboxMessage } from '../../workers/outbox/outbox-message.entity';
import { as, createIntakeAs, eventually } from '../support/api';
import { apiEngineClient, openDatabase } from '../support/backend';
import { Coverage, flowDriver } from './flow-driver';

const DAY_MS = 24 * 60 * 60_000;
const allGeneral = ['applicationForm', 'identityProof', 'penaltyFulfilled', 'creditCommitment'];

describe('credit-repair (信用修复) on the real engine, driven by the real workers', () => {
  let db: DataSource;
  let engine: EngineClient;
  let flow: ReturnType<typeof flowDriver>;
  const coverage = new Coverage();

  beforeAll(async () => {
    db = await openDatabase();
    engine = apiEngineClient();
    flow = flowDriver(engine);
  });
  afterAll(() => db.destroy());

  /** What POST /api/credit-repairs does, without the HTTP layer. */
  async function file(districtId: string, materialsProvided: string[], repairType: 'penalty-general' | 'penalty-serious' = 'penalty-general') {
    const id = randomUUID();
    const applicantName = `金华市某餐饮店${id.slice(0, 4)}`;
    await db.getRepository(CreditRepairApplication).insert({
      id,
      businessKey: id,
      districtId,
      repairType,
      title: `信用修复：${applicantName}`,
      applicantName,
      applicantCode: '91330702MA2EXAMPLE',
      creditRecordRef: '婺综执罚决字〔2026〕第18号',
      reason: '罚款已缴清，违法行为已整改',
      materialsProvided,
      missingMaterials: [],
      noticeCount: 0,
      status: 'received',
      createdBy: `${districtId}.officer`,
    } as Partial<CreditRepairApplication> as CreditRepairApplication);
    const definition = await engine.latestDefinitionFor('credit-repair', districtId);
    const instance = await engine.startProcess(
      definition!.id,
      id,
      toEngineVariables({ creditRepairId: id, districtId, title: `信用修复：${applicantName}`, applicantName, creditRecordRef: '婺综执罚决字〔2026〕第18号', repairType }),
    );
    return { id, pid: instance.id, definition: definition! };
  }

  const row = (id: string) => db.getRepository(CreditRepairApplication).findOneByOrFail({ id });
  const notices = (id: string) => db.getRepository(OutboxMessage).find({ where: { subjectId: id }, order: { createdAt: 'ASC' } });

  async function reviewAndLegal(districtId: string, pid: string, decision: 'grant' | 'refuse', opinion: string) {
    await flow.complete(await flow.task(districtId, pid, 'Review'), { reviewDecision: decision, reviewOpinion: opinion });
    await flow.complete(await flow.task(districtId, pid, 'LegalCheck'), { legalConclusion: 'agree', legalOpinion: '程序合法，同意' });
  }

  describe.each([
    ['jiashan', 'templates/credit-repair.bpmn'],
    ['wucheng', 'districts/wucheng/credit-repair.bpmn'],
  ])('in %s (%s)', (districtId, model) => {
    it('grants a complete application after review and legal check, publishes the repaired record and tells the applicant', async () => {
      const { id, pid, definition } = await file(districtId, allGeneral);
      expect(definition.tenantId).toBe(districtId === 'wucheng' ? 'wucheng' : null);
      const review = await flow.task(districtId, pid, 'Review');
      expect(review.tenantId).toBe(districtId);
      const checked = await row(id);
      expect(checked).toMatchObject({ status: 'under-review', noticeCount: 0, missingMaterials: [] });
      expect(checked.caseNumber).toMatch(/^[A-Z]+-XF-\d{4}-\d{6}$/);
      expect((await flow.variables(pid)).caseNumber).toBe(checked.caseNumber);

      if (districtId === 'wucheng') {
        // 100% closure drive: a review that takes more than three days is chased, the review itself stays open.
        await flow.fireTimer(pid, 'ReviewSupervision');
        await eventually(async () => (await notices(id)).some((n) => n.template === 'credit-repair.supervise'), 'the supervision notice');
        expect(await flow.openTasks(districtId, pid, 'Review')).toHaveLength(1);
      }
      await reviewAndLegal(districtId, pid, 'grant', '已履行处罚决定并完成整改，符合修复条件');

      expect(await flow.ended(pid)).toEqual(expect.arrayContaining(['Granted']));
      const granted = await row(id);
      expect(granted.status).toBe('granted');
      expect(granted.publishedAt).toBeInstanceOf(Date);
      expect(granted.closedAt).toBeInstanceOf(Date);
      expect((await notices(id)).map((n) => n.template)).toContain('credit-repair.granted');
      await coverage.add(model, pid);
    });

    it('lists every missing material in one notice, waits for the resubmission and then grants', async () => {
      const { id, pid } = await file(districtId, ['applicationForm'], 'penalty-serious');
      const wait = await flow.task(districtId, pid, 'AwaitResubmission');
      const incomplete = await row(id);
      expect(incomplete.status).toBe('incomplete');
      expect(incomplete.missingMaterials.map((m) => m.code)).toEqual(['identityProof', 'penaltyFulfilled', 'rectificationReport', 'creditCommitment', 'trainingCertificate']);
      const limitDays = districtId === 'wucheng' ? 5 : 15;
      expect(Math.round((incomplete.resubmitDueAt!.getTime() - Date.now()) / DAY_MS)).toBe(limitDays);

      const [notice] = await eventually(async () => {
        const sent = (await notices(id)).filter((n) => n.template === 'credit-repair.materials-missing');
        return sent.length > 0 && sent;
      }, 'the one-time notice');
      for (const material of incomplete.missingMaterials) expect(notice.message).toContain(material.name);

      if (districtId === 'wucheng') {
        await flow.fireTimer(pid, 'ResubmissionReminder');
        await eventually(async () => (await notices(id)).some((n) => n.template === 'credit-repair.reminder'), 'the proactive reminder');
        expect(await flow.openTasks(districtId, pid, 'AwaitResubmission')).toHaveLength(1);
      }
      await flow.complete(wait, {
        suppliedIdentityProof: true,
        suppliedPenaltyFulfilled: true,
        suppliedRectificationReport: true,
        suppliedCreditCommitment: true,
        suppliedTrainingCertificate: true,
      });
      await reviewAndLegal(districtId, pid, 'grant', '补正材料齐全，符合修复条件');
      expect(await flow.ended(pid)).toEqual(expect.arrayContaining(['Granted']));
      const granted = await row(id);
      expect(granted).toMatchObject({ status: 'granted', noticeCount: 1, missingMaterials: [] });
      expect(granted.publishedAt).toBeInstanceOf(Date);
      expect((await notices(id)).filter((n) => n.template === 'credit-repair.materials-missing')).toHaveLength(1);
      await coverage.add(model, pid);
    });

    it('treats the application as withdrawn, with the reason, when the resubmission deadline passes', async () => {
      const { id, pid } = await file(districtId, ['applicationForm', 'identityProof']);
      await flow.task(districtId, pid, 'AwaitResubmission');
      const due = await flow.fireTimer(pid, 'ResubmissionExpired');
      expect(Math.abs(due.getTime() - (await row(id)).resubmitDueAt!.getTime())).toBeLessThan(1000);

      expect(await flow.ended(pid)).toEqual(['Withdrawn']);
      const withdrawn = await row(id);
      expect(withdrawn.status).toBe('withdrawn');
      expect(withdrawn.decisionReason).toContain('补正期限届满');
      expect(withdrawn.publishedAt).toBeNull();
      expect((await notices(id)).map((n) => n.template)).toEqual(expect.arrayContaining(['credit-repair.materials-missing', 'credit-repair.withdrawn']));
      await coverage.add(model, pid);
    });

    it('refuses with reasons after the legal reviewer sent the case back for a second review', async () => {
      const { id, pid } = await file(districtId, allGeneral);
      await flow.complete(await flow.task(districtId, pid, 'Review'), { reviewDecision: 'grant', reviewOpinion: '同意修复' });
      await flow.complete(await flow.task(districtId, pid, 'LegalCheck'), { legalConclusion: 'return', legalOpinion: '处罚决定履行期未满一年，请重新审查' });
      await reviewAndLegal(districtId, pid, 'refuse', '处罚决定履行完毕未满最短公示期，不符合修复条件');

      expect(await flow.ended(pid)).toEqual(['Refused']);
      const refused = await row(id);
      expect(refused).toMatchObject({ status: 'refused', decisionReason: '处罚决定履行完毕未满最短公示期，不符合修复条件', publishedAt: null });
      const refusal = (await notices(id)).find((n) => n.template === 'credit-repair.refused');
      expect(refusal?.message).toContain('不符合修复条件');
      await coverage.add(model, pid);
    });
  });

  it('reached every flow node of the template and of the wucheng variant', () => {
    expect(coverage.missing('templates/credit-repair.bpmn')).toEqual([]);
    expect(coverage.missing('districts/wucheng/credit-repair.bpmn')).toEqual([]);
  });

  it('numbers applications in a series of their own: an intake registered in between takes no number from it', async () => {
    const sequenceOf = (caseNumber: string | null) => Number(caseNumber!.slice(-6));
    const numbered = async (id: string) => eventually(async () => (await row(id)).caseNumber, `the case number of ${id}`);
    const first = await numbered((await file('wucheng', allGeneral)).id);
    const between = await createIntakeAs('wucheng.officer', { address: `金华市婺城区城东街道 测试路 ${randomUUID().slice(0, 8)} 号`, location: undefined });
    await eventually(async () => (await db.getRepository(Intake).findOneByOrFail({ id: between.id })).caseNumber, 'the intake number');
    const second = await numbered((await file('wucheng', allGeneral)).id);
    expect(first).toMatch(/^WC-XF-/);
    expect(sequenceOf(second)).toBe(sequenceOf(first) + 1);
  });

  describe('through the API', () => {
    /** The task in one user's list; rows of flows other than intakes are labelled by case number, not business key. */
    const taskInList = (username: string, caseNumber: string, key: string) =>
      eventually(async () => {
        const { body } = await as(username).get<Array<{ id: string; caseNumber: string | null; taskDefinitionKey: string }>>('/tasks');
        return body.find((t) => t.caseNumber === caseNumber && t.taskDefinitionKey === key);
      }, `${key} of ${caseNumber} in the list of ${username}`);

    const application = {
      repairType: 'penalty-general',
      applicantName: '婺城区城北某小吃店',
      applicantCode: '92330702MA2K000001',
      applicantPhone: '13900000000',
      creditRecordRef: '婺综执罚决字〔2026〕第42号',
      reason: '占道经营罚款已缴纳，已承诺不再违法',
      materialsProvided: ['applicationForm', 'identityProof'],
    };

    it('婺城: an application missing two materials gets one notice listing both, resubmits once and is granted and published', async () => {
      const created = await as('wucheng.officer').post('/credit-repairs', application);
      expect(created.status).toBe(201);
      const id: string = created.body.businessKey;
      const caseNumber = await eventually(async () => (await as('wucheng.officer').get(`/credit-repairs/${id}`)).body.caseNumber as string | null, 'the case number');

      const wait = await taskInList('wucheng.officer', caseNumber, 'AwaitResubmission');
      const [notice] = await eventually(async () => {
        const sent = (await notices(id)).filter((n) => n.template === 'credit-repair.materials-missing');
        return sent.length > 0 && sent;
      }, 'the one-time notice');
      expect(notice.message).toContain('已履行行政处罚决定的证明');
      expect(notice.message).toContain('信用承诺书');
      const detail = await as('wucheng.officer').get(`/credit-repairs/${id}`);
      expect(detail.body).toMatchObject({ status: 'incomplete', noticeCount: 1 });
      expect(detail.body.missingMaterials.map((m: { code: string }) => m.code)).toEqual(['penaltyFulfilled', 'creditCommitment']);

      expect((await as('wucheng.officer').post(`/tasks/${wait.id}/complete`, { suppliedPenaltyFulfilled: true, suppliedCreditCommitment: true })).status).toBeLessThan(300);
      const review = await taskInList('wucheng.squad-leader', caseNumber, 'Review');
      expect((await as('wucheng.squad-leader').post(`/tasks/${review.id}/complete`, { reviewDecision: 'grant', reviewOpinion: '罚款已缴清，材料齐全，准予修复' })).status).toBeLessThan(300);
      const legal = await taskInList('wucheng.legal-reviewer', caseNumber, 'LegalCheck');
      expect((await as('wucheng.legal-reviewer').post(`/tasks/${legal.id}/complete`, { legalConclusion: 'agree', legalOpinion: '同意' })).status).toBeLessThan(300);

      const done = await eventually(async () => {
        const { body } = await as('wucheng.officer').get(`/credit-repairs/${id}`);
        return body.publishedAt && body;
      }, 'the repaired record to be published');
      expect(done).toMatchObject({ status: 'granted', noticeCount: 1, missingMaterials: [] });
      expect(done.caseNumber).toMatch(/^WC-XF-/);
      expect((await notices(id)).filter((n) => n.template === 'credit-repair.materials-missing')).toHaveLength(1);
      expect((await as('wucheng.officer').get('/credit-repairs')).body.map((a: { id: string }) => a.id)).toContain(id);
      expect((await as('jiashan.officer').get(`/credit-repairs/${id}`)).status).toBe(404);
      expect(await new AuditService(db).verifyChain()).toBeNull();
    });

    it('answers 400 with a code for a missing field or an unknown material, and files nothing', async () => {
      const before = await db.getRepository(CreditRepairApplication).countBy({ districtId: 'wucheng' });
      const { applicantName: _omitted, ...withoutName } = application;
      const missing = await as('wucheng.officer').post('/credit-repairs', withoutName);
      expect(missing.status).toBe(400);
      expect(missing.body.code).toBe('VALIDATION_FAILED');
      expect(missing.body.details).toEqual([expect.objectContaining({ field: 'applicantName', zh: expect.stringContaining('申请人') })]);

      const unknown = await as('wucheng.officer').post('/credit-repairs', { ...application, materialsProvided: ['applicationForm', 'taxReceipt'] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'materialsProvided.1' })]);
      expect(await db.getRepository(CreditRepairApplication).countBy({ districtId: 'wucheng' })).toBe(before);
    });
  });
});
