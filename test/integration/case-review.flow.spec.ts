import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service';
import type { EngineClient } from '../../src/engine-client/engine-client';
import { toEngineVariables } from '../../src/engine-client/engine-variables';
import { PenaltyCase } from '../../src/penalty-cases/penalty-case.entity';
import { PenaltyDocument } from '../../src/penalty-cases/penalty-document.entity';
import { PenaltyReview } from '../../src/penalty-cases/penalty-review.entity';
import { repoRoot } from '../../src/repo-root';
import { eventually, tokenFor, urls } from '../support/api';
import { apiEngineClient, openDatabase } from '../support/backend';
import {
  agencyHead,
  approve,
  caseRow,
  complete,
  DISTRICT,
  ended,
  fileCase,
  legalReviewer,
  officer,
  openTask,
  reachedNodes,
  reject,
  reviewRound,
  squadLeader,
  type FiledCase,
} from './case-review.driver';
import { engineRest } from './flow-driver';

const template = readFileSync(join(repoRoot, 'bpmn', 'templates', 'case-review.bpmn'), 'utf8');
/** Every flow node of the template (not the flows, not the diagram). */
const flowNodes = [...template.matchAll(/<bpmn:(?!sequenceFlow|process|definitions|documentation|incoming|outgoing|extensionElements|conditionExpression|timerEventDefinition|timeDuration)(\w+) id="([^"]+)"/g)].map((m) => m[2]);

describe('case-review on the real engine, driven through the API and by the real workers', () => {
  let db: DataSource;
  let engine: EngineClient;
  const reached = new Set<string>();
  const instances: string[] = [];

  beforeAll(async () => {
    db = await openDatabase();
    engine = apiEngineClient();
  });
  afterAll(async () => {
    for (const id of instances) (await reachedNodes(id)).forEach((node) => reached.add(node));
    await db.destroy();
  });
  const track = (penaltyCase: FiledCase) => (instances.push(penaltyCase.processInstanceId), penaltyCase);

  async function pdfOf(penaltyCase: FiledCase, documentId: string, user = officer) {
    const response = await fetch(`${urls.app}/api/penalty-cases/${penaltyCase.id}/documents/${documentId}`, { headers: { authorization: `Bearer ${await tokenFor(user)}` } });
    return { status: response.status, type: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer()) };
  }

  it('numbers a case filed by an officer with the district’s next gapless 立案 number and sets title and caseNumber for task lists', async () => {
    const first = track(await fileCase({ name: '张某', type: 'individual' }, 'street-vending', '在人行道上摆摊销售水果'));
    await openTask(engine, first, 'Investigate');
    const second = track(await fileCase({ name: '李某', type: 'individual' }, 'street-vending', '在人行道上摆摊销售玩具'));
    const investigate = await openTask(engine, second, 'Investigate');
    const numbers = [(await caseRow(db, first.id)).caseNumber, (await caseRow(db, second.id)).caseNumber];
    expect(numbers[0]).toMatch(/^WC-CF-\d{4}-\d{6}$/);
    expect(Number(numbers[1]!.slice(-6))).toBe(Number(numbers[0]!.slice(-6)) + 1);
    const variables = await engine.taskVariables(investigate.id);
    expect(variables.title.value).toBe('行政处罚：李某（占道经营）');
    expect(variables.caseNumber.value).toBe(numbers[1]);
    for (const penaltyCase of [first, second]) await engine.deleteProcessInstance(penaltyCase.processInstanceId);
  });

  it('ends an exempt case (轻微免罚) without a penalty: the exemption is recorded and the party gets a 不予行政处罚决定书', async () => {
    const penaltyCase = track(await fileCase({ name: '王某', type: 'individual' }, 'illegal-signage', '擅自在店门口设置一块1平方米的广告牌'));
    await complete(engine, penaltyCase, 'Investigate', officer, {
      evidence: '现场检查笔录、照片；当事人当场拆除',
      circumstance: 'minor',
      areaSqm: 1,
      firstViolation: true,
      harmMinor: true,
      harmCaused: false,
      correctedPromptly: true,
    });
    await ended(engine, penaltyCase);
    const row = await caseRow(db, penaltyCase.id);
    expect(row).toMatchObject({ status: 'closed', exempt: true, exemptionType: '轻微免罚', finalFineYuan: 0 });
    expect(row.exemptionReason).toContain('第三十三条');
    expect(row.archivedAt).toBeInstanceOf(Date);
    const [document] = await db.getRepository(PenaltyDocument).findBy({ penaltyCaseId: penaltyCase.id });
    expect(document.kind).toBe('exemption');
    const pdf = await pdfOf(penaltyCase, document.id);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('decides a small fine on the spot (简易程序): no review, decision document, service, payment, closed', async () => {
    const penaltyCase = track(await fileCase({ name: '赵某', type: 'individual' }, 'street-vending', '占用人行道摆摊，经劝导未改正'));
    await complete(engine, penaltyCase, 'Investigate', officer, { evidence: '现场照片', circumstance: 'minor', firstViolation: false, correctedPromptly: false });
    const propose = await openTask(engine, penaltyCase, 'Propose');
    const band = await engine.taskVariables(propose.id);
    expect([band.penaltyMinYuan.value, band.penaltyMaxYuan.value, band.discretionLevel.value]).toEqual([50, 150, '从轻']);
    await complete(engine, penaltyCase, 'Propose', officer, { proposedFineYuan: 100, proposalReasoning: '情节轻微，按从轻阶次' });
    await complete(engine, penaltyCase, 'DecideOnSpot', officer, { finalFineYuan: 100, decisionReasoning: '违法事实确凿，当场处罚' });
    await complete(engine, penaltyCase, 'Serve', officer, { serviceMethod: 'on-the-spot', serviceRecipient: '赵某' });
    await complete(engine, penaltyCase, 'Execute', officer, { executionOutcome: 'paid' });
    await ended(engine, penaltyCase);
    const row = await caseRow(db, penaltyCase.id);
    expect(row).toMatchObject({ status: 'closed', procedure: 'simple', finalFineYuan: 100, executionOutcome: 'paid', exempt: false, discretionLevel: '从轻' });
    expect(await db.getRepository(PenaltyReview).countBy({ penaltyCaseId: penaltyCase.id })).toBe(0);
  });

  it('returns a major case to the officer at every level with the comment kept, then passes the collective discussion, a hearing and enforcement', async () => {
    const penaltyCase = track(await fileCase({ name: '孙某', type: 'individual' }, 'construction-waste', '驾驶渣土车沿途遗撒，污染路面约120平方米'));
    await complete(engine, penaltyCase, 'Investigate', officer, { evidence: '监控视频、现场勘验笔录', circumstance: 'ordinary', areaSqm: 120, firstViolation: true, harmMinor: false, harmCaused: true, correctedPromptly: true });
    const propose = async (fine: number) => complete(engine, penaltyCase, 'Propose', officer, { proposedFineYuan: fine, proposalReasoning: `按一般阶次建议罚款${fine}元` });

    await propose(30000);
    await reviewRound(engine, penaltyCase, [reject('罚款金额偏高，请说明裁量理由')]);
    await propose(25000);
    await reviewRound(engine, penaltyCase, [approve, reject('证据不足：缺少车辆登记信息')]);
    await propose(25000);
    await reviewRound(engine, penaltyCase, [approve, approve, reject('请核实当事人是否初次违法')]);
    await propose(20000);
    await reviewRound(engine, penaltyCase, [approve, approve, approve, reject('集体讨论：按裁量基准中值处罚')]);
    await propose(20000);
    await reviewRound(engine, penaltyCase, [approve, approve, approve, approve]);

    await complete(engine, penaltyCase, 'NoticeOfRights', officer, { noticeMethod: 'in-person', hearingRightNotified: true });
    await complete(engine, penaltyCase, 'AwaitResponse', officer, { partyResponse: 'hearing' });
    await complete(engine, penaltyCase, 'Hearing', legalReviewer, { hearingRecord: '当事人称系首次违法', hearingOpinion: '维持拟处罚意见' });
    await complete(engine, penaltyCase, 'Decide', agencyHead, { finalFineYuan: 20000, decisionReasoning: '经听证，维持原拟处罚' });
    await complete(engine, penaltyCase, 'Serve', officer, { serviceMethod: 'in-person', serviceRecipient: '孙某' });
    await complete(engine, penaltyCase, 'Execute', officer, { executionOutcome: 'enforced', executionNote: '逾期未缴纳，已申请法院强制执行' });
    await ended(engine, penaltyCase);

    const reviews = await db.getRepository(PenaltyReview).find({ where: { penaltyCaseId: penaltyCase.id }, order: { id: 'ASC' } });
    expect(reviews.map((r) => `${r.round}:${r.level}:${r.decision}`)).toEqual([
      '1:unit-head:reject',
      '2:unit-head:approve',
      '2:legal:reject',
      '3:unit-head:approve',
      '3:legal:approve',
      '3:agency-head:reject',
      '4:unit-head:approve',
      '4:legal:approve',
      '4:agency-head:approve',
      '4:collective:reject',
      '5:unit-head:approve',
      '5:legal:approve',
      '5:agency-head:approve',
      '5:collective:approve',
    ]);
    expect(reviews.filter((r) => r.decision === 'reject').map((r) => r.comment)).toEqual([
      '罚款金额偏高，请说明裁量理由',
      '证据不足：缺少车辆登记信息',
      '请核实当事人是否初次违法',
      '集体讨论：按裁量基准中值处罚',
    ]);
    const row = await caseRow(db, penaltyCase.id);
    expect(row).toMatchObject({ status: 'closed', procedure: 'general', major: true, finalFineYuan: 20000, executionOutcome: 'enforced', discretionLevel: '一般' });

    // The case view shows every round and the whole trail: the API's task completions and the workers' records.
    const detail = await fetch(`${urls.app}/api/penalty-cases/${penaltyCase.id}`, { headers: { authorization: `Bearer ${await tokenFor(squadLeader)}` } }).then((r) => r.json() as Promise<any>);
    expect(detail.reviews).toHaveLength(14);
    const actions = detail.audit.map((a: { action: string }) => a.action);
    expect(actions.filter((a: string) => a === 'penalty-case.review-reject')).toHaveLength(4);
    expect(actions.filter((a: string) => a === 'task.complete').length).toBeGreaterThanOrEqual(20);
    expect(await new AuditService(db).verifyChain()).toBeNull();

    const [decision] = detail.documents;
    expect(decision.kind).toBe('decision');
    const response = await fetch(`${urls.app}/api/penalty-cases/${penaltyCase.id}/documents/${decision.id}`, { headers: { authorization: `Bearer ${await tokenFor(officer)}` } });
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    expect(pdf).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(pdf).toMatch(/\/ToUnicode \d+ 0 R/);
    // Another district's officer cannot fetch it.
    const foreign = await fetch(`${urls.app}/api/penalty-cases/${penaltyCase.id}/documents/${decision.id}`, { headers: { authorization: `Bearer ${await tokenFor('jiashan.officer')}` } });
    expect(foreign.status).toBe(404);
  });

  it('goes on to the decision when the five-day statement period runs out without a response (timer job executed)', async () => {
    const penaltyCase = track(await fileCase({ name: '婺城区某某餐馆', type: 'organization' }, 'kitchen-fumes', '油烟净化设施未运行，油烟超标排放'));
    await complete(engine, penaltyCase, 'Investigate', officer, { evidence: '在线监测数据', circumstance: 'minor', firstViolation: false, correctedPromptly: true });
    await complete(engine, penaltyCase, 'Propose', officer, { proposedFineYuan: 6000, proposalReasoning: '超标幅度小，从轻' });
    await reviewRound(engine, penaltyCase, [approve, approve, approve]);
    await complete(engine, penaltyCase, 'NoticeOfRights', officer, { noticeMethod: 'mail', hearingRightNotified: true });
    await openTask(engine, penaltyCase, 'AwaitResponse');

    const [timer] = await engineRest<Array<{ id: string; dueDate: string }>>('GET', `/job?processInstanceId=${penaltyCase.processInstanceId}&timers=true`);
    // The engine writes +0000; JavaScript reads +00:00.
    const dueInDays = (new Date(timer.dueDate.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')).getTime() - Date.now()) / 86_400_000;
    expect(dueInDays).toBeGreaterThan(4.9);
    expect(dueInDays).toBeLessThanOrEqual(5);
    await engineRest('POST', `/job/${timer.id}/execute`);

    await complete(engine, penaltyCase, 'Decide', agencyHead, { finalFineYuan: 6000, decisionReasoning: '当事人逾期未陈述申辩，视为放弃' });
    await complete(engine, penaltyCase, 'Serve', officer, { serviceMethod: 'mail', serviceRecipient: '店长' });
    await complete(engine, penaltyCase, 'Execute', officer, { executionOutcome: 'paid' });
    await ended(engine, penaltyCase);
    expect(await caseRow(db, penaltyCase.id)).toMatchObject({ status: 'closed', major: false, procedure: 'general', finalFineYuan: 6000 });
  });

  it('files the case itself when joint-inspection calls it with a source, and files a source only once', async () => {
    const definition = await engine.latestDefinitionFor('case-review', DISTRICT);
    const sourceId = randomUUID();
    const variables = { districtId: DISTRICT, title: '联合检查移送：某工地渣土遗撒', sourceType: 'inspection', sourceId, partyName: '某建设公司', violationCode: 'construction-waste', facts: '综合查一次发现工地出口道路污染' };
    const first = await engine.startProcess(definition!.id, sourceId, toEngineVariables(variables));
    const byInspection = { id: '', processInstanceId: first.id };
    const investigate = await openTask(engine, byInspection, 'Investigate');
    const [row] = await db.getRepository(PenaltyCase).findBy({ districtId: DISTRICT, sourceType: 'inspection', sourceId });
    expect(row).toMatchObject({ partyName: '某建设公司', status: 'filed', title: variables.title });
    expect((await engine.taskVariables(investigate.id)).caseNumber.value).toBe(row.caseNumber);
    const again = await engine.startProcess(definition!.id, sourceId, toEngineVariables(variables));
    const secondInvestigate = await openTask(engine, { id: '', processInstanceId: again.id }, 'Investigate');
    expect((await engine.taskVariables(secondInvestigate.id)).penaltyCaseId.value).toBe(row.id);
    expect(await db.getRepository(PenaltyCase).countBy({ districtId: DISTRICT, sourceType: 'inspection', sourceId })).toBe(1);
    for (const id of [first.id, again.id]) await engine.deleteProcessInstance(id);
  });

  it('has reached every flow node of the template', async () => {
    for (const id of instances) (await reachedNodes(id)).forEach((node) => reached.add(node));
    expect(flowNodes.length).toBeGreaterThan(30);
    expect(flowNodes.filter((node) => !reached.has(node))).toEqual([]);
  });
});
