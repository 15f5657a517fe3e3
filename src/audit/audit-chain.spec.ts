import { AuditFields, ChainRow, chainHash, findBrokenLink, GENESIS_HASH } from './audit-chain';

function chain(records: AuditFields[]): ChainRow[] {
  let prev = GENESIS_HASH;
  return records.map((fields, index) => {
    const hash = chainHash(prev, fields);
    const row = { id: String(index + 1), ...fields, prevHash: prev, hash };
    prev = hash;
    return row;
  });
}

const record = (action: string, after: Record<string, unknown>): AuditFields => ({
  districtId: 'jiashan',
  actor: 'jiashan.officer',
  action,
  subjectType: 'intake',
  subjectId: 'bk-1',
  before: null,
  after,
  at: new Date('2026-11-24T09:00:00.000Z'),
});

describe(findBrokenLink.name, () => {
  const rows = () => chain([record('intake.create', { title: '占道经营' }), record('task.claim', { assignee: 'a' }), record('task.complete', { b: 1, a: 2 })]);

  it('accepts an untouched chain', () => {
    expect(findBrokenLink(rows())).toBeNull();
  });

  it('finds a row whose content was edited afterwards', () => {
    const tampered = rows();
    tampered[1].after = { assignee: 'someone else' };
    expect(findBrokenLink(tampered)).toBe('2');
  });

  it('finds a row that was deleted from the middle', () => {
    const gap = rows();
    gap.splice(1, 1);
    expect(findBrokenLink(gap)).toBe('3');
  });

  it('hashes objects the same whatever order their keys come back in from the database', () => {
    const original = record('x', { b: 1, a: { d: 2, c: 3 } });
    const reordered = { ...original, after: { a: { c: 3, d: 2 }, b: 1 } };
    expect(chainHash(GENESIS_HASH, reordered)).toBe(chainHash(GENESIS_HASH, original));
  });
});
