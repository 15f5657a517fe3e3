import type { DataSource } from 'typeorm';
import type { EngineClient } from '../../src/engine-client/engine-client';
import { PenaltyDocument } from '../../src/penalty-cases/penalty-document.entity';
import { PenaltyReview } from '../../src/penalty-cases/penalty-review.entity';
import { as } from '../support/api';
import { apiEngineClient, openDatabase } from '../support/backend';
import { approve, caseRow, complete, ended, fileCase, officer, openTask, reject, reviewRound, squadLeader } from './case-review.driver';

/** Stories of case-review as an officer and the reviewers live them, on the real engine with the real workers. */
describe('case-review stories', () => {
  let db: DataSource;
  let engine: EngineClient;

  beforeAll(async () => {
    db = await openDatabase();
    engine = apiEngineClient();
  });
  afterAll(() => db.destroy());

  it('a first minor violation that was corrected at once ends without a penalty, with the exemption recorded', async () => {
    // Given a noodle stall owner who put tables on the pavement for the first time and cleared them when told
    const penaltyCase = await fileCase({ name: '陈某', type: 'individual' }, 'street-vending', '首次在人行道上摆放桌椅经营，经劝导当场清理');

    // When the officer records the investigation: first violation, minor harm, corrected at once
    await complete(engine, penaltyCase, 'Investigate', officer, {
      evidence: '现场照片两张；当事人当场清理',
      circumstance: 'minor',
      firstViolation: true,
      harmMinor: true,
      harmCaused: true,
      correctedPromptly: true,
    });

    // Then the exemption list (首违不罚) applies: the case is closed without a penalty and nobody had to review it
    await ended(engine, penaltyCase);
    const closed = await caseRow(db, penaltyCase.id);
    expect(closed).toMatchObject({ status: 'closed', exempt: true, exemptionType: '首违不罚', finalFineYuan: 0, proposedFineYuan: null });
    expect(closed.exemptionReason).toContain('初次违法');
    expect(await db.getRepository(PenaltyReview).countBy({ penaltyCaseId: penaltyCase.id })).toBe(0);
    // And the party is notified with a 不予行政处罚决定书 the case view links to
    const { body: detail } = await as(officer).get(`/penalty-cases/${penaltyCase.id}`);
    expect(detail.documents.map((d: { kind: string }) => d.kind)).toEqual(['exemption']);
    expect(detail.audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['penalty-case.create', 'penalty-case.file', 'task.complete', 'penalty-case.exempt', 'penalty-case.document', 'penalty-case.close']),
    );
    expect(await db.getRepository(PenaltyDocument).countBy({ penaltyCaseId: penaltyCase.id, kind: 'exemption' })).toBe(1);
  });

  it('a rejection by the legal reviewer returns the case to the officer with the comment, and the second round passes', async () => {
    // Given a shop that put up a 24 m² billboard without approval, and an officer's proposal of 5,000 yuan
    const penaltyCase = await fileCase({ name: '婺城区某某商行', type: 'organization' }, 'illegal-signage', '未经批准在外墙设置24平方米户外广告');
    await complete(engine, penaltyCase, 'Investigate', officer, { evidence: '现场勘验笔录、测量记录', circumstance: 'ordinary', areaSqm: 24, correctedPromptly: false });
    await complete(engine, penaltyCase, 'Propose', officer, { proposedFineYuan: 5000, proposalReasoning: '面积24平方米，一般阶次' });

    // When the unit head approves and the legal reviewer rejects with a comment
    await reviewRound(engine, penaltyCase, [approve, reject('未核实广告设置时间，请补充证据后重新提交')]);

    // Then the case is back with the officer, who can read the legal reviewer's comment on the returned task
    const returned = await openTask(engine, penaltyCase, 'Propose');
    expect((await engine.taskVariables(returned.id)).reviewComment.value).toBe('未核实广告设置时间，请补充证据后重新提交');

    // When the officer revises the proposal and all three levels approve the second round
    await complete(engine, penaltyCase, 'Propose', officer, { proposedFineYuan: 4500, proposalReasoning: '已补充设置时间证据，酌情调整' });
    await reviewRound(engine, penaltyCase, [approve, approve, approve]);

    // Then the party is notified of its rights, and both rounds stay on record with the comment
    await openTask(engine, penaltyCase, 'NoticeOfRights');
    const rounds = await db.getRepository(PenaltyReview).find({ where: { penaltyCaseId: penaltyCase.id }, order: { id: 'ASC' } });
    expect(rounds.map((r) => [r.round, r.level, r.decision])).toEqual([
      [1, 'unit-head', 'approve'],
      [1, 'legal', 'reject'],
      [2, 'unit-head', 'approve'],
      [2, 'legal', 'approve'],
      [2, 'agency-head', 'approve'],
    ]);
    expect(rounds[1].comment).toBe('未核实广告设置时间，请补充证据后重新提交');
    const { body: detail } = await as(squadLeader).get(`/penalty-cases/${penaltyCase.id}`);
    expect(detail.reviews[1]).toMatchObject({ round: 1, level: 'legal', decision: 'reject', comment: '未核实广告设置时间，请补充证据后重新提交' });
    expect((await caseRow(db, penaltyCase.id)).proposedFineYuan).toBe(4500);

    await engine.deleteProcessInstance(penaltyCase.processInstanceId);
  });
});
