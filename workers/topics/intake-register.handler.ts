import { Injectable } from '@nestjs/common';
import { DistrictsService } from '../../src/districts/districts.service';
import { allocateCaseNumber } from '../../src/intakes/case-numbers';
import { Intake } from '../../src/intakes/intake.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';
import { lockedRecord } from '../locked-record';

/** 受理登记: the intake gets its district's next case number for the year. */
@Injectable()
export class IntakeRegisterHandler implements TopicHandler {
  readonly topic = 'intake.register' as const;

  constructor(private readonly districts: DistrictsService) {}

  async handle({ variables, districtId, task, manager, audit }: HandlerContext) {
    const intake = await lockedRecord(manager, Intake, variables.intakeId, districtId, 'intake');
    if (intake.caseNumber) return { caseNumber: intake.caseNumber };

    const district = await this.districts.find(districtId);
    if (!district) throw new Error(`district ${districtId} is not configured`);
    const registeredAt = new Date();
    const caseNumber = await allocateCaseNumber(manager, districtId, district.casePrefix, registeredAt.getFullYear());
    await manager.update(Intake, { id: intake.id }, { caseNumber, status: 'registered', registeredAt, processInstanceId: task.processInstanceId });
    await audit({ action: 'intake.register', subjectId: intake.businessKey, before: { status: intake.status }, after: { status: 'registered', caseNumber } });
    return { caseNumber };
  }
}
