import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../repo-root';
import { mandatoryStepProblems, mandatoryStepsOf, shippedTemplateSteps } from './mandatory-steps';
import { templateParser } from './model-libraries';
import { ModelGuard } from './model-guard';

const fixture = (name: string) => ({ name, content: readFileSync(join(__dirname, 'fixtures', name)) });
const templatePath = join(repoRoot, 'bpmn', 'templates', 'intake-dispatch.bpmn');

describe(mandatoryStepProblems.name, () => {
  let sut: ModelGuard;
  let triageLaw: string;
  beforeEach(async () => {
    sut = new ModelGuard();
    triageLaw = (await shippedTemplateSteps()).get('intake-dispatch')?.find((s) => s.id === 'Triage')?.law ?? '';
  });

  it('reads 研判 and 反馈 as the mandatory steps of intake-dispatch, each with its law', async () => {
    const { rootElement } = await templateParser().fromXML(readFileSync(templatePath, 'utf8'));
    const steps = mandatoryStepsOf(rootElement).get('intake-dispatch') ?? [];
    expect(steps.map((s) => [s.id, s.name])).toEqual([
      ['Triage', '研判'],
      ['Feedback', '反馈'],
    ]);
    for (const step of steps) expect(step.law).toMatch(/^《.+》/);
  });

  it('passes the template itself', async () => {
    // given the shipped template; when it is checked as an upload, then its own mandatory steps are kept
    expect(await sut.check({ name: 'intake-dispatch.bpmn', content: readFileSync(templatePath) })).toEqual([]);
  });

  it('refuses a variant that deletes 研判, naming the step and the law', async () => {
    // given a variant of intake-dispatch without the Triage step
    // when it is checked
    const problems = await sut.check(fixture('mandatory-triage-removed.bpmn'));
    // then the removal is refused with the step and the law it serves
    expect(problems).toEqual([
      {
        elementId: 'Triage',
        rule: 'mandatory-step-removed',
        message: { zh: expect.stringContaining('研判'), en: expect.stringContaining('Triage') },
      },
    ]);
    expect(problems[0].message.zh).toContain(triageLaw);
    expect(problems[0].message.en).toContain(triageLaw);
  });

  it('refuses a variant whose gateway leads from 受理登记 to 处置 around 研判, naming the step, the law and the path', async () => {
    // given a variant that keeps Triage but adds a shortcut past it
    // when it is checked
    const problems = await sut.check(fixture('mandatory-triage-bypassed.bpmn'));
    // then the bypass is refused, naming 研判, its law and the way around it
    expect(problems).toEqual([expect.objectContaining({ elementId: 'Triage', rule: 'mandatory-step-bypassed' })]);
    expect(problems[0].message.zh).toContain('研判');
    expect(problems[0].message.zh).toContain(triageLaw);
    expect(problems[0].message.en).toContain(triageLaw);
    expect(problems[0].message.zh).toContain('收到线索 → 受理登记 → 是否简易 → 汇合 → 处置 → 反馈 → 办结');
  });

  it('passes a variant that adds a step between 研判 and 处置', async () => {
    expect(await sut.check(fixture('mandatory-extra-step.bpmn'))).toEqual([]);
  });

  it('does not check a process with another key, even without 研判', async () => {
    expect(await sut.check(fixture('mandatory-other-process.bpmn'))).toEqual([]);
  });

  it('the bypass fixture without its shortcut passes, so the refusal is the shortcut and nothing else', async () => {
    const xml = readFileSync(join(__dirname, 'fixtures', 'mandatory-triage-bypassed.bpmn'), 'utf8')
      .replace(/ default="Flow_ToTriage"/, '')
      .replace(/<bpmn:outgoing>Flow_Shortcut<\/bpmn:outgoing>/, '')
      .replace(/<bpmn:incoming>Flow_Shortcut<\/bpmn:incoming>/, '')
      .replace(/ *<bpmn:sequenceFlow id="Flow_Shortcut".*\n/, '');
    expect(await sut.check({ name: 'x.bpmn', content: xml })).toEqual([]);
  });

  it('a boundary event leaves through its activity: a timeout on 研判 that skips to 处置 is not a bypass', async () => {
    const xml = readFileSync(templatePath, 'utf8').replace(
      '<bpmn:sequenceFlow id="Flow_ToClosed"',
      `<bpmn:boundaryEvent id="TriageOverdue" name="研判超时" attachedToRef="Triage"><bpmn:outgoing>Flow_Overdue</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="Flow_Overdue" sourceRef="TriageOverdue" targetRef="Handle" />
    <bpmn:sequenceFlow id="Flow_ToClosed"`,
    );
    expect(await sut.check({ name: 'x.bpmn', content: xml })).toEqual([]);
  });

  describe('the legal review (法制审核) of case-review', () => {
    const caseReviewPath = join(repoRoot, 'bpmn', 'templates', 'case-review.bpmn');
    let legalReviewLaw: string;
    beforeEach(async () => {
      legalReviewLaw = (await shippedTemplateSteps()).get('case-review')?.find((s) => s.id === 'LegalReview')?.law ?? '';
    });

    /** The shipped template with one more way out of the unit head's approval: straight to the agency head, past 法制审核. */
    const bypassingLegalReview = () =>
      readFileSync(caseReviewPath, 'utf8')
        .replace('<bpmn:outgoing>Flow_UnitHeadRejected</bpmn:outgoing>', '$&<bpmn:outgoing>Flow_SkipLegalReview</bpmn:outgoing>')
        .replace('<bpmn:incoming>Flow_LegalApproved</bpmn:incoming>', '$&<bpmn:incoming>Flow_SkipLegalReview</bpmn:incoming>')
        .replace(
          '<bpmn:sequenceFlow id="Flow_ToRecordLegal"',
          `<bpmn:sequenceFlow id="Flow_SkipLegalReview" name="非重大案件免审" sourceRef="UnitHeadGateway" targetRef="AgencyHeadReview"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${reviewDecision == 'skip-legal'}</bpmn:conditionExpression></bpmn:sequenceFlow>
    $&`,
        );

    it('reads 法制审核 as mandatory before 作出处罚决定, with Article 58 of the Administrative Penalty Law', () => {
      expect(legalReviewLaw).toContain('《中华人民共和国行政处罚法》第五十八条');
    });

    it('passes the template itself', async () => {
      expect(await sut.check({ name: 'case-review.bpmn', content: readFileSync(caseReviewPath) })).toEqual([]);
    });

    it('refuses a variant whose unit-head approval leads to the agency head around 法制审核, naming the step, its law and the way', async () => {
      // given case-review with a shortcut from 承办机构负责人审查's gateway straight to 执法机关负责人审批
      const xml = bypassingLegalReview();
      expect(xml).toContain('<bpmn:incoming>Flow_SkipLegalReview</bpmn:incoming>');
      // when it is checked as an upload
      const problems = await sut.check({ name: 'case-review.bpmn', content: xml });
      // then the bypass of the legal review, and only it, is refused with the law it serves and the way to the decision without it
      expect(problems).toEqual([expect.objectContaining({ elementId: 'LegalReview', rule: 'mandatory-step-bypassed' })]);
      expect(problems[0].message.zh).toContain('LegalReview（法制审核）');
      expect(problems[0].message.zh).toContain(legalReviewLaw);
      expect(problems[0].message.en).toContain(legalReviewLaw);
      expect(problems[0].message.zh).toContain('承办机构负责人审查 → 记录审查意见 → 同意？ → 执法机关负责人审批');
      expect(problems[0].message.zh).toMatch(/→ 作出处罚决定）/);
    });
  });

  describe('what counts as a way around', () => {
    // A small template of its own, so these cases do not depend on how the shipped template evolves.
    const templates = async () => {
      const { rootElement } = await templateParser().fromXML(model('<bpmn:userTask id="Review" name="审核" />', 'Start→Review Review→End'));
      return mandatoryStepsOf(rootElement);
    };
    const check = async (xml: string) => mandatoryStepProblems((await templateParser().fromXML(xml)).rootElement, await templates());

    it('a parallel branch that ends by itself is no bypass: the other branch still runs 审核', async () => {
      const xml = model(
        '<bpmn:parallelGateway id="Fork" /><bpmn:serviceTask id="Notify" name="通知" /><bpmn:endEvent id="NotifiedEnd" /><bpmn:userTask id="Review" name="审核" />',
        'Start→Fork Fork→Notify Notify→NotifiedEnd Fork→Review Review→End',
      );
      expect(await check(xml)).toEqual([]);
    });

    it('an exclusive choice with one way to the end is a bypass', async () => {
      const xml = model('<bpmn:exclusiveGateway id="Choice" name="选择" /><bpmn:userTask id="Review" name="审核" />', 'Start→Choice Choice→Review Choice→End Review→End');
      expect(await check(xml)).toEqual([expect.objectContaining({ elementId: 'Review', rule: 'mandatory-step-bypassed' })]);
    });

    it('an interrupting event subprocess that can end the case before 审核 is a bypass, named with its way', async () => {
      const xml = model(
        `<bpmn:userTask id="Review" name="审核" />
         <bpmn:subProcess id="Cancelled" name="撤回" triggeredByEvent="true">
           <bpmn:startEvent id="CancelStart" name="收到撤回"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
           <bpmn:endEvent id="CancelEnd" name="撤回结束" />
           <bpmn:sequenceFlow id="F_Cancel" sourceRef="CancelStart" targetRef="CancelEnd" />
         </bpmn:subProcess>`,
        'Start→Review Review→End',
      );
      const problems = await check(xml);
      expect(problems).toEqual([expect.objectContaining({ elementId: 'Review', rule: 'mandatory-step-bypassed' })]);
      expect(problems[0].message.zh).toContain('撤回 → 收到撤回 → 撤回结束');
    });

    it('a non-interrupting event subprocess runs beside the case and is no bypass', async () => {
      const xml = model(
        `<bpmn:userTask id="Review" name="审核" />
         <bpmn:subProcess id="Reminder" name="催办" triggeredByEvent="true">
           <bpmn:startEvent id="RemindStart" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
           <bpmn:endEvent id="RemindEnd" />
           <bpmn:sequenceFlow id="F_Remind" sourceRef="RemindStart" targetRef="RemindEnd" />
         </bpmn:subProcess>`,
        'Start→Review Review→End',
      );
      expect(await check(xml)).toEqual([]);
    });

    it('a loop back before 审核 with its only way out through 审核 is no bypass', async () => {
      const xml = model(
        '<bpmn:userTask id="Fix" name="补正" /><bpmn:exclusiveGateway id="Complete" /><bpmn:userTask id="Review" name="审核" />',
        'Start→Fix Fix→Complete Complete→Fix Complete→Review Review→End',
      );
      expect(await check(xml)).toEqual([]);
    });

    it('refuses 审核 turned from a user task into a step that does not stop, naming both types', async () => {
      const problems = await check(model('<bpmn:manualTask id="Review" name="审核" />', 'Start→Review Review→End'));
      expect(problems).toEqual([expect.objectContaining({ elementId: 'Review', rule: 'mandatory-step-changed' })]);
      expect(problems[0].message.en).toContain('UserTask → ManualTask');
    });
  });

  describe('a step required only before a later one (xietong:mandatoryBefore)', () => {
    // 告知 must come before 决定; a case that ends without a decision (不予处罚) needs no notice.
    const notice = '<bpmn:userTask id="Review" name="告知" /><bpmn:userTask id="Decide" name="决定" />';
    const templates = async () => {
      const xml = model(`${notice}<bpmn:exclusiveGateway id="Exempt" />`, 'Start→Exempt Exempt→End Exempt→Review Review→Decide Decide→End', 'Decide');
      return mandatoryStepsOf((await templateParser().fromXML(xml)).rootElement);
    };
    const check = async (xml: string) => mandatoryStepProblems((await templateParser().fromXML(xml)).rootElement, await templates());

    it('reads the step it must precede', async () => {
      expect((await templates()).get('review')).toEqual([expect.objectContaining({ id: 'Review', before: 'Decide' })]);
    });

    it('passes the template, whose exemption path ends without 告知 and without 决定', async () => {
      expect(await check(model(`${notice}<bpmn:exclusiveGateway id="Exempt" />`, 'Start→Exempt Exempt→End Exempt→Review Review→Decide Decide→End', 'Decide'))).toEqual([]);
    });

    it('refuses a variant with a way to 决定 that skips 告知, naming that way', async () => {
      const xml = model(`${notice}<bpmn:exclusiveGateway id="Exempt" name="免罚？" />`, 'Start→Exempt Exempt→Decide Exempt→Review Review→Decide Decide→End', 'Decide');
      const problems = await check(xml);
      expect(problems).toEqual([expect.objectContaining({ elementId: 'Review', rule: 'mandatory-step-bypassed' })]);
      expect(problems[0].message.zh).toContain('开始 → 免罚？ → 决定');
    });

    it('refuses a variant that deletes 决定 to escape the rule, naming 决定', async () => {
      const problems = await check(model('<bpmn:userTask id="Review" name="告知" /><bpmn:userTask id="Decide2" name="决定" />', 'Start→Decide2 Decide2→End', 'Decide'));
      expect(problems).toEqual([expect.objectContaining({ elementId: 'Decide', rule: 'mandatory-step-removed' })]);
    });
  });
});

/** A process `review` with a start, an end, the given nodes and flows written as `A→B` pairs; the template marks Review. */
function model(nodes: string, flows: string, before?: string): string {
  const sequence = flows
    .split(/\s+/)
    .map((pair, index) => {
      const [from, to] = pair.split('→');
      return `<bpmn:sequenceFlow id="F${index}" sourceRef="${from}" targetRef="${to}" />`;
    })
    .join('');
  const properties = `<camunda:property name="xietong:mandatory" value="《测试法》第一条" />${before ? `<camunda:property name="xietong:mandatoryBefore" value="${before}" />` : ''}`;
  const marked = nodes.replace(
    /(<bpmn:(userTask|manualTask) id="Review" name="[^"]*") \/>/,
    `$1><bpmn:extensionElements><camunda:properties>${properties}</camunda:properties></bpmn:extensionElements></bpmn:$2>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="t">
  <bpmn:process id="review" isExecutable="true">
    <bpmn:startEvent id="Start" name="开始" /><bpmn:endEvent id="End" name="结束" />${marked}${sequence}
  </bpmn:process>
</bpmn:definitions>`;
}

