import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Intake } from '../../src/intakes/intake.entity';
import { ProcessedTask } from '../../workers/processed-task.entity';
import { BusinessError, HandlerContext, LockedTask, TaskPort, TopicHandler, TopicRunner } from '../../workers/run-topic';
import { openDatabase } from '../support/backend';

/** A handler that writes, then reports a business outcome the model must handle. */
class NoSquadCoversGrid implements TopicHandler {
  readonly topic = 'intake.register' as const;
  calls = 0;

  async handle({ manager, variables, audit }: HandlerContext): Promise<Record<string, unknown>> {
    this.calls++;
    await manager.update(Intake, { id: String(variables.intakeId) }, { status: 'registered' });
    await audit({ action: 'intake.register', before: null, after: { status: 'registered' } });
    throw new BusinessError('NO_SQUAD_FOR_GRID', '该网格没有负责的中队');
  }
}

function recordingPort() {
  const calls: Array<[string, ...unknown[]]> = [];
  const port: TaskPort = {
    complete: async (variables) => void calls.push(['complete', variables]),
    handleBpmnError: async (code, message) => void calls.push(['bpmn-error', code, message]),
    handleFailure: async (failure) => void calls.push(['failure', failure.retries, failure.retryTimeout]),
  };
  return { port, calls };
}

describe(`${TopicRunner.name} on the real database`, () => {
  let db: DataSource;
  let sut: TopicRunner;

  beforeAll(async () => {
    db = await openDatabase();
    sut = new TopicRunner(db, new AuditService(db), { maxRetries: 3, retryBaseMs: 500 });
  });
  afterAll(() => db.destroy());

  async function lockedTaskFor(): Promise<{ task: LockedTask; intakeId: string }> {
    const intakeId = randomUUID();
    await db.getRepository(Intake).insert({
      id: intakeId,
      businessKey: intakeId,
      districtId: 'xiaoshan-xintang',
      source: 'grid-liaison',
      category: '市容环境',
      title: '网格员上报：绿化带堆放杂物',
      description: '新塘街道某小区',
      address: '萧山区新塘街道',
      status: 'received',
      createdBy: 'xiaoshan-xintang.officer',
    });
    const task: LockedTask = {
      id: `test-${intakeId}`,
      topicName: 'intake.register',
      businessKey: intakeId,
      tenantId: 'xiaoshan-xintang',
      processInstanceId: `pi-${intakeId}`,
      activityId: 'Register',
      retries: null,
      variables: { intakeId },
    };
    return { task, intakeId };
  }

  it('turns a business outcome into a BPMN error, rolls back what the handler wrote, and repeats the same error on redelivery', async () => {
    const { task, intakeId } = await lockedTaskFor();
    const handler = new NoSquadCoversGrid();
    const { port, calls } = recordingPort();

    await sut.run(handler, task, port);
    await sut.run(handler, task, port);

    expect(calls).toEqual([
      ['bpmn-error', 'NO_SQUAD_FOR_GRID', '该网格没有负责的中队'],
      ['bpmn-error', 'NO_SQUAD_FOR_GRID', '该网格没有负责的中队'],
    ]);
    expect(handler.calls).toBe(1);
    expect((await db.getRepository(Intake).findOneByOrFail({ id: intakeId })).status).toBe('received');
    expect(await db.getRepository(AuditEntry).countBy({ subjectId: intakeId })).toBe(0);
    expect(await db.getRepository(ProcessedTask).findOneByOrFail({ externalTaskId: task.id })).toMatchObject({ outcome: 'bpmn-error', errorCode: 'NO_SQUAD_FOR_GRID' });
  });

  it('reports a technical failure with the retries left and a doubling wait, and keeps no record of it', async () => {
    const { task } = await lockedTaskFor();
    const broken: TopicHandler = {
      topic: 'intake.register',
      handle: async () => {
        throw new Error('database of the grid service is down');
      },
    };
    const { port, calls } = recordingPort();

    await sut.run(broken, task, port);
    await sut.run(broken, { ...task, retries: 3 }, port);
    await sut.run(broken, { ...task, retries: 1 }, port);

    expect(calls).toEqual([
      ['failure', 3, 500],
      ['failure', 2, 1000],
      ['failure', 0, 4000],
    ]);
    expect(await db.getRepository(ProcessedTask).countBy({ externalTaskId: task.id })).toBe(0);
  });

  it('refuses a task whose required input is missing before the handler runs', async () => {
    const { task } = await lockedTaskFor();
    const handler = new NoSquadCoversGrid();
    const { port, calls } = recordingPort();

    await sut.run(handler, { ...task, variables: {} }, port);

    expect(handler.calls).toBe(0);
    expect(calls).toEqual([['failure', 3, 500]]);
  });

  it('answers again when the engine refuses the answer for a concurrent update, without spending a retry or redoing the work', async () => {
    const { task } = await lockedTaskFor();
    const handler = new (class implements TopicHandler {
      readonly topic = 'intake.register' as const;
      calls = 0;
      async handle() {
        this.calls++;
        return { caseNumber: 'XT-2026-000001' };
      }
    })();
    const calls: string[] = [];
    let conflicts = 2;
    const port: TaskPort = {
      complete: async () => {
        calls.push('complete');
        if (conflicts-- > 0) throw new Error("Response code 500 (Internal Server Error); Error: ENGINE-03005 Execution of 'UPDATE VariableInstanceEntity[x]' failed. Entity was updated by another transaction concurrently.; Type: OptimisticLockingException");
      },
      handleBpmnError: async () => void calls.push('bpmn-error'),
      handleFailure: async () => void calls.push('failure'),
    };

    await sut.run(handler, task, port);

    expect(calls).toEqual(['complete', 'complete', 'complete']);
    expect(handler.calls).toBe(1);
  });
});
