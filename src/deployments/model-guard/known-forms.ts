import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../repo-root';

export interface KnownForm {
  id: string;
  /** The keys of the form's fields: the process variables completing it sets. */
  keys: string[];
}

/** The form-js id a `camunda:formRef` names (the engine binds by it), falling back to the file name. */
export function readForm(name: string, content: Buffer | string): KnownForm | null {
  try {
    const schema = JSON.parse(content.toString()) as { id?: unknown; components?: unknown };
    const id = typeof schema.id === 'string' ? schema.id : name.replace(/^.*\//, '').replace(/\.form$/, '');
    return { id, keys: fieldKeys(schema.components) };
  } catch {
    return null;
  }
}

function fieldKeys(components: unknown): string[] {
  if (!Array.isArray(components)) return [];
  return components.flatMap((c: { key?: unknown; components?: unknown }) => [...(typeof c?.key === 'string' ? [c.key] : []), ...fieldKeys(c?.components)]);
}

/** The shared forms shipped in bpmn/forms/, which every deployment carries. */
export function shippedForms(dir = join(repoRoot, 'bpmn', 'forms')): KnownForm[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.form'))
    .map((name) => readForm(name, readFileSync(join(dir, name))))
    .filter((form): form is KnownForm => form !== null);
}
