import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { DataSource, QueryRunner } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { DistrictsService } from '../../src/districts/districts.service';
import type { EngineClient } from '../../src/engine-client/engine-client';
import { toEngineVariables } from '../../src/engine-client/engine-variables';
import { ServiceTokenProvider } from '../../src/engine-client/service-token';
import { Intake } from '../../src/intakes/intake.entity';
import { ProcessedTask } from '../../workers/processed-task.entity';
import { TopicRunner } from '../../workers/run-topic';
import { IntakeRegisterHandler } from '../../workers/topics/intake-register.handler';
import { eventually, testProfile } from '../support/api';
import { apiEngineClient, openDatabase, testConfig } from '../support/backend';
import { startComponent, stopComponent } from '../support/stack';

const LOCK_MS = 4_000;
const DISTRICT = 'linan';

describe('a worker that stops in the middle of a task', () => {
  let db: DataSource;
  let engine: EngineClient;
  const workerTokens = ServiceTokenProvider.forRealm(testConfig.keycloak.url, testConfig.keycloak.realm, testConfig.worker.serviceClient);

  beforeAll(async () => {
    db = await openDatabase();
    engine = apiEngineClient();
    // The stack's own workers would take the task first; these tests play the part of the workers.
    await stopComponent('test', 'workers');
  });
  afterAll(async () => {
    await startComponent('test', 'workers');
    await db.destroy();
  });

  async function startIntake(): Promise<Intake> {
    const id = randomUUID();
    await db.getRepository(Intake).insert({
      id,
      businessKey: id,
      districtId: DISTRICT,
      source: 'ai-alert',
      category: '工地管理',
      title: 'AI告警：工地出口车辆未冲洗',
      description: '视频识别到渣土车带泥驶出',
      address: '临安区青山湖街道',
      status: 'received',
      createdBy: 'linan.officer',
    });
    const definition = await engine.latestDefinitionFor('intake-dispatch', DISTRICT);
    const instance = await engine.startProcess(
      definition!.id,
      id,
      toEngineVariables({ intakeId: id, districtId: DISTRICT, source: 'ai-alert', category: '工地管理', title: 'AI告警：工地出口车辆未冲洗' }),
    );
    await db.getRepository(Intake).update({ id }, { processInstanceId: instance.id });
    return db.getRepository(Intake).findOneByOrFail({ id });
  }

  async function externalTasks(processInstanceId: string): Promise<Array<{ id: string; workerId: string | null; lockExpirationTime: string | null }>> {
    const response = await fetch(`${testConfig.engine.url}/external-task?processInstanceId=${processInstanceId}`, {
      headers: { authorization: `Bearer ${await workerTokens.token()}` },
    });
    return (await response.json()) as Array<{ id: string; workerId: string | null; lockExpirationTime: string | null }>;
  }

  function spawnWorker(env: Record<string, string>): ChildProcess {
    return spawn(process.execPath, [join(__dirname, '../../dist/workers/main.js')], {
      env: { ...process.env, ...testProfile.env, WORKER_LOCK_DURATION_MS: String(LOCK_MS), ...env },
      stdio: 'ignore',
    });
  }

  /** Holds the intake row so a worker stops inside its transaction, between fetch and commit. */
  async function holdIntake(intake: Intake): Promise<QueryRunner> {
    const held = db.createQueryRunner();
    await held.startTransaction();
    await held.query('SELECT id FROM intake WHERE id = ? FOR UPDATE', [intake.id]);
    return held;
  }

  const lockedByAWorker = (intake: Intake) =>
    eventually(async () => {
      const tasks = await externalTasks(intake.processInstanceId!);
      return tasks.some((t) => t.workerId) && tasks[0];
    }, 'the spawned worker to lock the register task');

  const registerAudits = (businessKey: string) => db.getRepository(AuditEntry).countBy({ subjectId: businessKey, action: 'intake.register' });
  const reachedTriage = (intake: Intake) =>
    eventually(async () => (await engine.queryTasks({ tenantIdIn: [DISTRICT], processInstanceId: intake.processInstanceId! })).find((t) => t.taskDefinitionKey === 'Triage'), 'the triage task', 60_000);

  it('is killed while its transaction is open: the task is fetched again after the lock expires and numbered once', async () => {
    const intake = await startIntake();
    const held = await holdIntake(intake);
    const worker = spawnWorker({});
    try {
      const locked = await lockedByAWorker(intake);
      await new Promise((resolve) => setTimeout(resolve, 500));
      worker.kill('SIGKILL');
      await new Promise((resolve) => worker.once('exit', resolve));
      await held.commitTransaction();

      expect(await db.getRepository(ProcessedTask).countBy({ externalTaskId: locked.id })).toBe(0);
      expect((await db.getRepository(Intake).findOneByOrFail({ id: intake.id })).caseNumber).toBeNull();

      await startComponent('test', 'workers');
      await reachedTriage(intake);
      const registered = await db.getRepository(Intake).findOneByOrFail({ id: intake.id });
      expect(registered.caseNumber).toMatch(/^LA-/);
      expect(await db.getRepository(ProcessedTask).countBy({ externalTaskId: locked.id })).toBe(1);
      expect(await registerAudits(intake.businessKey)).toBe(1);
    } finally {
      worker.kill('SIGKILL');
      if (held.isTransactionActive) await held.rollbackTransaction();
      await held.release();
      await stopComponent('test', 'workers');
    }
  });

  it('dies after its side effect committed but before the engine heard of it: the redelivered task changes nothing again', async () => {
    const intake = await startIntake();
    const fetched = await fetch(`${testConfig.engine.url}/external-task/fetchAndLock`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await workerTokens.token()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ workerId: 'doomed-worker', maxTasks: 10, topics: [{ topicName: 'intake.register', lockDuration: LOCK_MS, businessKey: intake.businessKey }] }),
    });
    const task = ((await fetched.json()) as Array<{ id: string; processInstanceId: string; businessKey: string; tenantId: string; activityId: string; retries: number | null }>).find(
      (t) => t.processInstanceId === intake.processInstanceId,
    );
    expect(task).toBeDefined();

    const runner = new TopicRunner(db, new AuditService(db), { maxRetries: 3, retryBaseMs: 1000 });
    const died = new Error('process killed before it could answer the engine');
    const calls: string[] = [];
    await runner.run(
      new IntakeRegisterHandler(new DistrictsService(db)),
      { ...task!, topicName: 'intake.register', variables: { intakeId: intake.id, districtId: DISTRICT } },
      {
        complete: async () => {
          calls.push('complete');
          throw died;
        },
        handleBpmnError: async () => void calls.push('bpmn-error'),
        handleFailure: async () => {
          calls.push('failure');
          throw died;
        },
      },
    );
    expect(calls).toEqual(['complete', 'failure']);
    const numbered = await db.getRepository(Intake).findOneByOrFail({ id: intake.id });
    expect(numbered.caseNumber).toMatch(/^LA-/);

    await startComponent('test', 'workers');
    await reachedTriage(intake);
    expect((await db.getRepository(Intake).findOneByOrFail({ id: intake.id })).caseNumber).toBe(numbered.caseNumber);
    expect(await registerAudits(intake.businessKey)).toBe(1);
    expect(await db.getRepository(ProcessedTask).countBy({ externalTaskId: task!.id })).toBe(1);
    await stopComponent('test', 'workers');
  });

  it('is stopped (SIGTERM) while a task hangs: it gives the task back to the engine at once instead of holding the lock', async () => {
    const intake = await startIntake();
    const held = await holdIntake(intake);
    const worker = spawnWorker({ WORKER_LOCK_DURATION_MS: '120000', WORKER_SHUTDOWN_GRACE_MS: '1000' });
    try {
      const locked = await lockedByAWorker(intake);
      expect(locked.workerId).toBeTruthy();
      const stopped = Date.now();
      worker.kill('SIGTERM');
      const exitCode = await new Promise((resolve) => worker.once('exit', resolve));
      expect(Date.now() - stopped).toBeLessThan(15_000);
      expect(exitCode).toBe(0);

      const [released] = await externalTasks(intake.processInstanceId!);
      expect(released).toMatchObject({ id: locked.id, workerId: null, lockExpirationTime: null });
    } finally {
      worker.kill('SIGKILL');
      if (held.isTransactionActive) await held.rollbackTransaction();
      await held.release();
    }
    await startComponent('test', 'workers');
    await reachedTriage(intake);
    expect(await registerAudits(intake.businessKey)).toBe(1);
    await stopComponent('test', 'workers');
  });
});
