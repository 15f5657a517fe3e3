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
});
