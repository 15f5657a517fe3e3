import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../repo-root';
import { ModdleElement, templateParser } from './model-libraries';
import { ModelProblem, problem } from './model-problem';

/** The extension property a template puts on a step the law requires; its value names the law. */
export const MANDATORY_PROPERTY = 'xietong:mandatory';

export interface MandatoryStep {
  id: string;
  name: string;
  law: string;
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

function mandatoryLaw(element: Element): string | null {
  const values = ((element.get('extensionElements') as Element | undefined)?.get('values') as Element[] | undefined) ?? [];
  const properties = values.filter((v) => v.$type === 'camunda:Properties').flatMap((p) => (p.get('values') as Element[] | undefined) ?? []);
  const law = properties.find((p) => p.get('name') === MANDATORY_PROPERTY)?.get('value');
  return typeof law === 'string' ? law.trim() || '（未注明）' : null;
}

/** The steps a template marks mandatory, by the key of each executable process. */
export function mandatoryStepsOf(definitions: ModdleElement): TemplateSteps {
  const steps: TemplateSteps = new Map();
  for (const process of executableProcesses(definitions)) {
    const marked = [...flowElements(process).values()]
      .map(({ element }) => ({ element, law: mandatoryLaw(element) }))
      .filter((m): m is { element: Element; law: string } => m.law !== null)
      .map(({ element, law }) => ({ id: element.id as string, name: String(element.get('name') ?? element.id), law }));
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
      const bypass = bypassPath(found.element, elements);
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
 * A path from a start event to an end event of the step's own process or subprocess that never enters the step,
 * or null. A subprocess is one node of its parent; a step inside one is also bypassed when its subprocess is.
 */
function bypassPath(step: Element, elements: Map<string, { element: Element; container: Element }>): string[] | null {
  const container = elements.get(step.id as string)?.container;
  if (!container) return null;
  const path = pathAround(step, container);
  if (path || !container.$instanceOf('bpmn:SubProcess')) return path;
  return bypassPath(container, elements);
}

function pathAround(step: Element, container: Element): string[] | null {
  const nodes = flowElementsOf(container).filter((e) => !e.$instanceOf('bpmn:SequenceFlow'));
  const next = new Map<Element, Element[]>();
  const link = (from: Element | undefined, to: Element | undefined) => {
    if (from && to) next.set(from, [...(next.get(from) ?? []), to]);
  };
  for (const flow of flowElementsOf(container).filter((e) => e.$instanceOf('bpmn:SequenceFlow'))) {
    link(flow.get('sourceRef') as Element | undefined, flow.get('targetRef') as Element | undefined);
  }
  // Leaving by a boundary event still means the activity was entered.
  for (const boundary of nodes.filter((e) => e.$type === 'bpmn:BoundaryEvent')) link(boundary.get('attachedToRef') as Element | undefined, boundary);

  const starts = nodes.filter((e) => e.$type === 'bpmn:StartEvent' && e !== step);
  const cameFrom = new Map<Element, Element | null>(starts.map((s) => [s, null]));
  const queue = [...starts];
  while (queue.length) {
    const node = queue.shift() as Element;
    if (node.$type === 'bpmn:EndEvent') {
      const path: string[] = [];
      for (let at: Element | null = node; at; at = cameFrom.get(at) ?? null) path.unshift(String(at.get('name') ?? at.id));
      return path;
    }
    for (const to of next.get(node) ?? []) {
      if (to === step || cameFrom.has(to)) continue;
      cameFrom.set(to, node);
      queue.push(to);
    }
  }
  return null;
}
