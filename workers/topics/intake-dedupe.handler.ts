import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { distanceM } from '../../src/dispatch/grid-locator';
import { Intake } from '../../src/intakes/intake.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';
import { lockedRecord } from '../locked-record';

/** Two reports of the same category this close, this soon after each other, are one matter. */
export const DUPLICATE_RADIUS_M = 200;
export const DUPLICATE_WINDOW_MS = 24 * 3600_000;
/** Earlier complaints about the same place count towards 重复投诉 for this long. */
const REPEAT_WINDOW_MS = 90 * 24 * 3600_000;
const OPEN_STATUSES = ['registered', 'dispatched', 'escalated'];

/** 查重: a report of a matter already open is merged into it (not dispatched twice); its reporter still gets feedback. */
@Injectable()
export class IntakeDedupeHandler implements TopicHandler {
  readonly topic = 'intake.dedupe' as const;

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const intake = await lockedRecord(manager, Intake, variables.intakeId, districtId, 'intake');
    const repeatComplaints = await this.repeatComplaints(manager, intake);
    if (intake.duplicateOf) return { duplicate: true, duplicateOf: intake.duplicateOf, repeatComplaints };

    const candidates = await manager
      .createQueryBuilder(Intake, 'i')
      .where('i.district_id = :districtId AND i.category = :category AND i.id <> :id', { districtId, category: intake.category, id: intake.id })
      .andWhere('i.status IN (:...open) AND i.duplicate_of IS NULL', { open: OPEN_STATUSES })
      .andWhere('i.created_at <= :created AND i.created_at >= :since', { created: intake.createdAt, since: new Date(intake.createdAt.getTime() - DUPLICATE_WINDOW_MS) })
      .orderBy('i.created_at', 'ASC')
      .getMany();
    const original = candidates.find((other) => sameAddress(other, intake) || within(other, intake, DUPLICATE_RADIUS_M));
    if (!original) return { duplicate: false, repeatComplaints };

    await manager.update(Intake, { id: intake.id }, { status: 'merged', duplicateOf: original.id });
    await audit({
      action: 'intake.merge',
      subjectId: intake.businessKey,
      before: { status: intake.status },
      after: { status: 'merged', duplicateOf: original.id, duplicateOfCaseNumber: original.caseNumber },
    });
    return { duplicate: true, duplicateOf: original.id, repeatComplaints };
  }

  /** Earlier intakes (any status) about the same address or spot and category. */
  private async repeatComplaints(manager: HandlerContext['manager'], intake: Intake): Promise<number> {
    const earlier = await manager
      .createQueryBuilder(Intake, 'i')
      .where('i.district_id = :districtId AND i.category = :category AND i.id <> :id', { districtId: intake.districtId, category: intake.category, id: intake.id })
      .andWhere('i.created_at <= :created AND i.created_at >= :since', { created: intake.createdAt, since: new Date(intake.createdAt.getTime() - REPEAT_WINDOW_MS) })
      .andWhere(new Brackets((q) => q.where('i.address = :address', { address: intake.address }).orWhere('i.latitude IS NOT NULL')))
      .getMany();
    return earlier.filter((other) => sameAddress(other, intake) || within(other, intake, DUPLICATE_RADIUS_M)).length;
  }
}

const sameAddress = (a: Intake, b: Intake) => a.address.trim() === b.address.trim();

function within(a: Intake, b: Intake, metres: number): boolean {
  if (a.latitude === null || a.longitude === null || b.latitude === null || b.longitude === null) return false;
  return distanceM({ lat: a.latitude, lng: a.longitude }, { lat: b.latitude, lng: b.longitude }) <= metres;
}
