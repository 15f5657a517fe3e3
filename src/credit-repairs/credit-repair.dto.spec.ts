import { AppError } from '../errors/app-error';
import { parseOrThrow } from '../errors/validate';
import { createCreditRepairSchema, creditRepairFieldMessages } from './credit-repair.dto';

const valid = {
  repairType: 'penalty-general',
  applicantName: '婺城区某小吃店',
  applicantCode: '92330702MA2K000001',
  creditRecordRef: '婺综执罚决字〔2026〕第42号',
  reason: '罚款已缴纳',
  materialsProvided: ['applicationForm'],
};

function problemsOf(input: unknown) {
  try {
    parseOrThrow(createCreditRepairSchema, input, creditRepairFieldMessages);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).details;
  }
  throw new Error('expected a validation error');
}

describe('createCreditRepairSchema', () => {
  it('accepts an application with an empty list of materials handed in', () => {
    expect(parseOrThrow(createCreditRepairSchema, { ...valid, materialsProvided: [] }, creditRepairFieldMessages)).toEqual({ ...valid, materialsProvided: [] });
  });

  it('names every missing or malformed field in Chinese and English', () => {
    const problems = problemsOf({ ...valid, applicantName: undefined, applicantCode: 'abc', repairType: 'tax' });
    expect(problems.map((p) => p.field).sort()).toEqual(['applicantCode', 'applicantName', 'repairType']);
    expect(problems.find((p) => p.field === 'applicantCode')?.zh).toContain('统一社会信用代码');
  });
});
