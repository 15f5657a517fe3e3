import type { FieldProblem } from '../errors/app-error';

/** The part of a form-js schema that decides what a submission may contain. */
interface FormComponent {
  type: string;
  key?: string;
  label?: string;
  values?: Array<{ value: unknown }>;
  validate?: { required?: boolean; min?: number; max?: number; minLength?: number; maxLength?: number; pattern?: string };
  /** form-js custom properties; `requiredWhen: "otherKey=value"` (or `=a|b`) makes the field required when another field has that value. */
  properties?: Record<string, string>;
  components?: FormComponent[];
}

const inputTypes = new Set(['textfield', 'textarea', 'number', 'checkbox', 'select', 'radio', 'checklist', 'taglist', 'datetime']);

/** Input fields of a form-js schema, including those inside groups. */
export function formFields(schema: { components?: FormComponent[] }): FormComponent[] {
  const fields: FormComponent[] = [];
  const walk = (components: FormComponent[] = []) => {
    for (const component of components) {
      if (component.key && inputTypes.has(component.type)) fields.push(component);
      walk(component.components);
    }
  };
  walk(schema.components);
  return fields;
}

/** Checks a task submission against its form: every problem, by field, in Chinese and English. */
export function validateSubmission(schema: { components?: FormComponent[] }, submission: Record<string, unknown>): FieldProblem[] {
  const fields = formFields(schema);
  const known = new Set(fields.map((f) => f.key));
  const problems: FieldProblem[] = Object.keys(submission)
    .filter((key) => !known.has(key))
    .map((field) => ({ field, zh: '表单中没有此字段', en: 'the form has no such field' }));

  for (const field of fields) {
    const key = field.key as string;
    const value = submission[key];
    const label = field.label ?? key;
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      const condition = requiredWhen(field, submission, fields);
      if (field.validate?.required) problems.push({ field: key, zh: `请填写“${label}”`, en: `${key} is required` });
      else if (condition?.met) problems.push({ field: key, zh: `${condition.label}为“${condition.valueLabel}”时须填写“${label}”`, en: `${key} is required when ${condition.key} is ${condition.value}` });
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) problems.push({ field: key, zh: `“${label}”${problem.zh}`, en: `${key} ${problem.en}` });
  }
  return problems;
}

/**
 * The declarative conditional requirement of a field, e.g. a review comment required when the decision is reject:
 * `"properties": { "requiredWhen": "reviewDecision=reject" }`. Null when the field has none.
 */
export function requiredWhen(field: FormComponent, submission: Record<string, unknown>, fields?: FormComponent[]) {
  const rule = field.properties?.requiredWhen?.trim();
  if (!rule) return null;
  const match = /^([A-Za-z_][\w.-]*)\s*=\s*(.+)$/.exec(rule);
  if (!match) throw new Error(`form field ${field.key}: requiredWhen "${rule}" is not "otherKey=value"`);
  const [, key, expected] = match;
  const values = expected.split('|').map((v) => v.trim());
  const actual = submission[key];
  const met = actual !== undefined && actual !== null && values.includes(String(actual));
  const other = fields?.find((f) => f.key === key);
  const value = met ? String(actual) : values.join('|');
  const valueLabel = other?.values?.find((v) => String(v.value) === value) as { label?: string } | undefined;
  return { met, key, value, label: other?.label ?? key, valueLabel: valueLabel?.label ?? value };
}

function checkValue(field: FormComponent, value: unknown): { zh: string; en: string } | null {
  const rules = field.validate ?? {};
  const allowed = field.values?.map((v) => v.value);
  switch (field.type) {
    case 'textfield':
    case 'textarea':
    case 'datetime':
      if (typeof value !== 'string') return { zh: '必须是文本', en: 'must be text' };
      if (rules.minLength !== undefined && value.length < rules.minLength) return { zh: `至少${rules.minLength}个字`, en: `must have at least ${rules.minLength} characters` };
      if (rules.maxLength !== undefined && value.length > rules.maxLength) return { zh: `最多${rules.maxLength}个字`, en: `must have at most ${rules.maxLength} characters` };
      if (rules.pattern && !new RegExp(rules.pattern).test(value)) return { zh: '格式不正确', en: 'has the wrong format' };
      return null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return { zh: '必须是数字', en: 'must be a number' };
      if (rules.min !== undefined && value < rules.min) return { zh: `不能小于${rules.min}`, en: `must be at least ${rules.min}` };
      if (rules.max !== undefined && value > rules.max) return { zh: `不能大于${rules.max}`, en: `must be at most ${rules.max}` };
      return null;
    case 'checkbox':
      return typeof value === 'boolean' ? null : { zh: '必须是“是”或“否”', en: 'must be true or false' };
    case 'select':
    case 'radio':
      return allowed && !allowed.includes(value) ? { zh: '取值不在可选范围内', en: `must be one of ${allowed.map(String).join(', ')}` } : null;
    case 'checklist':
    case 'taglist':
      if (!Array.isArray(value)) return { zh: '必须是列表', en: 'must be a list' };
      return allowed && value.some((v) => !allowed.includes(v)) ? { zh: '包含不可选的值', en: `may only contain ${allowed.map(String).join(', ')}` } : null;
    default:
      return null;
  }
}
