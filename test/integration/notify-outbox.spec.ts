import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service';
import type { EngineClient } from '../../src/engine-client/engine-client';
import { toEngineVariables } from '../../src/engine-client/engine-variables';
import { LogChannel, WebhookChannel } from '../../workers/outbox/channels';
import { OutboxDispatcher } from '../../workers/outbox/outbox-dispatcher';
import { OutboxMessage } from '../../workers/outbox/outbox-message.entity';
import { LockedTask, TaskPort, TopicRunner } from '../../workers/run-topic';
import { NotifyHandler } from '../../workers/topics/notify.handler';
import { eventually } from '../support/api';
import { apiEngineClient, openDatabase, testConfig } from '../support/backend';

const DISTRICT = 'wuxing';
// Rows of the in-process dispatcher are due in 2100: the stack's own dispatcher (real clock) never claims them.
const FAR = new Date('2100-01-01T00:00:00Z');

const notifyProcess = (key: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://xietong.test">
  <bpmn:process id="${key}" name="通知测试" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="Notify" name="发送通知" camunda:type="external" camunda:topic="notify"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:userTask id="Wait" name="等待" camunda:candidateGroups="officer"><bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="End"><bpmn:incoming>F3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Notify"/>
    <bpmn:sequenceFlow id="F2" sourceRef="Notify" targetRef="Wait"/>
    <bpmn:sequenceFlow id="F3" sourceRef="Wait" targetRef="End"/>
  </bpmn:process>
</bpmn:definitions>`;

describe('notifications through the outbox', () => {
  let db: DataSource;
  let engine: EngineClient;
  const created: string[] = [];

  beforeAll(async () => {
    db = await openDatabase();
    engine = apiEngineClient();
  });
  afterAll(async () => {
    if (created.length) await db.getRepository(OutboxMessage).delete({ id: In(created) });
    await db.destroy();
  });

  describe('on the running stack', () => {
    it('a notify step queues one row in its transaction and the workers deliver it on the log channel', async () => {
      const key = `test-notify-${randomUUID().slice(0, 8)}`;
      const deployment = await engine.deploy(key, [{ name: `${key}.bpmn`, content: notifyProcess(key) }], { tenantId: DISTRICT, source: 'test', skipIfUnchanged: false });
      try {
        const definition = Object.values(deployment.deployedProcessDefinitions ?? {})[0];
        const subjectId = randomUUID();
        const instance = await engine.startProcess(
          definition.id,
          subjectId,
          toEngineVariables({ districtId: DISTRICT, recipient: 'wuxing.squad-leader', template: 'inspection.rectification', subjectId, title: '餐饮店油烟净化器未运行', rectifyDueAt: new Date('2026-12-05T01:00:00Z') }),
        );
        const row = await eventually(
          () => db.getRepository(OutboxMessage).findOneBy({ processInstanceId: instance.id, status: 'delivered' }),
          'the notification delivered by the stack’s dispatcher',
        );
        created.push(row.id);
        expect(row).toEqual(expect.objectContaining({ districtId: DISTRICT, channel: 'log', recipient: 'wuxing.squad-leader', subjectId, attempts: 1, lastError: null, title: '限期整改' }));
        expect(row.message).toBe('「餐饮店油烟净化器未运行」检查发现问题，请于2026/12/05 09:00前完成整改，届时复查。');
        expect(await db.getRepository(OutboxMessage).countBy({ processInstanceId: instance.id })).toBe(1);
        // The step completed with the row's id as its output, so the process moved on to the user task.
        const [task] = await engine.queryTasks({ tenantIdIn: [DISTRICT], processInstanceId: instance.id });
        expect(task?.taskDefinitionKey).toBe('Wait');
      } finally {
        await engine.deleteDeployment(deployment.id);
      }
    });
  });

  describe('the handler under the topic wrapper', () => {
    it('queues exactly one row when the engine hands the same task out twice', async () => {
      const runner = new TopicRunner(db, new AuditService(db), { maxRetries: 3, retryBaseMs: 500 });
      const subjectId = randomUUID();
      const task: LockedTask = {
        id: `test-${subjectId}`,
        topicName: 'notify',
        businessKey: subjectId,
        tenantId: DISTRICT,
        processInstanceId: `pi-${subjectId}`,
        activityId: 'Notify',
        retries: null,
        variables: { recipient: 'wuxing.officer', template: 'inspection.closed', subjectId, title: '建筑工地扬尘', channel: 'webhook' },
      };
      const outputs: unknown[] = [];
      const port: TaskPort = { complete: async (v) => void outputs.push(v), handleBpmnError: async () => undefined, handleFailure: async (f) => void outputs.push(f) };
      // Not due before 2100, so the stack's dispatcher leaves it alone while this test looks at it.
      await runner.run(new NotifyHandler(), task, port);
      const rows = await db.getRepository(OutboxMessage).findBy({ externalTaskId: task.id });
      created.push(...rows.map((r) => r.id));
      await db.getRepository(OutboxMessage).update({ externalTaskId: task.id }, { nextAttemptAt: FAR });
      await runner.run(new NotifyHandler(), task, port);

      expect(rows).toHaveLength(1);
      expect(await db.getRepository(OutboxMessage).countBy({ externalTaskId: task.id })).toBe(1);
      expect(outputs).toEqual([{ notificationId: rows[0].id }, { notificationId: rows[0].id }]);
    });
  });

  describe(`${OutboxDispatcher.name} in this process against a local webhook`, () => {
    let server: Server;
    let url: string;
    const answers: number[] = [];
    const received: Array<{ id: string; body: Record<string, unknown> }> = [];

    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
          received.push({ id: String(req.headers['x-xietong-notification-id']), body: JSON.parse(body) });
          res.statusCode = answers.shift() ?? 200;
          res.end(res.statusCode >= 400 ? 'receiver down' : 'ok');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    let now: Date;
    const dispatcher = (maxAttempts = 3) => {
      const config = { webhookUrl: url, webhookTimeoutMs: 2_000, pollIntervalMs: 1_000, maxAttempts, retryBaseMs: 1_000 };
      return new OutboxDispatcher(db, config, [new LogChannel(), new WebhookChannel(url, 2_000)], () => now);
    };

    async function queue(channel: 'log' | 'webhook'): Promise<string> {
      const id = randomUUID();
      await db.getRepository(OutboxMessage).insert({
        id,
        externalTaskId: null,
        districtId: DISTRICT,
        channel,
        recipient: 'wuxing.squad-leader',
        template: 'inspection.scheduled',
        subjectId: id,
        processInstanceId: null,
        title: '综合查一次',
        message: '综合查一次：「农贸市场」已安排联合检查，请各部门按检查单到场。',
        status: 'pending',
        attempts: 0,
        lastError: null,
        nextAttemptAt: FAR,
        createdAt: new Date(),
        deliveredAt: null,
      });
      created.push(id);
      return id;
    }
    const row = (id: string) => db.getRepository(OutboxMessage).findOneByOrFail({ id });

    beforeEach(() => {
      now = new Date(FAR.getTime() + 1_000);
      answers.length = 0;
      received.length = 0;
    });

    it('posts a webhook notification once and marks it delivered', async () => {
      const id = await queue('webhook');
      await dispatcher().dispatchDue();
      await dispatcher().dispatchDue();
      expect(received.filter((r) => r.id === id)).toEqual([{ id, body: expect.objectContaining({ id, districtId: DISTRICT, recipient: 'wuxing.squad-leader', attempt: 1 }) }]);
      expect(await row(id)).toEqual(expect.objectContaining({ status: 'delivered', attempts: 1, lastError: null, deliveredAt: now }));
    });

    it('retries a failing receiver with a doubling backoff, keeping the last error, until it answers', async () => {
      const id = await queue('webhook');
      answers.push(503, 500);
      const sut = dispatcher(5);

      await sut.dispatchDue();
      const first = await row(id);
      expect(first).toEqual(expect.objectContaining({ status: 'pending', attempts: 1, lastError: 'webhook answered 503: receiver down' }));
      expect(first.nextAttemptAt.getTime() - now.getTime()).toBe(1_000);

      // Not due yet: nothing is sent.
      expect(await sut.dispatchDue(new Date(now.getTime() + 500))).toBe(0);

      now = new Date(now.getTime() + 1_000);
      await sut.dispatchDue();
      const second = await row(id);
      expect(second).toEqual(expect.objectContaining({ status: 'pending', attempts: 2, lastError: 'webhook answered 500: receiver down' }));
      expect(second.nextAttemptAt.getTime() - now.getTime()).toBe(2_000);

      now = new Date(now.getTime() + 2_000);
      await sut.dispatchDue();
      expect(await row(id)).toEqual(expect.objectContaining({ status: 'delivered', attempts: 3, lastError: null }));
      expect(received.filter((r) => r.id === id).map((r) => r.body.attempt)).toEqual([1, 2, 3]);
    });

    it('marks a notification failed with its last error when the attempts run out', async () => {
      const id = await queue('webhook');
      answers.push(500, 500);
      const sut = dispatcher(2);
      await sut.dispatchDue();
      now = new Date(now.getTime() + 1_000);
      await sut.dispatchDue();
      now = new Date(now.getTime() + 60_000);
      await sut.dispatchDue();
      expect(await row(id)).toEqual(expect.objectContaining({ status: 'failed', attempts: 2, lastError: 'webhook answered 500: receiver down', deliveredAt: null }));
      expect(received.filter((r) => r.id === id)).toHaveLength(2);
    });

    it('delivers each row once when two worker processes dispatch at the same time', async () => {
      const ids = await Promise.all([1, 2, 3, 4, 5, 6].map(() => queue('webhook')));
      await Promise.all([dispatcher().dispatchDue(), dispatcher().dispatchDue()]);
      expect(received.map((r) => r.id).filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
      for (const id of ids) expect((await row(id)).status).toBe('delivered');
    });

    it('delivers on the log channel without any receiver', async () => {
      const id = await queue('log');
      await dispatcher().dispatchDue();
      expect(await row(id)).toEqual(expect.objectContaining({ status: 'delivered', attempts: 1 }));
      expect(received).toEqual([]);
    });
  });
});
