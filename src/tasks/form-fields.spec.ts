import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formFields, validateSubmission } from './form-fields';

const triageForm = JSON.parse(readFileSync(join(__dirname, '../../bpmn/forms/intake-triage.form'), 'utf8'));

describe(validateSubmission.name, () => {
  it('accepts a complete triage submission', () => {
    expect(validateSubmission(triageForm, { triageLevel: 'major', triageComment: '涉及多个部门' })).toEqual([]);
  });

  it('names each missing required field in Chinese with its label and in English with its key', () => {
    const problems = validateSubmission(triageForm, {});
    expect(problems.map((p) => p.field).sort()).toEqual(['triageComment', 'triageLevel']);
    expect(problems.find((p) => p.field === 'triageLevel')?.zh).toContain('事件等级');
    expect(problems.find((p) => p.field === 'triageLevel')?.en).toBe('triageLevel is required');
  });

  it('refuses a value outside the options, a wrong type and a field the form does not have', () => {
    const problems = validateSubmission(triageForm, { triageLevel: 'urgent', triageComment: 42, approve: true });
    expect(Object.fromEntries(problems.map((p) => [p.field, p.en]))).toEqual({
      approve: 'the form has no such field',
      triageLevel: 'triageLevel must be one of routine, major',
      triageComment: 'triageComment must be text',
    });
  });

  it('finds fields nested in groups and checks numbers and booleans', () => {
    const schema = {
      components: [
        { type: 'group', components: [{ type: 'number', key: 'amount', validate: { min: 0, max: 200 } }] },
        { type: 'checkbox', key: 'done' },
        { type: 'text', text: 'not an input' },
      ],
    };
    expect(formFields(schema).map((f) => f.key)).toEqual(['amount', 'done']);
    expect(validateSubmission(schema, { amount: 500, done: 'yes' }).map((p) => p.en)).toEqual(['amount must be at most 200', 'done must be true or false']);
  });
});

describe('a field required when another field has a value (properties.requiredWhen)', () => {
  const reviewForm = JSON.parse(readFileSync(join(__dirname, '../../bpmn/forms/case-review.form'), 'utf8'));

  it('accepts an approval without a comment', () => {
    expect(validateSubmission(reviewForm, { reviewDecision: 'approve' })).toEqual([]);
  });

  it('refuses a rejection without a comment, naming the condition in Chinese and English', () => {
    for (const comment of [undefined, '', null]) {
      const problems = validateSubmission(reviewForm, { reviewDecision: 'reject', reviewComment: comment });
      expect(problems).toEqual([
        { field: 'reviewComment', zh: '审核结论为“退回”时须填写“审核意见”', en: 'reviewComment is required when reviewDecision is reject' },
      ]);
    }
  });

  it('accepts a rejection with a comment', () => {
    expect(validateSubmission(reviewForm, { reviewDecision: 'reject', reviewComment: '裁量理由不充分，请补充' })).toEqual([]);
  });

  it('knows any value of a list, and is not hard-wired to one form', () => {
    const schema = {
      components: [
        { type: 'select', key: 'outcome', values: [{ value: 'paid' }, { value: 'enforced' }, { value: 'waived' }] },
        { type: 'textarea', key: 'note', label: '说明', properties: { requiredWhen: 'outcome=enforced|waived' } },
      ],
    };
    expect(validateSubmission(schema, { outcome: 'paid' })).toEqual([]);
    expect(validateSubmission(schema, { outcome: 'waived' }).map((p) => p.en)).toEqual(['note is required when outcome is waived']);
  });
});
