import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../repo-root';
import { topicRegistry, TopicDefinition } from '../../../workers/topic-registry';
import * as libraries from './model-libraries';
import { ModelGuard } from './model-guard';
import { modelRules, type ModelProblem } from './model-problem';
import { MAX_MODEL_BYTES } from './raw-document';

const fixture = (name: string) => ({ name, content: readFileSync(join(__dirname, 'fixtures', name)) });
const rulesOf = (problems: ModelProblem[]) => problems.map((p) => p.rule);

describe(ModelGuard.name, () => {
  let sut: ModelGuard;
  beforeEach(() => (sut = new ModelGuard()));
  afterEach(() => jest.restoreAllMocks());

  describe('shipped models', () => {
    const modelsDir = join(repoRoot, 'bpmn');
    const shipped = ['templates', 'dmn', ...(existsSync(join(modelsDir, 'districts')) ? readdirSync(join(modelsDir, 'districts')).map((d) => join('districts', d)) : [])]
      .map((dir) => join(modelsDir, dir))
      .filter((dir) => existsSync(dir))
      .flatMap((dir) => readdirSync(dir).filter((name) => /\.(bpmn|dmn)$/.test(name)).map((name) => join(dir, name)));

    it('finds the shipped templates', () => {
      expect(shipped.some((path) => path.endsWith('intake-dispatch.bpmn'))).toBe(true);
    });

    it.each(shipped.map((path) => [path.slice(modelsDir.length + 1), path]))('passes %s', async (name, path) => {
      // given a model the project ships
      const file = { name: String(name), content: readFileSync(String(path)) };
      // when it is checked, then nothing is refused: a guard that refuses our own templates is broken
      expect(await sut.check(file)).toEqual([]);
    });
  });

  describe('controls that pass', () => {
    it.each(['valid-external-and-user-task.bpmn', 'valid-timers.bpmn', 'dmn-feel.dmn'])('passes %s', async (name) => {
      expect(await sut.check(fixture(name))).toEqual([]);
    });
  });

  describe('refusals before any parser runs', () => {
    it('(the spy below does see the parser when a file gets that far)', async () => {
      const parse = jest.spyOn(libraries, 'bpmnParser');
      await sut.check(fixture('valid-timers.bpmn'));
      expect(parse).toHaveBeenCalledTimes(1);
    });

    it('refuses a billion-laughs file without handing it to a parser', async () => {
      // given a file whose nested entities would expand to gigabytes
      const parse = jest.spyOn(libraries, 'bpmnParser');
      // when it is checked
      const problems = await sut.check(fixture('billion-laughs.bpmn'));
      // then it is refused for its DOCTYPE and no parser ever saw it
      expect(problems).toEqual([{ elementId: null, rule: 'no-doctype', message: { zh: expect.stringContaining('DOCTYPE'), en: expect.stringContaining('DOCTYPE') } }]);
      expect(parse).not.toHaveBeenCalled();
    });

    it('refuses an XXE file that would read /etc/passwd, and /etc/passwd never appears in the answer', async () => {
      const parse = jest.spyOn(libraries, 'bpmnParser');
      const problems = await sut.check(fixture('xxe-passwd.bpmn'));
      expect(rulesOf(problems)).toEqual(['no-doctype']);
      expect(JSON.stringify(problems)).not.toContain('root:');
      expect(parse).not.toHaveBeenCalled();
    });

    it('refuses an ENTITY declaration however it is spelled', async () => {
      const xml = readFileSync(join(__dirname, 'fixtures', 'valid-timers.bpmn'), 'utf8').replace('<bpmn:definitions', '<!-- <!entity x "y"> -->\n<bpmn:definitions');
      expect(rulesOf(await sut.check({ name: 'x.bpmn', content: xml }))).toEqual(['no-doctype']);
    });

    it('refuses a file over the size limit before reading it as XML', async () => {
      const parse = jest.spyOn(libraries, 'bpmnParser');
      const huge = Buffer.alloc(MAX_MODEL_BYTES + 1, ' ');
      const problems = await sut.check({ name: 'huge.bpmn', content: huge });
      expect(rulesOf(problems)).toEqual(['file-too-large']);
      expect(parse).not.toHaveBeenCalled();
    });

    it('refuses elements nested deeper than any model needs, before they exhaust the stack', async () => {
      const depth = 100_000;
      const xml = readFileSync(join(__dirname, 'fixtures', 'valid-timers.bpmn'), 'utf8').replace('<bpmn:userTask id="Step"', `${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}<bpmn:userTask id="Step"`);
      const parse = jest.spyOn(libraries, 'bpmnParser');
      const problems = await sut.check({ name: 'x.bpmn', content: xml });
      expect(problems).toEqual([expect.objectContaining({ rule: 'not-xml', message: expect.objectContaining({ en: expect.stringContaining('nested more than') }) })]);
      expect(parse).not.toHaveBeenCalled();
    });

    it('refuses an encoding other than UTF-8, which could hide a DOCTYPE from the text checks', async () => {
      const xml = readFileSync(join(__dirname, 'fixtures', 'valid-timers.bpmn'), 'utf8').replace('encoding="UTF-8"', 'encoding="UTF-7"');
      expect(rulesOf(await sut.check({ name: 'x.bpmn', content: xml }))).toEqual(['not-xml']);
    });

    it('refuses a file that is not XML', async () => {
      expect(rulesOf(await sut.check(fixture('not-xml.bpmn')))).toEqual(['not-xml']);
    });

    it('refuses XML that is neither BPMN nor DMN, naming its root', async () => {
      const problems = await sut.check(fixture('not-a-model.bpmn'));
      expect(rulesOf(problems)).toEqual(['not-bpmn-or-dmn']);
      expect(problems[0].message.en).toContain('html');
    });

    it('refuses a .dmn file that holds BPMN', async () => {
      const { content } = fixture('valid-timers.bpmn');
      expect(rulesOf(await sut.check({ name: 'triage.dmn', content }))).toEqual(['not-bpmn-or-dmn']);
    });

    it('refuses the Activiti namespace, which Camunda 7 still obeys', async () => {
      const xml = readFileSync(join(__dirname, 'fixtures', 'valid-timers.bpmn'), 'utf8').replace('xmlns:xsi=', 'xmlns:activiti="http://activiti.org/bpmn" xmlns:xsi=');
      expect(rulesOf(await sut.check({ name: 'x.bpmn', content: xml }))).toEqual(['no-foreign-engine-namespace']);
    });

    it('refuses broken XML', async () => {
      const xml = readFileSync(join(__dirname, 'fixtures', 'valid-timers.bpmn'), 'utf8').replace('</bpmn:process>', '');
      const problems = await sut.check({ name: 'x.bpmn', content: xml });
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.every((p) => p.rule === 'not-xml' || p.rule === 'unparsed-content')).toBe(true);
    });
  });

  describe('code hooks', () => {
    it.each([
      ['script-task.bpmn', 'no-script', 'Step'],
      ['script-listener.bpmn', 'no-script', 'Step'],
      ['java-class.bpmn', 'no-java-class', 'Step'],
      ['delegate-expression-listener.bpmn', 'no-delegate-expression', 'Step'],
      ['expression-hook.bpmn', 'no-expression-hook', 'Step'],
      ['connector.bpmn', 'no-connector', 'Step'],
    ])('%s is refused with %s on element %s', async (name, rule, elementId) => {
      // given a model that would run code inside the engine; when it is checked
      const problems = await sut.check(fixture(name));
      // then the hook is refused and the element named
      expect(problems).toContainEqual({ elementId, rule, message: { zh: expect.stringContaining(elementId), en: expect.stringContaining(elementId) } });
    });

    it('a condition written in a script language is a script', async () => {
      const xml = readFileSync(join(__dirname, 'fixtures', 'valid-external-and-user-task.bpmn'), 'utf8').replace('<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">', '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="groovy">');
      expect(await sut.check({ name: 'x.bpmn', content: xml })).toContainEqual(expect.objectContaining({ elementId: 'Flow_2', rule: 'no-script' }));
    });

    it('an attribute the guard does not know is refused, not trusted', async () => {
      const xml = readFileSync(join(__dirname, 'fixtures', 'valid-timers.bpmn'), 'utf8').replace('camunda:dueDate=', 'camunda:futureHook="x" camunda:dueDate=');
      expect(await sut.check({ name: 'x.bpmn', content: xml })).toContainEqual(expect.objectContaining({ elementId: 'Step', rule: 'unparsed-content' }));
    });
  });

  describe('external tasks', () => {
    it('refuses a topic no worker serves, naming the topic', async () => {
      const problems = await sut.check(fixture('unknown-topic.bpmn'));
      expect(problems).toEqual([expect.objectContaining({ elementId: 'Step', rule: 'unknown-topic' })]);
      expect(problems[0].message.zh).toContain('sms.send');
    });

    it('refuses a service task that is not an external task', async () => {
      expect(await sut.check(fixture('not-external.bpmn'))).toEqual([expect.objectContaining({ elementId: 'Step', rule: 'external-task-required' })]);
    });

    describe('with a topic that needs an input nobody sets', () => {
      const topics: Record<string, TopicDefinition> = {
        ...topicRegistry,
        'case.notify-party': { name: '发送通知', description: 'test topic', inputs: { partyPhone: { type: 'string', label: '当事人电话', required: true } }, outputs: {} },
      };
      beforeEach(() => (sut = new ModelGuard({ topics })));

      it('refuses the task when the input is not mapped', async () => {
        const problems = await sut.check(fixture('topic-input-missing.bpmn'));
        expect(problems).toEqual([expect.objectContaining({ elementId: 'Step', rule: 'topic-input-missing' })]);
        expect(problems[0].message.en).toContain('partyPhone');
      });

      it('passes the task when the input is mapped', async () => {
        expect(await sut.check(fixture('topic-input-mapped.bpmn'))).toEqual([]);
      });
    });
  });

  describe('user tasks', () => {
    it.each([
      ['user-task-without-candidate-group.bpmn', 'candidate-group-required', ''],
      ['user-task-unknown-role.bpmn', 'unknown-candidate-group', 'chief-of-police'],
      ['user-task-missing-form.bpmn', 'unknown-form', 'no-such-form'],
      ['user-task-without-form.bpmn', 'form-required', 'formRef'],
    ])('%s is refused with %s', async (name, rule, named) => {
      const problems = await sut.check(fixture(name));
      expect(problems).toEqual([expect.objectContaining({ elementId: 'Step', rule })]);
      expect(problems[0].message.en).toContain(named);
    });

    it('accepts a form uploaded with the model', async () => {
      // given the model names a form that is not shipped but is part of the same upload
      const form = { name: 'no-such-form.form', content: JSON.stringify({ id: 'no-such-form', type: 'default', components: [] }) };
      // when both are checked together, then the form is found
      expect(await sut.check(fixture('user-task-missing-form.bpmn'), [form])).toEqual([]);
    });
  });

  describe('timers and expressions', () => {
    it('refuses a timer that is not ISO 8601, quoting it', async () => {
      const problems = await sut.check(fixture('invalid-timer.bpmn'));
      expect(problems).toEqual([expect.objectContaining({ elementId: 'Overdue', rule: 'invalid-timer' })]);
      expect(problems[0].message.en).toContain('3 days');
    });

    it('refuses expressions that call methods, naming element and expression', async () => {
      const problems = await sut.check(fixture('method-call-expression.bpmn'));
      expect(problems).toEqual([
        expect.objectContaining({ elementId: 'Step', rule: 'unsafe-expression', message: expect.objectContaining({ en: expect.stringContaining('getClass') }) }),
        expect.objectContaining({ elementId: 'Flow_2', rule: 'unsafe-expression', message: expect.objectContaining({ en: expect.stringContaining('execution.getProcessEngineServices()') }) }),
      ]);
    });

    it('refuses an input mapping that would call Runtime', async () => {
      const problems = await sut.check(fixture('runtime-expression.bpmn'));
      expect(problems).toEqual([expect.objectContaining({ elementId: 'Step', rule: 'unsafe-expression', message: expect.objectContaining({ en: expect.stringContaining('Runtime') }) })]);
    });
  });

  describe('DMN', () => {
    it('refuses a decision table with a script input expression', async () => {
      const problems = await sut.check(fixture('dmn-script.dmn'));
      expect(problems).toContainEqual(expect.objectContaining({ elementId: 'InputExpression_Area', rule: 'no-script' }));
    });

    it('refuses a JUEL input expression that calls a method', async () => {
      const problems = await sut.check(fixture('dmn-method-call.dmn'));
      expect(problems).toEqual([expect.objectContaining({ elementId: 'InputExpression_Area', rule: 'unsafe-expression' })]);
    });

    it('refuses a FEEL output entry that reaches into an object', async () => {
      const xml = readFileSync(join(__dirname, 'fixtures', 'dmn-feel.dmn'), 'utf8').replace('<text>"routine"</text>', '<text>execution.processEngine</text>');
      expect(await sut.check({ name: 'x.dmn', content: xml })).toEqual([expect.objectContaining({ elementId: 'Entry_Level2', rule: 'unsafe-expression' })]);
    });
  });

  describe('bpmnlint, recommended rules', () => {
    it('refuses a step that leads nowhere, naming it', async () => {
      const xml = readFileSync(join(__dirname, 'fixtures', 'valid-timers.bpmn'), 'utf8').replace('  </bpmn:process>', '    <bpmn:task id="Orphan" name="孤立任务" />\n  </bpmn:process>');
      const problems = await sut.check({ name: 'x.bpmn', content: xml });
      expect(problems).toContainEqual({ elementId: 'Orphan', rule: 'lint', message: { zh: expect.stringContaining('no-disconnected'), en: expect.stringContaining('no-disconnected') } });
    });

    it('lints each model on its own: the same flows in two uploads are not duplicates', async () => {
      await sut.check(fixture('valid-timers.bpmn'));
      expect(await sut.check(fixture('valid-timers.bpmn'))).toEqual([]);
    });
  });

  it('answers only with rule ids of the published list', async () => {
    const names = readdirSync(join(__dirname, 'fixtures'));
    const all = (await Promise.all(names.map((name) => sut.check(fixture(name))))).flat();
    for (const p of all) expect(modelRules).toContain(p.rule);
  });
});
