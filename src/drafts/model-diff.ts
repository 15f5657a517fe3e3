import { bpmnParser, type ModdleElement } from '../deployments/model-guard/model-libraries';

/** One element as the diff names it: its id, BPMN type and name. */
export interface DiffElement {
  id: string;
  type: string;
  name: string | null;
}

/**
 * One property that differs. Keys are stable: `name`, `type`, `camunda:candidateGroups`, `camunda:formRef`,
 * `camunda:topic`, `timer`, `condition`, `incoming`, `outgoing`, `property:<name>`, `input:<name>`, … — the UI labels them.
 */
export interface PropertyChange {
  property: string;
  before: string | null;
  after: string | null;
}

export interface ChangedElement extends DiffElement {
  changes: PropertyChange[];
}

/** What a reviewer needs to see between two versions of a model; the layout (DI) is left out on purpose. */
export interface ModelDiff {
  added: DiffElement[];
  removed: DiffElement[];
  changed: ChangedElement[];
}

type Element = ModdleElement & { $instanceOf(type: string): boolean };
export type Fingerprint = Map<string, string>;

// Containers whose children are compared as elements of their own, and links bpmn-moddle keeps on both ends.
const SKIPPED = new Set(['id', 'flowElements', 'laneSets', 'artifacts', 'extensionElements', 'documentation', 'eventDefinitions', 'conditionExpression', 'lanes', 'boundaryEventRefs', 'categoryValueRef', 'di']);

/** Compares two BPMN documents element by element, matched by id. Throws when either is not BPMN. */
export async function diffModels(baseXml: string, changedXml: string): Promise<ModelDiff> {
  const [base, changed] = await Promise.all([elementsOf(baseXml), elementsOf(changedXml)]);
  const added = [...changed.values()].filter((e) => !base.has(e.summary.id)).map((e) => e.summary);
  const removed = [...base.values()].filter((e) => !changed.has(e.summary.id)).map((e) => e.summary);
  const changes: ChangedElement[] = [];
  for (const [id, after] of changed) {
    const before = base.get(id);
    if (!before) continue;
    const properties = compare(before.fingerprint, after.fingerprint);
    if (properties.length) changes.push({ ...after.summary, changes: properties });
  }
  return { added, removed, changed: changes };
}

function compare(before: Fingerprint, after: Fingerprint): PropertyChange[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  return keys
    .filter((key) => before.get(key) !== after.get(key))
    .sort(byPropertyOrder)
    .map((property) => ({ property, before: before.get(property) ?? null, after: after.get(property) ?? null }));
}

// Type and name first, then the rest alphabetically: the order a reviewer reads a row in.
const byPropertyOrder = (a: string, b: string): number => {
  const rank = (key: string) => (key === 'type' ? 0 : key === 'name' ? 1 : 2);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
};

async function elementsOf(xml: string): Promise<Map<string, { summary: DiffElement; fingerprint: Fingerprint }>> {
  const { rootElement } = await bpmnParser().fromXML(xml);
  if (rootElement.$type !== 'bpmn:Definitions') throw new Error('not a BPMN document');
  const found = new Map<string, { summary: DiffElement; fingerprint: Fingerprint }>();
  const visit = (element: Element): void => {
    if (element.id) found.set(element.id, { summary: summaryOf(element), fingerprint: fingerprintOf(element) });
    for (const child of (element.get('flowElements') as Element[] | undefined) ?? []) visit(child);
    for (const child of (element.get('participants') as Element[] | undefined) ?? []) visit(child);
  };
  for (const root of (rootElement.get('rootElements') as Element[] | undefined) ?? []) visit(root);
  return found;
}

function summaryOf(element: Element): DiffElement {
  const name = element.get('name');
  return { id: element.id as string, type: element.$type, name: typeof name === 'string' && name ? name : null };
}

/** Every property of an element that changes what the engine does or what people see, as comparable text. */
export function fingerprintOf(element: Element): Fingerprint {
  const print: Fingerprint = new Map([['type', element.$type]]);
  const own = (name: string) => Object.prototype.hasOwnProperty.call(element, name);
  for (const property of element.$descriptor.properties as Array<{ name: string; isReference?: boolean; isMany?: boolean; ns?: { prefix: string; localName: string; name: string } }>) {
    if (SKIPPED.has(property.name)) continue;
    const key = property.ns && property.ns.prefix !== 'bpmn' ? property.ns.name : property.name;
    const value = element.get(property.name);
    if (property.isReference) {
      const ids = (Array.isArray(value) ? value : [value]).map((v) => (v as Element | undefined)?.id).filter((id): id is string => !!id);
      // Incoming and outgoing flows are sets; their order in the file means nothing.
      if (ids.length) print.set(key, (property.isMany ? ids.sort() : ids).join(', '));
    } else if (property.isMany) {
      if (Array.isArray(value) && value.length) print.set(key, value.map(describe).join('; '));
    } else if (own(property.name) && value !== undefined && value !== null) {
      print.set(key, describe(value));
    }
  }
  for (const [name, value] of Object.entries(element.$attrs ?? {})) {
    if (!name.startsWith('xmlns')) print.set(name, String(value));
  }
  const documentation = ((element.get('documentation') as Element[] | undefined) ?? []).map((d) => String(d.get('text') ?? '').trim()).filter(Boolean);
  if (documentation.length) print.set('documentation', documentation.join('\n'));
  const condition = element.get('conditionExpression') as Element | undefined;
  if (condition) print.set('condition', String(condition.get('body') ?? '').trim());
  for (const definition of (element.get('eventDefinitions') as Element[] | undefined) ?? []) {
    if (definition.$type === 'bpmn:TimerEventDefinition') {
      const timer = (['timeDuration', 'timeDate', 'timeCycle'] as const)
        .map((kind) => [kind, definition.get(kind) as Element | undefined] as const)
        .filter(([, expression]) => expression)
        .map(([kind, expression]) => `${kind}: ${String(expression?.get('body') ?? '').trim()}`);
      print.set('timer', timer.join('; '));
    } else {
      print.set('eventDefinition', describe(definition));
    }
  }
  extensionsOf(element, print);
  return print;
}

/** Camunda extensions by name where they have one (properties, input/output), otherwise by type. */
function extensionsOf(element: Element, print: Fingerprint): void {
  const values = ((element.get('extensionElements') as Element | undefined)?.get('values') as Element[] | undefined) ?? [];
  const counts = new Map<string, number>();
  for (const value of values) {
    if (value.$type === 'camunda:Properties') {
      for (const p of (value.get('values') as Element[] | undefined) ?? []) print.set(`property:${String(p.get('name'))}`, String(p.get('value') ?? ''));
    } else if (value.$type === 'camunda:InputOutput') {
      for (const p of (value.get('inputParameters') as Element[] | undefined) ?? []) print.set(`input:${String(p.get('name'))}`, parameterValue(p));
      for (const p of (value.get('outputParameters') as Element[] | undefined) ?? []) print.set(`output:${String(p.get('name'))}`, parameterValue(p));
    } else {
      const n = (counts.get(value.$type) ?? 0) + 1;
      counts.set(value.$type, n);
      print.set(n === 1 ? value.$type : `${value.$type}#${n}`, describe(value));
    }
  }
}

function parameterValue(parameter: Element): string {
  const definition = parameter.get('definition') as Element | undefined;
  return definition ? describe(definition) : String(parameter.get('value') ?? '');
}

/** Canonical text of a value: attributes sorted by name, references by id, nested elements recursively. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  const element = value as Element;
  if (!element.$type) return JSON.stringify(value);
  const parts: string[] = [];
  for (const key of Object.keys(element).sort()) {
    if (key.startsWith('$') || key === 'id') continue;
    const v = element[key] as unknown;
    if (v === undefined) continue;
    const descriptor = element.$descriptor.properties.find((p) => p.name === key);
    parts.push(`${key}=${descriptor?.isReference ? ((v as Element).id ?? '') : describe(v)}`);
  }
  if (typeof element.$body === 'string' && element.$body.trim()) parts.push(element.$body.trim());
  return `${element.$type.replace(/^bpmn:/, '')}(${parts.join(', ')})`;
}
