import { AppError } from '../errors/app-error';
import { parseOrThrow } from '../errors/validate';
import { createInspectionSchema, inspectionFieldMessages } from './inspection.dto';

describe('createInspectionSchema', () => {
  it('accepts a planned inspection and refuses a blank party and unknown fields', () => {
    const valid = { scenario: 'catering', partyName: '某餐馆', address: '吴兴区织里镇' };
    expect(parseOrThrow(createInspectionSchema, valid, inspectionFieldMessages)).toEqual(valid);
    try {
      parseOrThrow(createInspectionSchema, { ...valid, partyName: '  ', when: 'now' }, inspectionFieldMessages);
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).details.map((p) => p.field).sort()).toEqual(['body', 'partyName']);
    }
  });
});
