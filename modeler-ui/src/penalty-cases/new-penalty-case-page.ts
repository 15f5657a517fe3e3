import { h } from '../dom/h';
import { t } from '../i18n';
import { filingForm, selectControl, textRule, type FilingField } from '../filing/filing-form';
import { codeLabel } from '../filing/record-view';
import type { Page } from '../shell/router';
import { filePenaltyCase, partyTypes, violationCodes, type PartyType } from './penalty-cases-api';

/** `#/penalty-cases/new` 立案: party, violation and facts, checked as `filePenaltyCaseSchema` checks them. */
export const newPenaltyCasePage: Page = (ctx, view) => {
  view.setTitle(t('penaltyCase.newTitle'));
  const partyName = h('input', { type: 'text', name: 'party.name', maxlength: '200', autocomplete: 'off' });
  const partyType = selectControl('party.type', t('penaltyCase.partyTypePlaceholder'), partyTypes.map((type) => [type, codeLabel('partyType', type)]));
  const violation = selectControl('violationCode', t('penaltyCase.violationPlaceholder'), violationCodes.map((code) => [code, codeLabel('violation', code)]));
  const facts = h('textarea', { name: 'facts', rows: '5', maxlength: '4000', placeholder: t('penaltyCase.factsPlaceholder') });

  const fields: FilingField[] = [
    { name: 'party.name', label: t('penaltyCase.partyName'), control: partyName, required: true, check: textRule(partyName, 200, t('penaltyCase.error.partyName')) },
    {
      name: 'party.type',
      label: t('penaltyCase.partyType'),
      control: partyType,
      required: true,
      check: () => ((partyTypes as readonly string[]).includes(partyType.value) ? undefined : t('penaltyCase.error.partyType')),
    },
    { name: 'violationCode', label: t('penaltyCase.violation'), control: violation, required: true, check: () => (violation.value ? undefined : t('penaltyCase.error.violation')) },
    { name: 'facts', label: t('penaltyCase.facts'), control: facts, required: true, check: textRule(facts, 4000, t('penaltyCase.error.facts')) },
  ];

  const form = filingForm({
    testId: 'penalty-case-form',
    fields,
    submitText: t('penaltyCase.submit'),
    submittingText: t('penaltyCase.submitting'),
    async submit() {
      const filed = await filePenaltyCase(ctx.api, {
        party: { name: partyName.value.trim(), type: partyType.value as PartyType },
        violationCode: violation.value,
        facts: facts.value.trim(),
      });
      ctx.toast(t('penaltyCase.filedToast'));
      ctx.navigate(`#/penalty-cases/${encodeURIComponent(filed.id)}`);
    },
  });

  view.outlet.append(
    h(
      'section',
      { class: 'page' },
      h('a', { class: 'back-link', href: '#/penalty-cases' }, `‹ ${t('penaltyCase.back')}`),
      h('h1', {}, t('penaltyCase.newTitle')),
      h('p', { class: 'page-subtitle' }, t('penaltyCase.intro')),
      form,
    ),
  );
};
