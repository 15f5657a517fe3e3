import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffForms, type FormDiff } from './form-diff';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe(diffForms.name, () => {
  const base = fixture('diff-base.form');
  const changed = fixture('diff-changed.form');
  let sut: FormDiff;
  beforeAll(() => (sut = diffForms(base, changed)));

  it('finds nothing between a form and itself', () => {
    expect(diffForms(base, base)).toEqual({ added: [], removed: [], changed: [] });
  });

  it('lists the added required field by its key, with type, label and validation', () => {
    expect(sut.added).toEqual([{ id: 'witness', type: 'textfield', label: '见证人', validate: '{"required":true}' }]);
  });

  it('lists the removed field', () => {
    expect(sut.removed).toEqual([{ id: 'resolved', type: 'checkbox', label: '问题已解决', validate: null }]);
  });

  it('names a changed label, and a field inside a group whose validation changed', () => {
    expect(sut.changed).toEqual([
      { id: 'handlingResult', type: 'textarea', label: '处置结果', validate: '{"maxLength":2000,"required":true}', changes: [{ property: 'label', before: '处置情况', after: '处置结果' }] },
      { id: 'phone', type: 'textfield', label: '电话', validate: '{"pattern":"^1\\\\d{10}$"}', changes: [{ property: 'validate', before: null, after: '{"pattern":"^1\\\\d{10}$"}' }] },
    ]);
  });

  it('does not count where the editor placed a component, or the key order of its validation, as a change', () => {
    expect(sut.changed.map((c) => c.id)).not.toContain('Intro');
  });

  it('refuses text that is not JSON', () => {
    expect(() => diffForms(base, '{ not json')).toThrow();
  });
});
