import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { renderNotification } from '../outbox/notification-templates';
import { OutboxChannel, OutboxMessage, outboxChannels } from '../outbox/outbox-message.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';

/** 发送通知: queues the notification in the step's transaction; the outbox dispatcher delivers it afterwards. */
@Injectable()
export class NotifyHandler implements TopicHandler {
  readonly topic = 'notify' as const;
  private readonly logger = new Logger(NotifyHandler.name);

  async handle({ task, variables, districtId, manager, audit }: HandlerContext) {
    const queued = await manager.findOneBy(OutboxMessage, { externalTaskId: task.id });
    if (queued) return { notificationId: queued.id };

    const channel = channelOf(variables.channel);
    const template = String(variables.template);
    const subjectId = String(variables.subjectId);
    const rendered = renderNotification(template, variables);
    if (!rendered.known) this.logger.warn(`template ${template} is not in notification-templates.ts; sending the generic text`);
    const now = new Date();
    const message = manager.create(OutboxMessage, {
      id: randomUUID(),
      externalTaskId: task.id,
      districtId,
      channel,
      recipient: String(variables.recipient).slice(0, 200),
      template: template.slice(0, 64),
      subjectId: subjectId.slice(0, 64),
      processInstanceId: task.processInstanceId,
      title: rendered.title.slice(0, 200),
      message: rendered.text,
      status: 'pending',
      attempts: 0,
      lastError: null,
      nextAttemptAt: now,
      createdAt: now,
      deliveredAt: null,
    });
    await manager.insert(OutboxMessage, message);
    await audit({ action: 'notify.queue', subjectType: 'notification', subjectId: message.subjectId, before: null, after: { notificationId: message.id, channel, recipient: message.recipient, template } });
    return { notificationId: message.id };
  }
}

/** An unknown channel is a modelling mistake: it fails the step (and ends as an incident) instead of losing the message. */
function channelOf(value: unknown): OutboxChannel {
  if (value === undefined || value === null || value === '') return 'log';
  if ((outboxChannels as readonly string[]).includes(String(value))) return value as OutboxChannel;
  throw new Error(`notify: unknown channel ${JSON.stringify(value)}; use one of ${outboxChannels.join(', ')}`);
}
