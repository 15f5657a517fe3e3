import { AppError } from '../errors/app-error';
import { parseOrThrow } from '../errors/validate';
import { createIntakeSchema, intakeFieldMessages } from './intake.dto';

const valid = { source: 'hotline', category: '市容环境', title: '店外占道经营', description: '早市摊贩占用人行道', address: '嘉善县罗星街道亭桥路' };

function problemsOf(input: unknown) {
  try {
    parseOrThrow(createIntakeSchema, input, intakeFieldMessages);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).details;
  }
  throw new Error('expected a validation error');
}

describe('createIntakeSchema', () => {
  it('accepts an intake with optional location and reporter', () => {
    const input = { ...valid, location: { lat: 30.83, lng: 120.92 }, reporter: { name: '张先生', phone: '13800000000' } };
    expect(parseOrThrow(createIntakeSchema, input, intakeFieldMessages)).toEqual(input);
  });

  it('explains a missing title and an unknown source in both languages', () => {
    const problems = problemsOf({ ...valid, title: undefined, source: 'fax' });
    expect(problems.map((p) => p.field).sort()).toEqual(['source', 'title']);
    expect(problems.find((p) => p.field === 'source')?.zh).toContain('12345热线');
    expect(problems.find((p) => p.field === 'title')?.en).toContain('title is required');
  });

  it('refuses blank text, a latitude off the globe and fields it does not know', () => {
    const problems = problemsOf({ ...valid, address: '   ', location: { lat: 123, lng: 0 }, priority: 'high' });
    expect(problems.map((p) => p.field).sort()).toEqual(['address', 'body', 'location.lat']);
  });
});
