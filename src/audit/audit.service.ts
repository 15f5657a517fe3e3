import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditChainHead, AuditEntry } from './audit-entry.entity';
import { AuditFields, chainHash, findBrokenLink } from './audit-chain';

export type AuditRecord = Omit<AuditFields, 'at'> & { at?: Date };

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends within the caller's transaction, so the record and the change it describes commit together. */
  async append(manager: EntityManager, record: AuditRecord): Promise<AuditEntry> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.append must run inside a transaction');
    }
    const head = await manager.findOne(AuditChainHead, { where: { id: 1 }, lock: { mode: 'pessimistic_write' } });
    if (!head) throw new Error('audit_chain_head is missing: run the migrations');
    const fields: AuditFields = { ...record, before: record.before ?? null, after: record.after ?? null, at: record.at ?? new Date() };
    const hash = chainHash(head.lastHash, fields);
    const entry = await manager.save(manager.create(AuditEntry, { ...fields, prevHash: head.lastHash, hash }));
    await manager.update(AuditChainHead, { id: 1 }, { lastHash: hash });
    return entry;
  }

  trail(districtId: string, subjectId: string): Promise<AuditEntry[]> {
    return this.dataSource.getRepository(AuditEntry).find({ where: { districtId, subjectId }, order: { id: 'ASC' } });
  }

  /** Null when the whole chain is intact, else the id of the first row that was altered, inserted or removed. */
  async verifyChain(): Promise<string | null> {
    const rows = await this.dataSource.getRepository(AuditEntry).find({ order: { id: 'ASC' } });
    return findBrokenLink(rows);
  }
}

