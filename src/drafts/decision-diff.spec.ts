import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffDecisions, type DecisionDiff } from './decision-diff';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe(diffDecisions.name, () => {
  const base = fixture('diff-base.dmn');
  const changed = fixture('diff-changed.dmn');
  let sut: DecisionDiff;
  beforeAll(async () => (sut = await diffDecisions(base, changed)));

  it('finds nothing between a table and itself', async () => {
    expect(await diffDecisions(base, base)).toEqual({ added: [], removed: [], changed: [] });
  });

  it('lists an added rule with its input and output entries', () => {
    expect(sut.added).toEqual([
      {
        decisionId: 'level',
        decisionName: '事项分级',
        ruleId: 'Gas',
        description: null,
        inputs: [{ column: '事项类别', text: '"燃气安全"' }],
        outputs: [{ column: '办理时限（天）', text: '1' }],
      },
    ]);
  });

  it('lists a removed rule by its id', () => {
    expect(sut.removed.map((r) => r.ruleId)).toEqual(['Noise']);
    expect(sut.removed[0].inputs).toEqual([{ column: '事项类别', text: '"噪声扰民"' }]);
  });

  it('names the changed output entry and description of a rule, and leaves unchanged rules out', () => {
    expect(sut.changed).toEqual([
      {
        decisionId: 'level',
        decisionName: '事项分级',
        ruleId: 'Construction',
        description: '违法建设：限期二十日',
        changes: [
          { column: '说明 description', before: '违法建设', after: '违法建设：限期二十日' },
          { column: '办理时限（天）', before: '15', after: '20' },
        ],
      },
    ]);
  });

  it('refuses a document that is not DMN', async () => {
    await expect(diffDecisions(base, '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" />')).rejects.toThrow();
  });
});
