import { AppError } from '../errors/app-error';
import { parseOrThrow } from '../errors/validate';
import { filePenaltyCaseSchema, penaltyCaseFieldMessages, penaltyCaseTitle } from './penalty-case.dto';

const filing = { party: { name: '张某', type: 'individual' }, violationCode: 'street-vending', facts: '在人行道上摆摊' };
const problemsOf = (input: unknown) => {
  try {
    parseOrThrow(filePenaltyCaseSchema, input, penaltyCaseFieldMessages);
    return [];
  } catch (error) {
    return (error as AppError).details;
  }
};

describe('filePenaltyCaseSchema', () => {
  it('accepts a filing, with or without the intake it came from', () => {
    expect(problemsOf(filing)).toEqual([]);
    expect(problemsOf({ ...filing, intakeId: '0b6f1a52-6a3c-4f7e-9a39-4d1d5c1f2e11' })).toEqual([]);
  });

  it('names every missing or wrong field in Chinese and English', () => {
    const problems = problemsOf({ party: { name: ' ' }, violationCode: 'Street Vending', intakeId: '42' });
    expect(problems.map((p) => p.field).sort()).toEqual(['facts', 'intakeId', 'party.name', 'party.type', 'violationCode']);
    expect(problems.find((p) => p.field === 'party.type')?.zh).toContain('个人');
  });

  it('refuses fields it does not know, so nothing unexpected reaches the process', () => {
    expect(problemsOf({ ...filing, fineYuan: 100 }).map((p) => p.field)).toEqual(['body']);
  });

  it('titles the case for task lists with the party and the violation in Chinese', () => {
    expect(penaltyCaseTitle('张某', 'street-vending')).toBe('行政处罚：张某（占道经营）');
    expect(penaltyCaseTitle('某公司', 'noise')).toBe('行政处罚：某公司（noise）');
  });
});
