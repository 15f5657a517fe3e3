import { ApiError, errorMessage, type FieldError } from '../api/api-error';
import { h } from '../dom/h';
import { clearFieldErrors, showFieldErrors } from '../filing/field-errors';
import { label, t, type MessageKey } from '../i18n';
import type { Page } from '../shell/router';
import { categoryValue, intakeCategories } from './intake-categories';
import { createIntake, intakeSources, type IntakeSource, type NewIntake } from './intakes-api';

interface FieldSpec {
  name: string;
  label: MessageKey;
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  required?: boolean;
}

/** `#/intakes/new` 登记线索: one form for every source; the API validates, errors show by their field. */
export const newIntakePage: Page = (ctx, view) => {
  view.setTitle(t('intake.title'));
  let attachedLocation: { lat: number; lng: number } | undefined;

  const select = (name: string, placeholder: MessageKey, options: Array<[string, string]>) =>
    h(
      'select',
      { name, id: `intake-${name}` },
      h('option', { value: '' }, t(placeholder)),
      ...options.map(([value, text]) => h('option', { value }, text)),
    );
  const input = (name: string, attrs: Record<string, string> = {}) =>
    h('input', { name, id: `intake-${name.replace('.', '-')}`, type: 'text', ...attrs });

  const fields: FieldSpec[] = [
    {
      name: 'source',
      label: 'intake.source',
      required: true,
      control: select('source', 'intake.sourcePlaceholder', intakeSources.map((s) => [s, label('source', s)])),
    },
    {
      name: 'category',
      label: 'intake.category',
      required: true,
      control: select('category', 'intake.categoryPlaceholder', intakeCategories.map((c) => [categoryValue(c), label('category', c)])),
    },
    {
      name: 'title',
      label: 'intake.titleField',
      required: true,
      control: input('title', { maxlength: '200', placeholder: t('intake.titlePlaceholder') }),
    },
    {
      name: 'description',
      label: 'intake.description',
      required: true,
      control: h('textarea', {
        name: 'description',
        id: 'intake-description',
        rows: '4',
        placeholder: t('intake.descriptionPlaceholder'),
      }),
    },
    {
      name: 'address',
      label: 'intake.address',
      required: true,
      control: input('address', { placeholder: t('intake.addressPlaceholder'), autocomplete: 'street-address' }),
    },
  ];
  const reporterFields: FieldSpec[] = [
    { name: 'reporter.name', label: 'intake.reporterName', control: input('reporter.name', { autocomplete: 'name' }) },
    {
      name: 'reporter.phone',
      label: 'intake.reporterPhone',
      control: input('reporter.phone', { type: 'tel', inputmode: 'tel', autocomplete: 'tel' }),
    },
  ];

  const fieldErrors = new Map<string, HTMLElement>();
  const errorSlot = (name: string, id: string): HTMLElement => {
    const error = h('p', { class: 'field-error', id, hidden: true });
    fieldErrors.set(name, error);
    return error;
  };
  const fieldBlock = (spec: FieldSpec): HTMLElement => {
    spec.control.setAttribute('data-testid', `intake-${spec.name.replace('.', '-')}`);
    if (spec.required) spec.control.setAttribute('aria-required', 'true');
    return h(
      'div',
      { class: 'field', 'data-field': spec.name },
      h(
        'label',
        { for: spec.control.id },
        t(spec.label),
        spec.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null,
      ),
      spec.control,
      errorSlot(spec.name, `${spec.control.id}-error`),
    );
  };

  const locationText = h('span', { class: 'muted', 'data-testid': 'intake-location-text' });
  const locationButton = h('button', { type: 'button', class: 'button button-secondary' }, t('intake.useLocation'));
  const showLocation = (): void => {
    locationText.textContent = attachedLocation
      ? t('intake.locationAdded', { lat: attachedLocation.lat.toFixed(5), lng: attachedLocation.lng.toFixed(5) })
      : '';
    locationButton.textContent = attachedLocation ? t('intake.removeLocation') : t('intake.useLocation');
  };
  locationButton.addEventListener('click', () => {
    if (attachedLocation) {
      attachedLocation = undefined;
      showLocation();
      return;
    }
    locationButton.disabled = true;
    locationButton.textContent = t('intake.locating');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        attachedLocation = { lat: position.coords.latitude, lng: position.coords.longitude };
        locationButton.disabled = false;
        showLocation();
      },
      () => {
        locationButton.disabled = false;
        showLocation();
        locationText.textContent = t('intake.locationFailed');
      },
      { enableHighAccuracy: true, timeout: 15000 },
    );
  });
  const locationBlock =
    'geolocation' in navigator
      ? h(
          'div',
          { class: 'field', 'data-field': 'location' },
          h('span', { class: 'field-label' }, t('intake.location')),
          h('div', { class: 'inline' }, locationButton, locationText),
          errorSlot('location', 'intake-location-error'),
        )
      : null;

  const summary = h('div', { class: 'alert alert-error', role: 'alert', 'data-testid': 'form-errors', hidden: true });
  const submit = h('button', { type: 'submit', class: 'button button-primary button-block', 'data-testid': 'intake-submit' }, t('intake.submit'));
  const form = h(
    'form',
    { class: 'card intake-form', novalidate: true, 'data-testid': 'intake-form' },
    summary,
    ...fields.map(fieldBlock),
    locationBlock,
    h('fieldset', { class: 'fieldset' }, h('legend', {}, t('intake.reporter')), ...reporterFields.map(fieldBlock)),
    h('div', { class: 'action-bar' }, submit),
  );

  const value = (name: string): string => {
    const spec = [...fields, ...reporterFields].find((field) => field.name === name);
    return spec ? spec.control.value.trim() : '';
  };

  const clearErrors = () => clearFieldErrors(form, summary, fieldErrors);
  const showErrors = (message: string, details: FieldError[]) => showFieldErrors(form, summary, fieldErrors, message, details);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    clearErrors();
    const reporterName = value('reporter.name');
    const reporterPhone = value('reporter.phone');
    const intake: NewIntake = {
      source: value('source') as IntakeSource,
      category: value('category'),
      title: value('title'),
      description: value('description'),
      address: value('address'),
      ...(attachedLocation ? { location: attachedLocation } : {}),
      ...(reporterName || reporterPhone
        ? { reporter: { ...(reporterName ? { name: reporterName } : {}), ...(reporterPhone ? { phone: reporterPhone } : {}) } }
        : {}),
    };
    submit.disabled = true;
    submit.textContent = t('intake.submitting');
    try {
      const created = await createIntake(ctx.api, intake);
      ctx.toast(t('intake.createdToast'));
      ctx.navigate(`#/cases/${encodeURIComponent(created.businessKey)}`);
    } catch (error) {
      showErrors(errorMessage(error), error instanceof ApiError ? error.details : []);
    } finally {
      submit.disabled = false;
      submit.textContent = t('intake.submit');
    }
  });

  view.outlet.append(
    h('section', { class: 'page' }, h('h1', {}, t('intake.title')), h('p', { class: 'page-subtitle' }, t('intake.intro')), form),
  );
};
