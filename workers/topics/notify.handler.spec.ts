import type { EntityManager } from 'typeorm';
import { OutboxMessage } from '../outbox/outbox-message.entity';
import type { HandlerContext, LockedTask } from '../run-topic';
import { NotifyHandler } from './notify.handler';

function contextFor(variables: Record<string, unknown>, existing: OutboxMessage | null = null) {
  const inserted: OutboxMessage[] = [];
  const audits: unknown[] = [];
  const manager = {
    findOneBy: async () => existing,
    create: (_: unknown, value: OutboxMessage) => value,
    insert: async (_: unknown, value: OutboxMessage) => void inserted.push(value),
  } as unknown as EntityManager;
  const task = { id: 'ext-42', topicName: 'notify', processInstanceId: 'pi-7', activityId: 'Notify', variables } as LockedTask;
  const context = { task, variables, businessKey: 'bk-1', districtId: 'jiashan', manager, audit: async (entry: unknown) => void audits.push(entry) } as HandlerContext;
  return { context, inserted, audits };
}

describe(NotifyHandler.name, () => {
  const sut = new NotifyHandler();

  it('queues a pending outbox row on the log channel by default, rendered from the template', async () => {
    const { context, inserted, audits } = contextFor({ recipient: 'jiashan.squad-leader', template: 'intake.overdue', subjectId: 'bk-1', title: '河道违规排污', caseNumber: 'JS-2026-0003' });
    const output = await sut.handle(context);
    expect(inserted).toHaveLength(1);
    expect(inserted[0]).toEqual(expect.objectContaining({ externalTaskId: 'ext-42', districtId: 'jiashan', channel: 'log', status: 'pending', attempts: 0, title: '督办提醒', processInstanceId: 'pi-7' }));
    expect(inserted[0].message).toContain('「河道违规排污」（JS-2026-0003）');
    expect(output).toEqual({ notificationId: inserted[0].id });
    expect(audits).toEqual([expect.objectContaining({ action: 'notify.queue', subjectId: 'bk-1' })]);
  });

  it('answers a redelivered task with the row it already queued', async () => {
    const { context, inserted } = contextFor({ recipient: 'x', template: 'intake.closed', subjectId: 's' }, { id: 'already-there' } as OutboxMessage);
    expect(await sut.handle(context)).toEqual({ notificationId: 'already-there' });
    expect(inserted).toEqual([]);
  });

  it('refuses a channel that has no adapter before writing anything', async () => {
    const { context, inserted } = contextFor({ recipient: 'x', template: 'intake.closed', subjectId: 's', channel: 'sms' });
    await expect(sut.handle(context)).rejects.toThrow('unknown channel "sms"');
    expect(inserted).toEqual([]);
  });
});
