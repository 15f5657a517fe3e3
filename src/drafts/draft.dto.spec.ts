import { AppError } from '../errors/app-error';
import { parseOrThrow } from '../errors/validate';
import { createDraftSchema, draftFieldMessages, saveRevisionSchema } from './draft.dto';

const fieldsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return (error.details ?? []).map((d) => d.field);
    throw error;
  }
  throw new Error('expected a validation error');
};

describe('createDraftSchema', () => {
  const parse = (body: unknown) => parseOrThrow(createDraftSchema, body, draftFieldMessages);

  it('reads a draft without a kind as a process draft, as before', () => {
    expect(parse({ processKey: 'intake-dispatch', comment: '为本区定制' })).toEqual({ kind: 'bpmn', processKey: 'intake-dispatch', comment: '为本区定制' });
  });

  it('takes a decision table or a form by its key', () => {
    expect(parse({ kind: 'dmn', processKey: 'triage' })).toEqual({ kind: 'dmn', processKey: 'triage' });
    expect(parse({ kind: 'form', processKey: 'intake-handle', comment: '增加见证人' })).toMatchObject({ kind: 'form', processKey: 'intake-handle' });
  });

  it('refuses an unknown kind, naming the field in Chinese and English', () => {
    try {
      parse({ kind: 'script', processKey: 'triage' });
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('VALIDATION_FAILED');
      expect((error as AppError).details).toEqual([{ field: 'kind', ...draftFieldMessages.kind }]);
    }
  });

  it('refuses a key that could be a path', () => {
    expect(fieldsOf(() => parse({ kind: 'form', processKey: '../forms/intake-handle' }))).toEqual(['processKey']);
  });

  it('lets only a process draft take a template update', () => {
    expect(parse({ processKey: 'intake-dispatch', fromTemplateUpdate: true })).toMatchObject({ kind: 'bpmn', fromTemplateUpdate: true });
    expect(fieldsOf(() => parse({ kind: 'form', processKey: 'intake-handle', fromTemplateUpdate: true }))).toEqual(['fromTemplateUpdate']);
  });

  it('refuses fields it does not know, such as a tenant', () => {
    expect(fieldsOf(() => parse({ kind: 'dmn', processKey: 'triage', tenantId: 'wuxing' }))).toEqual(['body']);
  });
});

describe('saveRevisionSchema', () => {
  const parse = (body: unknown) => parseOrThrow(saveRevisionSchema, body, draftFieldMessages);

  it('takes a form’s JSON text in xml, as a process’s or table’s XML', () => {
    expect(parse({ xml: '{"id":"intake-handle","components":[]}', comment: '增加见证人' }).xml).toContain('intake-handle');
  });

  it('needs the model text and a comment', () => {
    expect(fieldsOf(() => parse({ xml: '', comment: ' ' })).sort()).toEqual(['comment', 'xml']);
  });
});
