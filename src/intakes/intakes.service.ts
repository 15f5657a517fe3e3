import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { AppError } from '../errors/app-error';
import { EngineClient, EngineError } from '../engine-client/engine-client';
import { toEngineVariables } from '../engine-client/engine-variables';
import { CreateIntake } from './intake.dto';
import { Intake } from './intake.entity';

export const INTAKE_PROCESS_KEY = 'intake-dispatch';

@Injectable()
export class IntakesService {
  private readonly logger = new Logger(IntakesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly engine: EngineClient,
  ) {}

  /**
   * The intake is committed before its process starts, because the register worker may fetch the first
   * task before this request returns; if the engine refuses, the intake is withdrawn again.
   */
  async create(user: CurrentUser, input: CreateIntake): Promise<Intake> {
    const definition = await this.engine.latestDefinitionFor(INTAKE_PROCESS_KEY, user.district).catch(rethrowUnavailable);
    if (!definition) throw new AppError('PROCESS_NOT_DEPLOYED');

    const id = randomUUID();
    const intake = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(Intake, {
          id,
          businessKey: id,
          districtId: user.district,
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
          processInstanceId: null,
          createdBy: user.username,
          registeredAt: null,
          closedAt: null,
        }),
      );
      await this.audit.append(manager, {
        districtId: user.district,
        actor: user.username,
        action: 'intake.create',
        subjectType: 'intake',
        subjectId: created.businessKey,
        before: null,
        after: { ...input, processDefinitionId: definition.id },
      });
      return created;
    });

    try {
      const instance = await this.engine.startProcess(
        definition.id,
        intake.businessKey,
        toEngineVariables({ intakeId: intake.id, districtId: user.district, source: input.source, category: input.category, title: input.title }),
      );
      await this.dataSource.getRepository(Intake).update({ id }, { processInstanceId: instance.id });
      intake.processInstanceId = instance.id;
      return intake;
    } catch (error) {
      await this.withdraw(user, intake, error);
      return rethrowUnavailable(error);
    }
  }

  private async withdraw(user: CurrentUser, intake: Intake, cause: unknown): Promise<void> {
    this.logger.warn(`intake ${intake.businessKey} withdrawn, its process did not start: ${String(cause)}`);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(Intake, { id: intake.id });
      await this.audit.append(manager, {
        districtId: user.district,
        actor: user.username,
        action: 'intake.withdraw',
        subjectType: 'intake',
        subjectId: intake.businessKey,
        before: { status: intake.status },
        after: { reason: String(cause) },
      });
    });
  }
}

function rethrowUnavailable(error: unknown): never {
  if (error instanceof EngineError && error.status < 500) throw error;
  throw new AppError('ENGINE_UNAVAILABLE');
}
