/** A form component as the reviewer reads it: its key (its id when it has no key), type, label and validation. */
export interface DiffComponent {
  id: string;
  type: string;
  label: string | null;
  validate: string | null;
}

/** One property that differs: `type`, `label`, `validate` or any other component property by its name. */
export interface ComponentChange {
  property: string;
  before: string | null;
  after: string | null;
}

export interface ChangedComponent extends DiffComponent {
  changes: ComponentChange[];
}

/** The components of a form, added, removed or changed, matched by key or id (groups are walked into). */
export interface FormDiff {
  added: DiffComponent[];
  removed: DiffComponent[];
  changed: ChangedComponent[];
}

type Component = Record<string, unknown>;

// Where the editor places a component and what holds its children are not what the officer fills in.
const IGNORED = new Set(['id', 'key', 'components', 'layout']);
const FIRST = ['type', 'label', 'validate'];

/** Compares two form-js schemas (JSON text). Throws when either is not a JSON object. */
export function diffForms(baseJson: string, changedJson: string): FormDiff {
  const base = componentsOf(baseJson);
  const changed = componentsOf(changedJson);
  const added = [...changed.entries()].filter(([id]) => !base.has(id)).map(([id, c]) => summary(id, c));
  const removed = [...base.entries()].filter(([id]) => !changed.has(id)).map(([id, c]) => summary(id, c));
  const changes: ChangedComponent[] = [];
  for (const [id, after] of changed) {
    const before = base.get(id);
    if (!before) continue;
    const properties = compare(before, after);
    if (properties.length) changes.push({ ...summary(id, after), changes: properties });
  }
  return { added, removed, changed: changes };
}

function compare(before: Component, after: Component): ComponentChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((name) => !IGNORED.has(name));
  return names
    .map((property) => ({ property, before: text(before[property]), after: text(after[property]) }))
    .filter((change) => change.before !== change.after)
    .sort((a, b) => rank(a.property) - rank(b.property) || a.property.localeCompare(b.property));
}

const rank = (property: string): number => (FIRST.includes(property) ? FIRST.indexOf(property) : FIRST.length);

function componentsOf(json: string): Map<string, Component> {
  const schema = JSON.parse(json) as unknown;
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) throw new Error('not a form-js schema');
  const found = new Map<string, Component>();
  const visit = (components: unknown): void => {
    if (!Array.isArray(components)) return;
    for (const component of components as unknown[]) {
      if (!component || typeof component !== 'object') continue;
      const c = component as Component;
      const id = typeof c.key === 'string' && c.key ? c.key : typeof c.id === 'string' ? c.id : null;
      if (id) found.set(id, c);
      visit(c.components);
    }
  };
  visit((schema as Component).components);
  return found;
}

function summary(id: string, component: Component): DiffComponent {
  return { id, type: String(component.type ?? ''), label: text(component.label), validate: text(component.validate) };
}

/** Comparable text of a property: strings as they are, objects as JSON with sorted keys. */
function text(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return value;
  return JSON.stringify(sorted(value));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Component)[key])]));
}
