import { bpmnParser, type ModdleElement } from '../deployments/model-guard/model-libraries';
import { describe, fingerprintOf } from './model-diff';

/**
 * 模板有更新, taken without losing the district's own work: a three-way merge of BPMN models, element by element
 * (matched by id). base = the template the district's variant was made from, theirs = the newest template,
 * ours = the district's variant. What only the template changed is taken, what only the district changed is
 * kept, and where both touched the same element the district's version stays and a conflict says so.
 */

export type MergeConflictKind =
  /** Both changed the element, differently. */
  | 'both-changed'
  /** Both added an element with this id, differently. */
  | 'both-added'
  /** The template removed it; the district had changed it. */
  | 'removed-but-changed'
  /** The template changed it; the district had removed it. */
  | 'changed-but-removed'
  /** The template's new or changed element points at something the district removed (a flow's source or target). */
  | 'missing-reference'
  /** The template removed it, but the district's model still points at it. */
  | 'still-used'
  /** Nothing could be merged: the draft is the new template as it is, and the district's changes must be made again. */
  | 'not-merged';

/** The conflicts the merge itself finds ('not-merged' is the caller's, when there is no merge at all). */
type ElementConflictKind = Exclude<MergeConflictKind, 'not-merged'>;

export interface MergeConflict {
  elementId: string;
  kind: MergeConflictKind;
  zh: string;
  en: string;
}

export interface TemplateMerge {
  xml: string;
  /** The template's changes now in the district's model, by element id. */
  applied: { added: string[]; removed: string[]; changed: string[] };
  conflicts: MergeConflict[];
}

type Element = ModdleElement & { $instanceOf(type: string): boolean };
type Slot = 'rootElements' | 'flowElements' | 'laneSets' | 'lanes' | 'artifacts';
type Step = 'add' | 'remove' | 'take';

/** Collections whose members are merged as elements of their own; the element holding them only lends its place. */
const CONTAINERS: Slot[] = ['flowElements', 'laneSets', 'lanes', 'artifacts'];
/** Links that follow from others (a flow's source and target, a node's place in a lane): rebuilt after the merge, never compared. */
const DERIVED = new Set(['incoming', 'outgoing', 'flowNodeRef']);

/** One element where it sits in one of the three models. */
interface Placed {
  element: Element;
  /** The id of the element holding it, '' for the definitions. */
  parentId: string;
  slot: Slot;
  /** The ids of the collection it sits in, in file order: where an addition goes. */
  siblings: string[];
  /** Canonical text of everything but its children and derived links; equal text, equal element. */
  print: string;
  /** Ids it cannot live without: its container and every element it refers to. */
  needs: string[];
  /** A lane's flow nodes. */
  members: string[];
  label: Label;
}

/** How a message names an element: 「核查」（Check）, or 连线 Flow_3 when it has no name. */
interface Label {
  zh: string;
  en: string;
}

interface Layout {
  shape: Element;
  plane: Element;
}

interface Model {
  definitions: Element;
  placed: Map<string, Placed>;
  layout: Map<string, Layout>;
}

interface Writer {
  fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: unknown[] }>;
  toXML(element: ModdleElement, options: { format: boolean }): Promise<{ xml: string }>;
}

/** Merges the template's update into the district's variant. Throws when a document is not BPMN or the result would not parse. */
export async function mergeTemplateUpdate(input: { base: string; theirs: string; ours: string }): Promise<TemplateMerge> {
  // One moddle for the three documents: elements move from theirs into ours and must be of the same registry.
  const moddle = bpmnParser() as unknown as Writer;
  const [base, theirs, ours] = [await read(moddle, input.base), await read(moddle, input.theirs), await read(moddle, input.ours)];
  const conflicts = new Map<string, MergeConflict>();
  const plan = planSteps(base, theirs, ours, conflicts);
  keepWhatIsStillNeeded(base, theirs, ours, plan, conflicts);

  applySteps(theirs, ours, plan);
  relinkFlows(ours.definitions);
  mergeLaneMembers(base, theirs, ours);
  const relaidOut = mergeLayout(base, theirs, ours, plan, conflicts);

  const steps = [...plan];
  const applied = {
    added: steps.filter(([, step]) => step === 'add').map(([id]) => id),
    removed: steps.filter(([, step]) => step === 'remove').map(([id]) => id),
    changed: steps.filter(([, step]) => step === 'take').map(([id]) => id),
  };
  // Nothing to take: the district's file as it is, not a reformatted copy.
  if (!plan.size && !relaidOut) return { xml: input.ours, applied, conflicts: [...conflicts.values()] };

  const { xml } = await moddle.toXML(ours.definitions, { format: true });
  const check = await bpmnParser().fromXML(xml);
  if (check.warnings.length) throw new Error(`the merged model does not read back: ${String((check.warnings[0] as { message?: string }).message)}`);
  return { xml, applied, conflicts: [...conflicts.values()] };
}

async function read(moddle: Writer, xml: string): Promise<Model> {
  const { rootElement } = await moddle.fromXML(xml);
  if (rootElement.$type !== 'bpmn:Definitions') throw new Error('not a BPMN document');
  const definitions = rootElement as Element;
  const placed = new Map<string, Placed>();
  const visit = (parentId: string, slot: Slot, children: Element[]): void => {
    const siblings = children.map((child) => child.id).filter((id): id is string => typeof id === 'string');
    for (const child of children) {
      if (typeof child.id !== 'string') continue;
      placed.set(child.id, {
        element: child,
        parentId,
        slot,
        siblings,
        print: printOf(child, parentId),
        needs: needsOf(child, parentId),
        members: idsOf(child.flowNodeRef),
        label: labelOf(child),
      });
      for (const container of CONTAINERS) if (holds(child, container)) visit(child.id, container, listOf(child, container));
    }
  };
  visit('', 'rootElements', listOf(definitions, 'rootElements'));
  return { definitions, placed, layout: layoutOf(definitions) };
}

/** model-diff's fingerprint, without the derived links, plus where the element sits (a move is a change). */
function printOf(element: Element, parentId: string): string {
  const print = fingerprintOf(element);
  for (const key of DERIVED) print.delete(key);
  print.set('parent', parentId);
  return [...print].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => `${key}=${value}`).join('\n');
}

function needsOf(element: Element, parentId: string): string[] {
  const needs = new Set<string>(parentId ? [parentId] : []);
  const walk = (value: Element): void => {
    for (const property of value.$descriptor.properties) {
      if (CONTAINERS.includes(property.name as Slot) || DERIVED.has(property.name) || property.name === 'di') continue;
      const content = value[property.name];
      const items = (Array.isArray(content) ? content : [content]) as Array<Element | undefined>;
      for (const item of items) {
        if (!item || typeof item !== 'object') continue;
        if (property.isReference) {
          if (typeof item.id === 'string') needs.add(item.id);
        } else if (item.$descriptor) {
          walk(item);
        }
      }
    }
  };
  walk(element);
  return [...needs];
}

/** Decides, element by element, what the district's model takes from the template. */
function planSteps(base: Model, theirs: Model, ours: Model, conflicts: Map<string, MergeConflict>): Map<string, Step> {
  const plan = new Map<string, Step>();
  const ids = new Set([...theirs.placed.keys(), ...base.placed.keys(), ...ours.placed.keys()]);
  for (const id of ids) {
    const [b, t, o] = [base.placed.get(id), theirs.placed.get(id), ours.placed.get(id)];
    const conflict = (kind: ElementConflictKind) => conflicts.set(id, conflictOf(kind, id, (o ?? t ?? b)!.label));
    if (!b && t) {
      if (!o) plan.set(id, 'add');
      else if (o.print !== t.print) conflict('both-added');
    } else if (b && !t) {
      if (o && o.print === b.print) plan.set(id, 'remove');
      else if (o) conflict('removed-but-changed');
    } else if (b && t && t.print !== b.print) {
      if (!o) conflict('changed-but-removed');
      else if (o.print === b.print) plan.set(id, 'take');
      else if (o.print !== t.print) conflict('both-changed');
    }
  }
  return plan;
}

/**
 * Steps that would break the result are dropped until none is left: an addition or change that points at
 * something the district removed, a removal of something the result still points at. An element the template
 * removed but the district keeps also keeps its own flows as they are, so it stays connected.
 */
function keepWhatIsStillNeeded(base: Model, theirs: Model, ours: Model, plan: Map<string, Step>, conflicts: Map<string, MergeConflict>): void {
  const known = (id: string) => base.placed.has(id) || theirs.placed.has(id) || ours.placed.has(id);
  const inResult = (id: string) => (plan.has(id) ? plan.get(id) !== 'remove' : ours.placed.has(id));
  const labelOf = (id: string) => (ours.placed.get(id) ?? theirs.placed.get(id) ?? base.placed.get(id))!.label;
  let settled = false;
  while (!settled) {
    settled = true;
    for (const [id, step] of plan) {
      if (step === 'remove') continue;
      const missing = theirs.placed.get(id)!.needs.find((need) => known(need) && !inResult(need));
      if (missing === undefined) continue;
      plan.delete(id);
      conflicts.set(id, conflictOf('missing-reference', id, labelOf(id), labelOf(missing)));
      settled = false;
    }
    const result = [...ours.placed.keys()].filter(inResult).concat([...plan].filter(([, step]) => step === 'add').map(([id]) => id));
    for (const id of result) {
      const needs = plan.has(id) ? theirs.placed.get(id)!.needs : ours.placed.get(id)!.needs;
      for (const need of needs) {
        if (plan.get(need) !== 'remove') continue;
        plan.delete(need);
        conflicts.set(need, conflictOf('still-used', need, labelOf(need), labelOf(id)));
        settled = false;
      }
    }
    for (const conflict of conflicts.values()) {
      if (conflict.kind !== 'removed-but-changed' && conflict.kind !== 'still-used') continue;
      for (const [id, placed] of ours.placed) {
        if (!plan.has(id) || !placed.element.$instanceOf('bpmn:SequenceFlow')) continue;
        if (idOf(placed.element.sourceRef) !== conflict.elementId && idOf(placed.element.targetRef) !== conflict.elementId) continue;
        plan.delete(id);
        settled = false;
      }
    }
  }
}

/** Removals first, then additions and changes in the template's file order, so an added container is there before its children. */
function applySteps(theirs: Model, ours: Model, plan: Map<string, Step>): void {
  const index = new Map<string, Element>([...ours.placed].map(([id, placed]) => [id, placed.element]));
  for (const [id, step] of plan) {
    if (step !== 'remove') continue;
    detach(ours.placed.get(id)!);
    index.delete(id);
  }
  for (const [id, their] of theirs.placed) {
    const step = plan.get(id);
    if (step !== 'add' && step !== 'take') continue;
    const element = their.element;
    const mine = step === 'take' ? ours.placed.get(id)! : undefined;
    // The element's own children are merged one by one: it brings the district's, or starts empty.
    for (const container of CONTAINERS) {
      if (!holds(element, container)) continue;
      const children = mine && holds(mine.element, container) ? listOf(mine.element, container) : [];
      for (const child of children) child.$parent = element;
      element[container] = children;
    }
    const parent = their.parentId ? index.get(their.parentId) : ours.definitions;
    if (!parent) throw new Error(`the container ${their.parentId} of ${id} is missing`);
    const list = listOf(parent, their.slot);
    const at = mine && mine.parentId === their.parentId && mine.slot === their.slot ? list.indexOf(mine.element) : -1;
    if (at >= 0) {
      list[at] = element;
    } else {
      if (mine) detach(mine);
      insertAfterSiblings(list, element, their.siblings);
    }
    element.$parent = parent;
    index.set(id, element);
  }
}

function detach(placed: Placed): void {
  const parent = placed.element.$parent as Element | undefined;
  if (!parent) return;
  const list = listOf(parent, placed.slot);
  const at = list.indexOf(placed.element);
  if (at >= 0) list.splice(at, 1);
}

/** After the nearest element that precedes it in the template and is in the district's model too. */
function insertAfterSiblings(list: Element[], element: Element, siblings: string[]): void {
  const before = siblings.slice(0, siblings.indexOf(element.id as string)).reverse();
  for (const id of before) {
    const at = list.findIndex((e) => e.id === id);
    if (at >= 0) return void list.splice(at + 1, 0, element);
  }
  if (before.length) list.push(element);
  else list.unshift(element);
}

/** Incoming and outgoing follow from the flows: kept in the district's order, new ones appended. */
function relinkFlows(definitions: Element): void {
  const nodes: Element[] = [];
  const flows: Element[] = [];
  const visit = (container: Element): void => {
    for (const element of holds(container, 'flowElements') ? listOf(container, 'flowElements') : []) {
      if (element.$instanceOf('bpmn:SequenceFlow')) flows.push(element);
      else if (element.$instanceOf('bpmn:FlowNode')) nodes.push(element);
      visit(element);
    }
  };
  for (const root of listOf(definitions, 'rootElements')) visit(root);
  for (const node of nodes) {
    node.incoming = inOrder(node.incoming, flows.filter((flow) => idOf(flow.targetRef) === node.id));
    node.outgoing = inOrder(node.outgoing, flows.filter((flow) => idOf(flow.sourceRef) === node.id));
  }
}

function inOrder(before: unknown, now: Element[]): Element[] {
  const kept = idsOf(before).map((id) => now.find((flow) => flow.id === id)).filter((flow): flow is Element => !!flow);
  return [...kept, ...now.filter((flow) => !kept.includes(flow))];
}

/** A lane's flow nodes as a set: the district's, minus what the template took out of the lane, plus what it put in. */
function mergeLaneMembers(base: Model, theirs: Model, ours: Model): void {
  const nodes = new Map<string, Element>();
  const lanes: Element[] = [];
  const visit = (container: Element): void => {
    for (const slot of CONTAINERS) {
      for (const element of holds(container, slot) ? listOf(container, slot) : []) {
        if (element.$instanceOf('bpmn:Lane')) lanes.push(element);
        else if (element.$instanceOf('bpmn:FlowNode')) nodes.set(element.id as string, element);
        visit(element);
      }
    }
  };
  for (const root of listOf(ours.definitions, 'rootElements')) visit(root);
  for (const lane of lanes) {
    const id = lane.id as string;
    const [b, t, o] = [base.placed.get(id)?.members, theirs.placed.get(id)?.members, ours.placed.get(id)?.members];
    let members: string[];
    if (b && t && o) members = [...o.filter((m) => !b.includes(m) || t.includes(m)), ...t.filter((m) => !b.includes(m) && !o.includes(m))];
    else members = o ?? t ?? [];
    lane.flowNodeRef = members.map((member) => nodes.get(member)).filter((node): node is Element => !!node);
  }
}

/**
 * The diagram follows the elements: an added element brings its shape from the template, a removed one takes
 * its shape along, and a shape the template moved is moved too unless the district had moved it itself.
 * Returns how many shapes the template moved.
 */
function mergeLayout(base: Model, theirs: Model, ours: Model, plan: Map<string, Step>, conflicts: Map<string, MergeConflict>): number {
  const diagrams = listOf(ours.definitions, 'diagrams');
  const planes = new Map(diagrams.map((diagram) => [idOf((diagram.plane as Element | undefined)?.bpmnElement), diagram.plane as Element]));
  const mainPlane = diagrams[0]?.plane as Element | undefined;
  for (const [id, step] of plan) {
    if (step === 'remove') {
      const mine = ours.layout.get(id);
      if (mine) remove(listOf(mine.plane, 'planeElement'), mine.shape);
      for (const diagram of [...diagrams]) if (idOf((diagram.plane as Element | undefined)?.bpmnElement) === id) remove(diagrams, diagram);
    } else if (step === 'add') {
      const their = theirs.layout.get(id);
      const plane = their ? (planes.get(idOf(their.plane.bpmnElement)) ?? mainPlane) : undefined;
      if (their && plane) {
        listOf(plane, 'planeElement').push(their.shape);
        their.shape.$parent = plane;
      }
      for (const diagram of listOf(theirs.definitions, 'diagrams')) {
        if (idOf((diagram.plane as Element | undefined)?.bpmnElement) !== id) continue;
        diagrams.push(diagram);
        diagram.$parent = ours.definitions;
      }
    }
  }
  let moved = 0;
  for (const [id, mine] of ours.layout) {
    if (plan.get(id) === 'remove' || conflicts.has(id) || !followsTemplate(id, base, theirs, ours, plan)) continue;
    const [b, t] = [base.layout.get(id), theirs.layout.get(id)];
    if (!b || !t) continue;
    const before = describe(b.shape);
    if (describe(mine.shape) !== before || describe(t.shape) === before) continue;
    const shapes = listOf(mine.plane, 'planeElement');
    shapes[shapes.indexOf(mine.shape)] = t.shape;
    t.shape.$parent = mine.plane;
    moved += 1;
  }
  return moved;
}

/** Whether the element in the result is the template's version: only then may its shape be the template's (a flow kept as the district's keeps its own path). */
function followsTemplate(id: string, base: Model, theirs: Model, ours: Model, plan: Map<string, Step>): boolean {
  const [b, t, o] = [base.placed.get(id), theirs.placed.get(id), ours.placed.get(id)];
  if (!b || !t || !o) return true;
  return plan.get(id) === 'take' || t.print === b.print || o.print === t.print;
}

function layoutOf(definitions: Element): Map<string, Layout> {
  const layout = new Map<string, Layout>();
  for (const diagram of listOf(definitions, 'diagrams')) {
    const plane = diagram.plane as Element | undefined;
    if (!plane) continue;
    for (const shape of listOf(plane, 'planeElement')) {
      const id = idOf(shape.bpmnElement);
      if (id) layout.set(id, { shape, plane });
    }
  }
  return layout;
}

function conflictOf(kind: ElementConflictKind, id: string, subject: Label, other: Label = { zh: '', en: '' }): MergeConflict {
  const messages: Record<ElementConflictKind, Label> = {
    'both-changed': { zh: `模板和本区都修改了${subject.zh}，且改法不同：保留本区的版本`, en: `Both the template and the district changed ${subject.en}, differently: the district's version is kept` },
    'both-added': { zh: `模板和本区都新增了${subject.zh}，但内容不同：保留本区的版本`, en: `Both the template and the district added ${subject.en}, differently: the district's version is kept` },
    'removed-but-changed': { zh: `模板删除了${subject.zh}，但本区修改过它：保留本区的版本及其连线`, en: `The template removed ${subject.en}, which the district had changed: the district's version and its flows are kept` },
    'changed-but-removed': { zh: `模板修改了${subject.zh}，但本区已删除它：未恢复`, en: `The template changed ${subject.en}, which the district had removed: it is not brought back` },
    'missing-reference': { zh: `模板的${subject.zh}要用到${other.zh}，本区已删除它：未采纳模板的这处更新`, en: `The template's ${subject.en} needs ${other.en}, which the district removed: this update is not taken` },
    'still-used': { zh: `模板删除了${subject.zh}，但本区的${other.zh}仍在使用它：保留`, en: `The template removed ${subject.en}, but the district's ${other.en} still uses it: it is kept` },
  };
  return { elementId: id, kind, ...messages[kind] };
}

function labelOf(element: Element): Label {
  const id = element.id as string;
  const name = typeof element.name === 'string' ? element.name.trim() : '';
  if (name) return { zh: `「${name}」（${id}）`, en: `"${name}" (${id})` };
  return element.$instanceOf('bpmn:SequenceFlow') ? { zh: `连线 ${id}`, en: `flow ${id}` } : { zh: `元素 ${id}`, en: `element ${id}` };
}

const holds = (element: Element, property: string): boolean => element.$descriptor.properties.some((p) => p.name === property);
const listOf = (element: Element, property: string): Element[] => element.get(property) as Element[];
const idOf = (value: unknown): string | undefined => (value && typeof value === 'object' ? ((value as Element).id as string | undefined) : undefined);
const idsOf = (value: unknown): string[] => (Array.isArray(value) ? value.map(idOf).filter((id): id is string => !!id) : []);

function remove<T>(list: T[], item: T): void {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
}
