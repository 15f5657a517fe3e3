import { ApiError, errorMessage, type FieldError } from '../api/api-error';
import { h } from '../dom/h';
import { t } from '../i18n';
import { clearFieldErrors, showFieldErrors } from './field-errors';

/** One field of a filing form: `name` is the API's field path (`party.name`), so a 400's details land under it. */
export interface FilingField {
  name: string;
  label: string;
  /** The input itself, or a group (`role="group"`) holding several (checkboxes). */
  control: HTMLElement;
  required?: boolean;
  hint?: string;
  /** The client-side rule mirroring the API's DTO: the message to show, or undefined when the value is fine. */
  check?: () => string | undefined;
}

export interface FilingFormOptions {
  testId: string;
  fields: FilingField[];
  submitText: string;
  submittingText: string;
  /** Sends the filing; a thrown ApiError's field details are shown by their field. */
  submit(): Promise<void>;
}

/**
 * The form behind 立案, 信用修复申请 and 综合查一次: checks each field as the API would, then shows
 * the API's own 400 `VALIDATION_FAILED` details under their fields, as the intake form does.
 */
export function filingForm(options: FilingFormOptions): HTMLFormElement {
  const errorSlots = new Map<string, HTMLElement>();
  const idOf = (name: string) => `${options.testId}-${name.replace(/\./g, '-')}`;

  const block = (field: FilingField): HTMLElement => {
    const id = idOf(field.name);
    const error = h('p', { class: 'field-error', id: `${id}-error`, 'data-testid': `${id}-error`, hidden: true });
    errorSlots.set(field.name, error);
    if (!field.control.id) field.control.id = id;
    field.control.setAttribute('data-testid', id);
    if (field.required) field.control.setAttribute('aria-required', 'true');
    const isGroup = field.control.getAttribute('role') === 'group';
    const caption = [field.label, field.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null];
    const element = h(
      'div',
      { class: 'field', 'data-field': field.name },
      isGroup ? h('span', { class: 'field-label', id: `${id}-label` }, ...caption) : h('label', { for: field.control.id }, ...caption),
      field.control,
      field.hint ? h('p', { class: 'field-hint' }, field.hint) : null,
      error,
    );
    if (isGroup) field.control.setAttribute('aria-labelledby', `${id}-label`);
    return element;
  };

  const summary = h('div', { class: 'alert alert-error', role: 'alert', 'data-testid': 'form-errors', hidden: true });
  const submit = h('button', { type: 'submit', class: 'button button-primary button-block', 'data-testid': `${options.testId}-submit` }, options.submitText);
  const form = h(
    'form',
    { class: 'card filing-form', novalidate: true, 'data-testid': options.testId },
    summary,
    ...options.fields.map(block),
    h('div', { class: 'action-bar' }, submit),
  );

  const clearErrors = () => clearFieldErrors(form, summary, errorSlots);
  const showErrors = (message: string, details: FieldError[]) => showFieldErrors(form, summary, errorSlots, message, details);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    clearErrors();
    const problems = options.fields.flatMap((field) => {
      const problem = field.check?.();
      return problem ? [{ field: field.name, zh: problem, en: problem }] : [];
    });
    if (problems.length) {
      showErrors(t('filing.fixFields'), problems);
      return;
    }
    submit.disabled = true;
    submit.textContent = options.submittingText;
    try {
      await options.submit();
    } catch (error) {
      showErrors(errorMessage(error), error instanceof ApiError ? error.details : []);
    } finally {
      submit.disabled = false;
      submit.textContent = options.submitText;
    }
  });

  return form;
}

/** Checks mirroring zod's `z.string().trim().min(1).max(max)`; optional fields may stay empty. */
export const textRule =
  (control: { value: string }, max: number, message: string, optional = false) =>
  (): string | undefined => {
    const value = control.value.trim();
    if (!value) return optional ? undefined : message;
    return value.length > max ? message : undefined;
  };

/** Checks mirroring zod's `.regex(pattern)` on the trimmed value. */
export const patternRule =
  (control: { value: string }, pattern: RegExp, message: string, optional = false) =>
  (): string | undefined => {
    const value = control.value.trim();
    if (!value) return optional ? undefined : message;
    return pattern.test(value) ? undefined : message;
  };

export function selectControl(name: string, placeholder: string, options: Array<[string, string]>): HTMLSelectElement {
  return h('select', { name }, h('option', { value: '' }, placeholder), ...options.map(([value, text]) => h('option', { value }, text)));
}
