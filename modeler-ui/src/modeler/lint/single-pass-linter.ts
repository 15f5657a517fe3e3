/**
 * bpmnlint walks the whole model once per rule, diagram interchange included: 25 walks of a 1,000-step
 * process cost ~250 ms after every edit. This runs the same rules, with the same report shape, in one walk
 * of the semantic model (no rule we use reads BPMN DI nodes; no-overlapping-elements reads DI from the root).
 */
type Category = 'error' | 'warn' | 'info';

interface Descriptor {
  isGeneric?: boolean;
  properties: Array<{ name: string; isAttr?: boolean; isReference?: boolean; isMany?: boolean; type: string }>;
}
interface Node {
  $type: string;
  $descriptor: Descriptor;
  [key: string]: unknown;
}
interface Report {
  id?: string;
  message: string;
  category: Category | 'rule-error';
  meta?: unknown;
  [key: string]: unknown;
}
type Check = (node: Node, reporter: Reporter) => unknown;
interface Rule {
  check: Check | { enter?: Check; leave?: Check };
  meta?: unknown;
}
interface Reporter {
  report(id: string | undefined, message: string, path?: string[] | Record<string, unknown>): void;
}
export interface PackedLintConfig {
  config: { rules: Record<string, Category | 'off' | [Category | 'off', unknown]> };
  resolver: { resolveRule(pkg: string, name: string): unknown };
}

interface ActiveRule {
  name: string;
  enter?: Check;
  leave?: Check;
  reporter: Reporter;
  reports: Report[];
  /** Depth at which this rule's enter asked to skip the subtree; -1 when walking. */
  skipFrom: number;
  failed: boolean;
}

const simpleTypes = new Set(['String', 'Boolean', 'Integer', 'Real']);
const containedProperties = new WeakMap<Descriptor, Descriptor['properties']>();

function children(descriptor: Descriptor): Descriptor['properties'] {
  let found = containedProperties.get(descriptor);
  if (!found) {
    found = descriptor.properties.filter((p) => !p.isAttr && !p.isReference && !simpleTypes.has(p.type));
    containedProperties.set(descriptor, found);
  }
  return found;
}

function ruleOf(name: string, config: PackedLintConfig): { factory: (config: unknown) => Rule } {
  const slash = name.indexOf('/');
  const [pkg, rule] = slash < 0 ? ['bpmnlint', name] : [`bpmnlint-plugin-${name.slice(0, slash)}`, name.slice(slash + 1)];
  const factory = config.resolver.resolveRule(pkg, rule) as ((config: unknown) => Rule) | { default: (config: unknown) => Rule };
  return { factory: typeof factory === 'function' ? factory : factory.default };
}

export function singlePassLint(root: Node, packed: PackedLintConfig): Record<string, Report[]> {
  const rules: ActiveRule[] = [];
  for (const [name, value] of Object.entries(packed.config.rules)) {
    const [category, ruleConfig] = Array.isArray(value) ? value : [value, {}];
    if (category === 'off') continue;
    const rule = ruleOf(name, packed).factory(ruleConfig);
    const reports: Report[] = [];
    const check = rule.check;
    rules.push({
      name,
      enter: typeof check === 'function' ? check : check.enter,
      leave: typeof check === 'function' ? undefined : check.leave,
      reports,
      skipFrom: -1,
      failed: false,
      reporter: {
        report(id, message, path) {
          const extra = Array.isArray(path) ? { path } : (path ?? {});
          reports.push({ id, message, ...extra, meta: rule.meta, category });
        },
      },
    });
  }

  const call = (rule: ActiveRule, fn: Check, node: Node): unknown => {
    try {
      return fn(node, rule.reporter);
    } catch (error) {
      // As bpmnlint: a rule that throws reports its failure alone, not what it found before, and stops.
      rule.reports.splice(0, rule.reports.length, { message: (error as Error).message, category: 'rule-error' });
      rule.failed = true;
      return undefined;
    }
  };

  const walk = (node: Node, depth: number): void => {
    for (const rule of rules) {
      if (rule.failed || rule.skipFrom >= 0 || !rule.enter) continue;
      if (call(rule, rule.enter, node) === false) rule.skipFrom = depth;
    }
    const descriptor = node.$descriptor;
    // Diagram interchange: thousands of shapes, bounds and waypoints that none of our rules checks.
    if (!descriptor.isGeneric && node.$type !== 'bpmndi:BPMNDiagram') {
      for (const property of children(descriptor)) {
        const value = node[property.name];
        if (value === undefined || value === null) continue;
        if (property.isMany) for (const child of value as Node[]) walk(child, depth + 1);
        else walk(value as Node, depth + 1);
      }
    }
    for (const rule of rules) {
      if (rule.skipFrom === depth) rule.skipFrom = -1;
      if (rule.failed || rule.skipFrom >= 0 || !rule.leave) continue;
      call(rule, rule.leave, node);
    }
  };
  walk(root, 0);

  const results: Record<string, Report[]> = {};
  for (const rule of rules) if (rule.reports.length) results[rule.name] = rule.reports;
  return results;
}

/** Replaces bpmn-js-bpmnlint's per-rule walks by the single walk; overlays, button and events stay the plugin's. */
function useSinglePass(linting: { lint(): Promise<unknown>; getLinterConfig(): PackedLintConfig }, bpmnjs: { getDefinitions(): Node }) {
  linting.lint = () => Promise.resolve().then(() => singlePassLint(bpmnjs.getDefinitions(), linting.getLinterConfig()));
}
useSinglePass.$inject = ['linting', 'bpmnjs'];

export const singlePassLintModule = { __init__: [useSinglePass] };
