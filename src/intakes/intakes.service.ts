import { Injectable } from '@nestjs/common';
import type { CurrentUser } from '../auth/current-user';
import { FlowStarter } from '../flows/flow-starter';
import { CreateIntake } from './intake.dto';
import { Intake } from './intake.entity';

export const INTAKE_PROCESS_KEY = 'intake-dispatch';

@Injectable()
export class IntakesService {
  constructor(private readonly flows: FlowStarter) {}

  create(user: CurrentUser, input: CreateIntake): Promise<Intake> {
    return this.flows.start(user, {
      processKey: INTAKE_PROCESS_KEY,
      entity: Intake,
      subjectType: 'intake',
      input,
      fields: {
        caseNumber: null,
        source: input.source,
        category: input.category,
        title: input.title,
        description: input.description,
        address: input.address,
        latitude: input.location?.lat ?? null,
        longitude: input.location?.lng ?? null,
        reporterName: input.reporter?.name || null,
        reporterPhone: input.reporter?.phone || null,
        status: 'received',
        registeredAt: null,
        closedAt: null,
      },
      variables: (intake) => ({ intakeId: intake.id, source: input.source, category: input.category }),
    });
  }
}
