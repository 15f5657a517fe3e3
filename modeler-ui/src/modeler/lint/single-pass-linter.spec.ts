/// <reference types="jest" />
import { Linter } from 'bpmnlint';
import { fixtureModels, fixturePath, readModel, realCatalog, repoPath, shippedModels, type Definitions } from './fixtures/lint-fixtures';
import { lintConfig } from './lint-config';
import { singlePassLint, type PackedLintConfig } from './single-pass-linter';

type Report = { id?: string; message: string; category: string };
type Results = Record<string, Report[]>;
type Reporter = { report(id: string | undefined, message: string): void };
type Check = (node: Definitions, reporter: Reporter) => unknown;
type ProbeRule = () => { check: Check | { enter?: Check; leave?: Check } };

/** Rule by rule, the reports in a fixed order: the two linters walk in different orders, and order carries no meaning. */
function byRule(results: Results): Results {
  const key = (report: Report) => JSON.stringify([report.id, report.message, report.category]);
  return Object.fromEntries(Object.entries(results).map(([rule, reports]) => [rule, [...reports].sort((a, b) => key(a).localeCompare(key(b)))]));
}

/** bpmnlint's own result: one walk per rule, with a fresh linter since its rules keep state between runs. */
const bpmnlint = (definitions: Definitions, packed: PackedLintConfig): Promise<Results> => new Linter(packed).lint(definitions);

/** Probe rules under the plugin name `probe/`, for walking behaviour no shipped rule exercises. */
function probeConfig(rules: Record<string, ProbeRule>): PackedLintConfig {
  return {
    config: { rules: Object.fromEntries(Object.keys(rules).map((name) => [`probe/${name}`, 'error' as const])) },
    resolver: { resolveRule: (_pkg: string, name: string) => rules[name] },
  };
}

describe(singlePassLint.name, () => {
  const catalog = realCatalog();
  const models = [...fixtureModels(), ...shippedModels()];

  it.each(models)('reports on %s exactly what bpmnlint reports', async (path) => {
    // given a model and the modeler's packed config, when both linters run, then each rule reports the same elements and messages
    const definitions = await readModel(repoPath(path));
    const packed = lintConfig(catalog);
    expect(byRule(singlePassLint(definitions, packed))).toEqual(byRule(await bpmnlint(definitions, packed)));
  });

  it('the comparison is not empty: across the models, every one of our rules reports something', async () => {
    const reported = new Set<string>();
    for (const path of models) for (const rule of Object.keys(singlePassLint(await readModel(repoPath(path)), lintConfig(catalog)))) reported.add(rule);
    expect([...reported].filter((rule) => rule.startsWith('xietong/')).sort()).toEqual(['xietong/external-task', 'xietong/no-code', 'xietong/timer', 'xietong/user-task']);
  });

  it('walks as bpmnlint does: a subtree the rule declines is not entered, yet its root is still left', async () => {
    // given a rule that notes every semantic element it enters and leaves and declines the inside of each user task
    const walk: ProbeRule = () => ({
      check: {
        enter(node, reporter) {
          if (/^(bpmndi|dc|di):/.test(node.$type)) return;
          reporter.report(node.id as string | undefined, `enter ${node.$type}`);
          return node.$type !== 'bpmn:UserTask';
        },
        leave(node, reporter) {
          if (!/^(bpmndi|dc|di):/.test(node.$type)) reporter.report(node.id as string | undefined, `leave ${node.$type}`);
        },
      },
    });
    const definitions = await readModel(repoPath('bpmn/templates/case-review.bpmn'));
    // when both linters run it
    const expected = await bpmnlint(definitions, probeConfig({ walk }));
    // then they agree: user tasks are left, and of the extension elements only those outside user tasks are entered
    expect(byRule(singlePassLint(definitions, probeConfig({ walk })))).toEqual(byRule(expected));
    const messages = expected['probe/walk'].map((r) => r.message);
    const elements = (definitions.rootElements as Definitions[]).flatMap((root) => [root, ...((root.flowElements as Definitions[] | undefined) ?? [])]);
    const extended = elements.filter((element) => element.extensionElements);
    expect(extended.filter((element) => element.$type === 'bpmn:UserTask').length).toBeGreaterThan(0);
    expect(messages.filter((m) => m === 'leave bpmn:UserTask').length).toBe(elements.filter((e) => e.$type === 'bpmn:UserTask').length);
    expect(messages.filter((m) => m === 'enter bpmn:ExtensionElements').length).toBe(extended.filter((e) => e.$type !== 'bpmn:UserTask').length);
  });

  it('a rule that throws reports its failure alone, as in bpmnlint, while the other rules report as usual', async () => {
    // given a rule that notes each flow node and fails at the first user task, beside one that notes every end
    const failing: ProbeRule = () => ({
      check(node, reporter) {
        if (node.$type === 'bpmn:UserTask') throw new Error(`probe failed at ${node.id as string}`);
        if (/^bpmn:(Start|End)Event$/.test(node.$type)) reporter.report(node.id as string, 'flow node');
      },
    });
    const ends: ProbeRule = () => ({ check: (node, reporter) => void (node.$type === 'bpmn:EndEvent' && reporter.report(node.id as string, 'end')) });
    const definitions = await readModel(fixturePath('user-task-valid.bpmn'));
    const silenced = jest.spyOn(console, 'error').mockImplementation(() => undefined); // bpmnlint logs the failure
    try {
      // when both linters run them
      const expected = await bpmnlint(definitions, probeConfig({ failing, ends }));
      // then the failing rule reports only its failure, before (开始) and after (结束) it dropped, and the other rule is untouched
      expect(expected).toEqual({ 'probe/failing': [{ message: 'probe failed at Review', category: 'rule-error' }], 'probe/ends': [expect.objectContaining({ id: 'End', message: 'end' })] });
      expect(byRule(singlePassLint(definitions, probeConfig({ failing, ends })))).toEqual(byRule(expected));
    } finally {
      silenced.mockRestore();
    }
  });
});
