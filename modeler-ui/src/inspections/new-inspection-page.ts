import { h } from '../dom/h';
import { t } from '../i18n';
import { filingForm, selectControl, textRule, type FilingField } from '../filing/filing-form';
import type { Page } from '../shell/router';
import { createInspection, listScenarios, scenarioName } from './inspections-api';

/** `#/inspections/new` 新建综合查一次: a scenario from the API's list, the party and its address. */
export const newInspectionPage: Page = async (ctx, view) => {
  view.setTitle(t('inspection.newTitle'));
  const scenarios = await listScenarios(ctx.api, view.signal);
  const scenario = selectControl(
    'scenario',
    t('inspection.scenarioPlaceholder'),
    scenarios.map((item) => [item.code, scenarioName(item.code, item.name)]),
  );
  const departments = h('p', { class: 'field-hint', 'data-testid': 'inspection-departments' });
  scenario.addEventListener('change', () => {
    departments.textContent = scenarios.find((item) => item.code === scenario.value)?.departments.join('、') ?? '';
  });
  const partyName = h('input', { type: 'text', name: 'partyName', maxlength: '200', autocomplete: 'organization' });
  const address = h('input', { type: 'text', name: 'address', maxlength: '500', autocomplete: 'street-address' });
  const title = h('input', { type: 'text', name: 'title', maxlength: '200', placeholder: t('inspection.titlePlaceholder') });

  const fields: FilingField[] = [
    { name: 'scenario', label: t('inspection.scenario'), control: scenario, required: true, check: () => (scenario.value ? undefined : t('inspection.error.scenario')) },
    { name: 'partyName', label: t('inspection.partyName'), control: partyName, required: true, check: textRule(partyName, 200, t('inspection.error.partyName')) },
    { name: 'address', label: t('inspection.address'), control: address, required: true, check: textRule(address, 500, t('inspection.error.address')) },
    { name: 'title', label: t('inspection.titleField'), control: title, check: textRule(title, 200, t('inspection.error.title'), true) },
  ];

  const form = filingForm({
    testId: 'inspection-form',
    fields,
    submitText: t('inspection.submit'),
    submittingText: t('inspection.submitting'),
    async submit() {
      const titleText = title.value.trim();
      const created = await createInspection(ctx.api, {
        scenario: scenario.value,
        partyName: partyName.value.trim(),
        address: address.value.trim(),
        ...(titleText ? { title: titleText } : {}),
      });
      ctx.toast(t('inspection.createdToast'));
      ctx.navigate(`#/inspections/${encodeURIComponent(created.id)}`);
    },
  });
  // The departments that will go together show under the scenario once it is chosen.
  form.querySelector('[data-field="scenario"]')?.append(departments);

  view.outlet.append(
    h(
      'section',
      { class: 'page' },
      h('a', { class: 'back-link', href: '#/inspections' }, `‹ ${t('inspection.back')}`),
      h('h1', {}, t('inspection.newTitle')),
      h('p', { class: 'page-subtitle' }, t('inspection.intro')),
      form,
    ),
  );
};
