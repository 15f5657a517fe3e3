import { clear, h } from '../dom/h';
import { t } from '../i18n';
import { filingForm, patternRule, selectControl, textRule, type FilingField } from '../filing/filing-form';
import { codeLabel } from '../filing/record-view';
import type { Page } from '../shell/router';
import { createCreditRepair, repairTypes, requiredMaterials, type RepairType } from './credit-repairs-api';

// The patterns of createCreditRepairSchema (src/credit-repairs/credit-repair.dto.ts).
const applicantCodePattern = /^[0-9A-Z]{15,18}$/;
const phonePattern = /^\+?[0-9][0-9 -]{2,30}$/;

/** `#/credit-repairs/new` 信用修复申请: the application as handed in at the window, with the materials ticked. */
export const newCreditRepairPage: Page = (ctx, view) => {
  view.setTitle(t('creditRepair.newTitle'));
  const repairType = selectControl('repairType', t('creditRepair.repairTypePlaceholder'), repairTypes.map((type) => [type, codeLabel('repairType', type)]));
  const applicantName = h('input', { type: 'text', name: 'applicantName', maxlength: '200', autocomplete: 'organization' });
  const applicantCode = h('input', { type: 'text', name: 'applicantCode', maxlength: '18', autocapitalize: 'characters', autocomplete: 'off', spellcheck: 'false' });
  const applicantPhone = h('input', { type: 'tel', name: 'applicantPhone', inputmode: 'tel', autocomplete: 'tel' });
  const creditRecordRef = h('input', { type: 'text', name: 'creditRecordRef', maxlength: '100', placeholder: t('creditRepair.creditRecordRefPlaceholder') });
  const reason = h('textarea', { name: 'reason', rows: '4', maxlength: '4000' });
  const materials = h('div', { role: 'group', class: 'checkbox-group' });

  const drawMaterials = (): void => {
    const ticked = new Set([...materials.querySelectorAll<HTMLInputElement>('input:checked')].map((box) => box.value));
    clear(materials);
    const codes = requiredMaterials[repairType.value as RepairType];
    if (!codes) {
      materials.append(h('p', { class: 'muted' }, t('creditRepair.materialsChooseType')));
      return;
    }
    materials.append(
      ...codes.map((code) =>
        h(
          'label',
          { class: 'checkbox' },
          h('input', { type: 'checkbox', name: 'materialsProvided', value: code, checked: ticked.has(code), 'data-testid': `material-${code}` }),
          h('span', {}, codeLabel('material', code)),
        ),
      ),
    );
  };
  repairType.addEventListener('change', drawMaterials);
  drawMaterials();

  const fields: FilingField[] = [
    {
      name: 'repairType',
      label: t('creditRepair.repairType'),
      control: repairType,
      required: true,
      check: () => (repairType.value ? undefined : t('creditRepair.error.repairType')),
    },
    { name: 'applicantName', label: t('creditRepair.applicantName'), control: applicantName, required: true, check: textRule(applicantName, 200, t('creditRepair.error.applicantName')) },
    {
      name: 'applicantCode',
      label: t('creditRepair.applicantCode'),
      control: applicantCode,
      required: true,
      hint: t('creditRepair.applicantCodeHint'),
      check: patternRule(applicantCode, applicantCodePattern, t('creditRepair.error.applicantCode')),
    },
    { name: 'applicantPhone', label: t('creditRepair.applicantPhone'), control: applicantPhone, check: patternRule(applicantPhone, phonePattern, t('creditRepair.error.applicantPhone'), true) },
    {
      name: 'creditRecordRef',
      label: t('creditRepair.creditRecordRef'),
      control: creditRecordRef,
      required: true,
      check: textRule(creditRecordRef, 100, t('creditRepair.error.creditRecordRef')),
    },
    { name: 'reason', label: t('creditRepair.reason'), control: reason, required: true, check: textRule(reason, 4000, t('creditRepair.error.reason')) },
    { name: 'materialsProvided', label: t('creditRepair.materials'), control: materials, hint: t('creditRepair.materialsHint') },
  ];

  const form = filingForm({
    testId: 'credit-repair-form',
    fields,
    submitText: t('creditRepair.submit'),
    submittingText: t('creditRepair.submitting'),
    async submit() {
      const phone = applicantPhone.value.trim();
      const created = await createCreditRepair(ctx.api, {
        repairType: repairType.value as RepairType,
        applicantName: applicantName.value.trim(),
        applicantCode: applicantCode.value.trim(),
        ...(phone ? { applicantPhone: phone } : {}),
        creditRecordRef: creditRecordRef.value.trim(),
        reason: reason.value.trim(),
        materialsProvided: [...materials.querySelectorAll<HTMLInputElement>('input:checked')].map((box) => box.value),
      });
      ctx.toast(t('creditRepair.createdToast'));
      ctx.navigate(`#/credit-repairs/${encodeURIComponent(created.id)}`);
    },
  });

  view.outlet.append(
    h(
      'section',
      { class: 'page' },
      h('a', { class: 'back-link', href: '#/credit-repairs' }, `‹ ${t('creditRepair.back')}`),
      h('h1', {}, t('creditRepair.newTitle')),
      h('p', { class: 'page-subtitle' }, t('creditRepair.intro')),
      form,
    ),
  );
};
