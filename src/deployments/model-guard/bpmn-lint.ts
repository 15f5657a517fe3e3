import type { ModdleElement } from './model-libraries';
import { ModelProblem, problem } from './model-problem';

// bpmnlint is CommonJS, but its rules require ES modules: loaded through require like the other model libraries.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Linter } = require('bpmnlint') as { Linter: new (options: object) => { lint(root: ModdleElement): Promise<LintResults> } };

type LintResults = Record<string, Array<{ id?: string; message: string; category: string }>>;

/**
 * bpmnlint's recommended rules, errors only (warnings are the modeler's business). `no-bpmndi` is off: a diagram
 * is display, not behaviour, and models written by hand or by tests legitimately carry none.
 */
const config = { extends: 'bpmnlint:recommended', rules: { 'no-bpmndi': 'off' } };

/** Rules and configs resolved from the installed bpmnlint only, never from the working directory. */
const resolver = {
  resolveRule: (pkg: string, name: string) => {
    if (pkg !== 'bpmnlint' || !/^[a-z-]+$/.test(name)) throw new Error(`unknown lint rule ${pkg}/${name}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`bpmnlint/rules/${name}`);
  },
  resolveConfig: (pkg: string, name: string) => {
    if (pkg !== 'bpmnlint' || name !== 'recommended') throw new Error(`unknown lint config ${pkg}/${name}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('bpmnlint/config/recommended');
  },
};

const zh: Record<string, string> = {
  'ad-hoc-sub-process': '临时子流程的写法不正确',
  'conditional-flows': '条件分支缺少条件',
  'end-event-required': '流程缺少结束事件',
  'event-based-gateway': '事件网关的后续元素不正确',
  'event-sub-process-typed-start-event': '事件子流程的开始事件须有类型',
  'label-required': '元素缺少名称',
  'link-event': '链接事件不成对',
  'no-complex-gateway': '不允许使用复杂网关',
  'no-disconnected': '元素没有连线',
  'no-duplicate-sequence-flows': '存在重复的连线',
  'no-gateway-join-fork': '网关不能同时汇合与分支',
  'no-implicit-split': '隐式分支：请使用网关',
  'no-implicit-end': '隐式结束：请连到结束事件',
  'no-implicit-start': '隐式开始：请从开始事件出发',
  'single-blank-start-event': '只能有一个空白开始事件',
  'single-event-definition': '事件只能有一个定义',
  'start-event-required': '流程缺少开始事件',
  'sub-process-blank-start-event': '子流程须以空白开始事件开始',
};

/** The recommended lint rules as guard problems (rule `lint`, the bpmnlint rule named in the message). */
export async function lintProblems(definitions: ModdleElement): Promise<ModelProblem[]> {
  // A fresh linter per model: bpmnlint rules keep state between documents.
  const results = await new Linter({ config, resolver }).lint(definitions);
  return Object.entries(results).flatMap(([rule, reports]) =>
    reports
      .filter((report) => report.category === 'error')
      .map((report) => {
        const id = report.id ?? null;
        const where = id ?? '（文件）';
        return problem('lint', id, `${where}：${zh[rule] ?? report.message}（规则 ${rule}）`, `${where}: ${report.message} (rule ${rule})`);
      }),
  );
}
