import type { FieldError } from '../api/api-error';
import { clear, h } from '../dom/h';
import { localized } from '../i18n';

/** Error slots by the API's field path; each slot sits inside its field's `[data-field]` block. */
export type ErrorSlots = ReadonlyMap<string, HTMLElement>;

/** Hides the summary and every field error. */
export function clearFieldErrors(form: HTMLFormElement, summary: HTMLElement, slots: ErrorSlots): void {
  summary.hidden = true;
  for (const error of slots.values()) {
    error.hidden = true;
    error.textContent = '';
    error.closest('[data-field]')?.classList.remove('has-error');
  }
  form.querySelectorAll('[aria-invalid]').forEach((control) => control.removeAttribute('aria-invalid'));
}

/**
 * Shows a 400's details under the fields they name (`materialsProvided.1` under `materialsProvided`, `location.lat`
 * under `location`), the message and the details no field claims in the summary, then focuses the first bad control.
 */
export function showFieldErrors(form: HTMLFormElement, summary: HTMLElement, slots: ErrorSlots, message: string, details: FieldError[]): void {
  const unmatched: FieldError[] = [];
  const shown = new Map<string, string[]>();
  for (const detail of details) {
    const name = fieldFor(slots, detail.field);
    if (!name) unmatched.push(detail);
    else shown.set(name, [...(shown.get(name) ?? []), localized(detail)]);
  }
  for (const [name, messages] of shown) {
    const error = slots.get(name)!;
    const block = error.closest('[data-field]');
    error.textContent = messages.join(' ');
    error.hidden = false;
    block?.classList.add('has-error');
    const control = block?.querySelector('input, select, textarea');
    control?.setAttribute('aria-invalid', 'true');
    control?.setAttribute('aria-describedby', error.id);
  }
  clear(summary);
  summary.append(
    h('p', {}, message),
    ...(unmatched.length ? [h('ul', {}, ...unmatched.map((detail) => h('li', { 'data-field': detail.field }, localized(detail))))] : []),
  );
  summary.hidden = false;
  const first = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (first) first.focus();
  else summary.scrollIntoView({ block: 'center' });
}

/** The longest prefix of the path that has a slot. */
function fieldFor(slots: ErrorSlots, path: string): string | undefined {
  const parts = path.split('.');
  for (let length = parts.length; length > 0; length--) {
    const name = parts.slice(0, length).join('.');
    if (slots.has(name)) return name;
  }
  return undefined;
}
