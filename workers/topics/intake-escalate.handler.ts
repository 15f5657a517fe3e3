import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Department, IntakeEscalation } from '../../src/dispatch/dispatch.entities';
import { Intake } from '../../src/intakes/intake.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';
import { lockedRecord } from '../locked-record';

/** A county department has this long to handle an escalated matter. */
export const DEPARTMENT_DAYS = 5;

/** 移交: the squad could not solve it; the county department competent for the category takes it over. */
@Injectable()
export class IntakeEscalateHandler implements TopicHandler {
  readonly topic = 'intake.escalate' as const;

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const intake = await lockedRecord(manager, Intake, variables.intakeId, districtId, 'intake');
    const open = await manager.findOneBy(IntakeEscalation, { intakeId: intake.id, returnedAt: IsNull(), resolvedAt: IsNull() });
    const departments = await manager.findBy(Department, { districtId });
    if (open) {
      const department = departments.find((d) => d.id === open.departmentId) as Department;
      return { departmentId: department.id, departmentName: department.name, departmentDueAt: open.dueAt };
    }

    const department = departments.find((d) => d.categories.includes(intake.category)) ?? departments.find((d) => d.isDefault);
    if (!department) throw new Error(`district ${districtId} has no department to escalate to; seed one with is_default`);
    const escalatedAt = new Date();
    const departmentDueAt = new Date(escalatedAt.getTime() + DEPARTMENT_DAYS * 24 * 3600_000);
    await manager.insert(IntakeEscalation, { districtId, intakeId: intake.id, departmentId: department.id, escalatedAt, dueAt: departmentDueAt, returnedAt: null, returnReason: null, resolvedAt: null });
    await manager.update(Intake, { id: intake.id }, { status: 'escalated' });
    await audit({
      action: 'intake.escalate',
      subjectId: intake.businessKey,
      before: { status: intake.status, squadId: intake.squadId },
      after: { status: 'escalated', departmentId: department.id, departmentName: department.name, dueAt: departmentDueAt },
    });
    return { departmentId: department.id, departmentName: department.name, departmentDueAt };
  }
}
