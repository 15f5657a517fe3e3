import type { DataSource } from 'typeorm';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { PenaltyCase } from '../../src/penalty-cases/penalty-case.entity';
import { PenaltyReview } from '../../src/penalty-cases/penalty-review.entity';
import { apiEngineClient, openDatabase } from '../support/backend';
import { as } from '../support/api';
import { approve, complete, fileCase, officer, openTask, legalReviewer, squadLeader } from '../integration/case-review.driver';

describe('penalty cases through the API, signed in through Keycloak', () => {
  let db: DataSource;
  beforeAll(async () => (db = await openDatabase()));
  afterAll(() => db.destroy());

  it('refuses a filing with a missing field with 400, field by field in Chinese and English, and writes nothing', async () => {
    const before = await db.getRepository(PenaltyCase).count();
    const response = await as(officer).post('/penalty-cases', { party: { name: '周某' }, violationCode: 'street-vending' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
    const fields = response.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['facts', 'party.type']);
    expect(response.body.details.find((d: { field: string }) => d.field === 'facts').zh).toContain('违法事实');
    expect(await db.getRepository(PenaltyCase).count()).toBe(before);
  });

  it('lets only officers file, and shows a case to its own district only', async () => {
    expect((await as(squadLeader).post('/penalty-cases', { party: { name: '周某', type: 'individual' }, violationCode: 'street-vending', facts: '占道' })).status).toBe(403);
    const penaltyCase = await fileCase({ name: '周某', type: 'individual' }, 'street-vending', '占道经营');
    expect((await as(officer).get(`/penalty-cases/${penaltyCase.id}`)).status).toBe(200);
    expect((await as(officer).get('/penalty-cases')).body.map((c: { id: string }) => c.id)).toContain(penaltyCase.id);
    expect((await as('jiashan.officer').get(`/penalty-cases/${penaltyCase.id}`)).status).toBe(404);
    expect((await as('jiashan.officer').get('/penalty-cases')).body.map((c: { id: string }) => c.id)).not.toContain(penaltyCase.id);
    await apiEngineClient().deleteProcessInstance(penaltyCase.processInstanceId);
  });

  it('refuses a reviewer’s rejection without a comment with 400 and a clear message, and nothing changes', async () => {
    const engine = apiEngineClient();
    const penaltyCase = await fileCase({ name: '吴某', type: 'individual' }, 'kitchen-fumes', '家庭作坊油烟直排');
    await complete(engine, penaltyCase, 'Investigate', officer, { evidence: '监测数据', circumstance: 'minor', correctedPromptly: false });
    await complete(engine, penaltyCase, 'Propose', officer, { proposedFineYuan: 5000, proposalReasoning: '从轻' });
    await complete(engine, penaltyCase, 'UnitHeadReview', squadLeader, approve);
    const review = await openTask(engine, penaltyCase, 'LegalReview');
    // Other helpers' tests write audit rows at the same time: count this case's own rows only.
    const caseAudit = () => db.getRepository(AuditEntry).count({ where: [{ subjectId: penaltyCase.id }, { subjectId: penaltyCase.processInstanceId }] });
    const auditRows = await caseAudit();

    const refused = await as(legalReviewer).post(`/tasks/${review.id}/complete`, { reviewDecision: 'reject', reviewComment: '' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'reviewComment', zh: '审核结论为“退回”时须填写“审核意见”', en: 'reviewComment is required when reviewDecision is reject' }],
    });
    expect((await as(legalReviewer).post(`/tasks/${review.id}/complete`, { reviewDecision: 'reject' })).status).toBe(400);

    // Nothing changed: the same task is still open, no review row, no audit row
    const [still] = await engine.queryTasks({ tenantIdIn: ['wucheng'], processInstanceId: penaltyCase.processInstanceId });
    expect(still.id).toBe(review.id);
    expect(await db.getRepository(PenaltyReview).countBy({ penaltyCaseId: penaltyCase.id, level: 'legal' })).toBe(0);
    expect(await caseAudit()).toBe(auditRows);

    // With a comment the same rejection goes through and returns the case to the officer
    expect((await as(legalReviewer).post(`/tasks/${review.id}/complete`, { reviewDecision: 'reject', reviewComment: '请补充监测报告' })).status).toBe(200);
    await openTask(engine, penaltyCase, 'Propose');
    await engine.deleteProcessInstance(penaltyCase.processInstanceId);
  });
});
