import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, DeepPartial, EntityTarget } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { AppError } from '../errors/app-error';
import { EngineClient, EngineError } from '../engine-client/engine-client';
import { toEngineVariables } from '../engine-client/engine-variables';
import { FlowRecord } from './flow-record.entity';

export interface FlowStart<T extends FlowRecord> {
  /** Resolved for the caller's district: its own variant, else the shared template. */
  processKey: string;
  entity: EntityTarget<T>;
  /** Audit subject type; the entries are `<subjectType>.create` and `<subjectType>.withdraw`. */
  subjectType: string;
  /** What the caller submitted, recorded in the create entry. */
  input: object;
  /** The row's own columns and its title; id, business key, district, creator and process instance are set here. */
  fields: DeepPartial<T> & { title: string };
  /** Start variables besides `districtId` and `title`, which every instance gets. */
  variables: (record: T) => Record<string, unknown>;
}

/** Starts a flow for a new business row (intake, penalty case, credit repair, inspection). */
@Injectable()
export class FlowStarter {
  private readonly logger = new Logger(FlowStarter.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly engine: EngineClient,
  ) {}

  /**
   * The row and its create entry commit before the process starts, because the flow's first worker may fetch its
   * task (and look the row up) before this returns; if the engine refuses, the row is withdrawn again, with an entry.
   * Callers validate first: nothing is written when the definition is missing or the engine is down.
   */
  async start<T extends FlowRecord & { status: string }>(user: CurrentUser, flow: FlowStart<T>): Promise<T> {
    const definition = await this.engine.latestDefinitionFor(flow.processKey, user.district).catch(rethrowUnavailable);
    if (!definition) throw new AppError('PROCESS_NOT_DEPLOYED');

    const id = randomUUID();
    const record = await this.dataSource.transaction(async (manager) => {
      const fields = { ...flow.fields, id, businessKey: id, districtId: user.district, processInstanceId: null, createdBy: user.username };
      const created = await manager.save(manager.create(flow.entity, fields as DeepPartial<T>));
      await this.audit.append(manager, {
        districtId: user.district,
        actor: user.username,
        action: `${flow.subjectType}.create`,
        subjectType: flow.subjectType,
        subjectId: created.businessKey,
        before: null,
        after: { ...flow.input, processDefinitionId: definition.id },
      });
      return created;
    });

    try {
      const variables = { ...flow.variables(record), districtId: user.district, title: record.title };
      const instance = await this.engine.startProcess(definition.id, record.businessKey, toEngineVariables(variables));
      await this.dataSource.getRepository(asFlowRecord(flow.entity)).update({ id }, { processInstanceId: instance.id });
      record.processInstanceId = instance.id;
      return record;
    } catch (error) {
      await this.withdraw(user, flow, record, error);
      return rethrowUnavailable(error);
    }
  }

  private async withdraw<T extends FlowRecord & { status: string }>(user: CurrentUser, flow: FlowStart<T>, record: T, cause: unknown): Promise<void> {
    this.logger.warn(`${flow.subjectType} ${record.businessKey} withdrawn, its process did not start: ${String(cause)}`);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(asFlowRecord(flow.entity), { id: record.id });
      await this.audit.append(manager, {
        districtId: user.district,
        actor: user.username,
        action: `${flow.subjectType}.withdraw`,
        subjectType: flow.subjectType,
        subjectId: record.businessKey,
        before: { status: record.status },
        after: { reason: String(cause) },
      });
    });
  }
}

/** Updates and deletes here only name FlowRecord columns, which every flow entity has. */
function asFlowRecord<T extends FlowRecord>(entity: EntityTarget<T>): EntityTarget<FlowRecord> {
  return entity as EntityTarget<FlowRecord>;
}

/** An engine 4xx is the caller's problem and passes through; anything else means the engine is unavailable. */
function rethrowUnavailable(error: unknown): never {
  if (error instanceof EngineError && error.status < 500) throw error;
  throw new AppError('ENGINE_UNAVAILABLE');
}
