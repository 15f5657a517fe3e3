import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../repo-root';
import { ModdleElement, templateParser } from './model-libraries';
import { ModelProblem, problem } from './model-problem';

/** The extension property a template puts on a step the law requires; its value names the law. */
export const MANDATORY_PROPERTY = 'xietong:mandatory';
/**
 * Beside it, the id of a later step: then the step is required on every way to that step rather than on every
 * way to an end (告知 before 决定 — a case that ends without a decision needs no notice).
 */
export const MANDATORY_BEFORE_PROPERTY = 'xietong:mandatoryBefore';

export interface MandatoryStep {
  id: string;
  name: string;
  /** The BPMN type the template gives it: a variant may not turn a review into something that does not stop. */
  type: string;
  law: string;
  /** The id of the step it must precede, or null when every way to an end must pass it. */
  before: string | null;
}

/** Mandatory steps by process key, for every shipped template. */
export type TemplateSteps = Map<string, MandatoryStep[]>;

type Element = ModdleElement & { $instanceOf(type: string): boolean };

const flowElementsOf = (container: Element): Element[] => (container.get('flowElements') as Element[] | undefined) ?? [];
const executableProcesses = (definitions: ModdleElement): Element[] =>
  ((definitions.get('rootElements') as Element[] | undefined) ?? []).filter((e) => e.$type === 'bpmn:Process' && e.get('isExecutable') === true);

/** Every flow element of a process at any depth, with the process or subprocess that directly contains it. */
function flowElements(container: Element, into = new Map<string, { element: Element; container: Element }>()) {
  for (const element of flowElementsOf(container)) {
    if (element.id) into.set(element.id, { element, container });
    if (element.$instanceOf('bpmn:SubProcess')) flowElements(element, into);
  }
  return into;
}

function propertyOf(element: Element, name: string): string | null {
  const values = ((element.get('extensionElements') as Element | undefined)?.get('values') as Element[] | undefined) ?? [];
  const properties = values.filter((v) => v.$type === 'camunda:Properties').flatMap((p) => (p.get('values') as Element[] | undefined) ?? []);
  const value = properties.find((p) => p.get('name') === name)?.get('value');
  return typeof value === 'string' ? value.trim() : null;
}

function mandatoryLaw(element: Element): string | null {
  const law = propertyOf(element, MANDATORY_PROPERTY);
  return law === null ? null : law || '（未注明）';
}

/** The steps a template marks mandatory, by the key of each executable process. */
export function mandatoryStepsOf(definitions: ModdleElement): TemplateSteps {
  const steps: TemplateSteps = new Map();
  for (const process of executableProcesses(definitions)) {
    const marked = [...flowElements(process).values()]
      .map(({ element }) => ({ element, law: mandatoryLaw(element) }))
      .filter((m): m is { element: Element; law: string } => m.law !== null)
      .map(({ element, law }) => ({
        id: element.id as string,
        name: String(element.get('name') ?? element.id),
        type: element.$type,
        law,
        before: propertyOf(element, MANDATORY_BEFORE_PROPERTY) || null,
      }));
    if (process.id) steps.set(process.id, marked);
  }
  return steps;
}

let shipped: Promise<TemplateSteps> | undefined;

/** The mandatory steps of the templates in bpmn/templates/, read once: they change only with a release. */
export function shippedTemplateSteps(dir = join(repoRoot, 'bpmn', 'templates')): Promise<TemplateSteps> {
  shipped ??= (async () => {
    const all: TemplateSteps = new Map();
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.bpmn'))) {
      const { rootElement } = await templateParser().fromXML(readFileSync(join(dir, name), 'utf8'));
      for (const [key, steps] of mandatoryStepsOf(rootElement)) all.set(key, steps);
    }
    return all;
  })();
  return shipped;
}

/**
 * A variant of a template (same process key) may add steps and paths, but must keep every mandatory step and
 * leave no way from a start event to an end event around it.
 */
export function mandatoryStepProblems(definitions: ModdleElement, templates: TemplateSteps): ModelProblem[] {
  const problems: ModelProblem[] = [];
  for (const process of executableProcesses(definitions)) {
    const steps = templates.get(process.id ?? '') ?? [];
    if (!steps.length) continue;
    const elements = flowElements(process);
    for (const step of steps) {
      const found = elements.get(step.id);
      if (!found) {
        problems.push(
          problem(
            'mandatory-step-removed',
            step.id,
            `${step.id}（${step.name}）：模板规定的必经步骤被删除，此步骤不得删除（依据：${step.law}）`,
            `${step.id} (${step.name}): the template's mandatory step was removed; it may not be removed (required by: ${step.law})`,
          ),
        );
        continue;
      }
      if (found.element.$type !== step.type) {
        const [from, to] = [step.type, found.element.$type].map((type) => type.replace(/^bpmn:/, ''));
        problems.push(
          problem(
            'mandatory-step-changed',
            step.id,
            `${step.id}（${step.name}）：模板规定的必经步骤类型不得更改（${from} → ${to}）（依据：${step.law}）`,
            `${step.id} (${step.name}): the type of a mandatory step may not change (${from} → ${to}) (required by: ${step.law})`,
          ),
        );
        continue;
      }
      const anchor = step.before ? elements.get(step.before) : undefined;
      if (step.before && (!anchor || anchor.container !== found.container)) {
        problems.push(
          problem(
            'mandatory-step-removed',
            step.before,
            `${step.before}：必经步骤 ${step.id}（${step.name}）须在此步骤之前完成，此步骤不得删除或移出同一层级（依据：${step.law}）`,
            `${step.before}: the mandatory step ${step.id} (${step.name}) must come before it; it may not be removed or moved to another level (required by: ${step.law})`,
          ),
        );
        continue;
      }
      const bypass = anchor ? completionWithout(found.element, found.container, anchor.element) : bypassPath(found.element, elements);
      if (bypass) {
        const path = bypass.join(' → ');
        problems.push(
          problem(
            'mandatory-step-bypassed',
            step.id,
            `${step.id}（${step.name}）：存在绕过必经步骤的路径（${path}），每个案件都须经过此步骤（依据：${step.law}）`,
            `${step.id} (${step.name}): a path avoids this mandatory step (${path}); every case must pass it (required by: ${step.law})`,
          ),
        );
      }
    }
  }
  return problems;
}

/**
 * A way to finish the step's own process or subprocess without ever entering the step, as the names along it,
 * or null. A subprocess is one node of its parent; a step inside one is also bypassed when its subprocess is.
 */
function bypassPath(step: Element, elements: Map<string, { element: Element; container: Element }>): string[] | null {
  const container = elements.get(step.id as string)?.container;
  if (!container) return null;
  const path = completionWithout(step, container);
  if (path || !container.$instanceOf('bpmn:SubProcess')) return path;
  return bypassPath(container, elements);
}

const nameOf = (element: Element) => String(element.get('name') ?? element.id);
const isEventSubProcess = (element: Element) => element.$instanceOf('bpmn:SubProcess') && element.get('triggeredByEvent') === true;
/** All of these run when it is reached: a parallel gateway, or several outgoing flows without conditions. */
const splitsInParallel = (node: Element, outgoing: Element[]) =>
  node.$type === 'bpmn:ParallelGateway' ||
  (!node.$instanceOf('bpmn:Gateway') && outgoing.length > 1 && outgoing.every((f) => !f.get('conditionExpression') && node.get('default') !== f));

/**
 * Whether every run that completes the container passes the step, decided per node: an exclusive choice
 * (gateway, conditional flows, an interrupting boundary event) passes only if each of its ways does; a parallel
 * split passes if any of its branches does, since all of them run. Loops are assumed to pass until a way out
 * that does not is found (the largest fixpoint). An interrupting event subprocess can end the container at any
 * time, so it must pass the step itself. Returns a way around the step, or null.
 */
function completionWithout(step: Element, container: Element, until?: Element): string[] | null {
  const children = flowElementsOf(container);
  const flows = children.filter((e) => e.$instanceOf('bpmn:SequenceFlow'));
  const nodes = children.filter((e) => !e.$instanceOf('bpmn:SequenceFlow') && !isEventSubProcess(e));
  const outgoing = new Map<Element, Element[]>(nodes.map((n) => [n, flows.filter((f) => f.get('sourceRef') === n)]));
  const interrupting = new Map<Element, Element[]>();
  for (const boundary of nodes.filter((e) => e.$type === 'bpmn:BoundaryEvent' && e.get('cancelActivity') !== false)) {
    const activity = boundary.get('attachedToRef') as Element | undefined;
    if (activity) interrupting.set(activity, [...(interrupting.get(activity) ?? []), boundary]);
  }
  const next = (node: Element) => [...(outgoing.get(node) ?? []).map((f) => f.get('targetRef') as Element), ...(interrupting.get(node) ?? [])];

  // With `until`, only the ways to it count: reaching it without the step fails, any end passes.
  const passes = new Map<Element, boolean>(nodes.map((n) => [n, n === step || (n !== until && (next(n).length > 0 || until !== undefined))]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const node of nodes) {
      if (node === step || node === until || !passes.get(node)) continue;
      const ways = (outgoing.get(node) ?? []).map((f) => passes.get(f.get('targetRef') as Element) ?? false);
      const afterwards = splitsInParallel(node, outgoing.get(node) ?? []) ? ways.some(Boolean) : ways.every(Boolean);
      const value = afterwards && (interrupting.get(node) ?? []).every((b) => passes.get(b));
      if (!value) {
        passes.set(node, false);
        changed = true;
      }
    }
  }

  const starts = nodes.filter((e) => e.$type === 'bpmn:StartEvent' && e !== step);
  for (const start of starts.filter((s) => !passes.get(s))) return witness(start, (n) => next(n).filter((m) => !passes.get(m)));
  if (until) return null;
  for (const handler of children.filter(isEventSubProcess)) {
    const interruptingStart = flowElementsOf(handler).find((e) => e.$type === 'bpmn:StartEvent' && e.get('isInterrupting') !== false);
    if (!interruptingStart || flowElements(handler).has(step.id as string)) continue;
    const inside = completionWithout(step, handler);
    if (inside) return [nameOf(handler), ...inside];
  }
  return null;
}

/** The shortest way from `start` to a node with nowhere further to go, along the given steps. */
function witness(start: Element, steps: (node: Element) => Element[]): string[] {
  const cameFrom = new Map<Element, Element | null>([[start, null]]);
  const queue = [start];
  let last = start;
  while (queue.length) {
    const node = queue.shift() as Element;
    last = node;
    const onward = steps(node);
    if (onward.length === 0) break;
    for (const to of onward) {
      if (cameFrom.has(to)) continue;
      cameFrom.set(to, node);
      queue.push(to);
    }
  }
  const path: string[] = [];
  for (let at: Element | null = last; at; at = cameFrom.get(at) ?? null) path.unshift(nameOf(at));
  return path;
}
