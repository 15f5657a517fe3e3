import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  districtId: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: Date;
}

/** JSON with sorted keys, so the same row always hashes the same after a round trip through the database. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function chainHash(prevHash: string, fields: AuditFields): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(fields)).digest('hex');
}

export interface ChainRow extends AuditFields {
  id: string;
  prevHash: string;
  hash: string;
}

/** Walks the rows in order; returns the id of the first row that does not follow from the one before, or null. */
export function findBrokenLink(rows: ChainRow[]): string | null {
  let expectedPrev = GENESIS_HASH;
  for (const row of rows) {
    const { id, prevHash, hash, ...fields } = row;
    if (prevHash !== expectedPrev || chainHash(prevHash, fields) !== hash) return id;
    expectedPrev = hash;
  }
  return null;
}
