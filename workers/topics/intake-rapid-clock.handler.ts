import { Injectable } from '@nestjs/common';
import { RapidResponseClock, rapidResponseClocks } from '../../src/dispatch/dispatch.entities';
import type { HandlerContext, TopicHandler } from '../run-topic';

/** 1315计时登记: the squad's step met its clock, or the clock's timer fired first; the first record of each kind stays. */
@Injectable()
export class IntakeRapidClockHandler implements TopicHandler {
  readonly topic = 'intake.rapid-clock' as const;

  async handle({ variables, districtId, manager, audit, businessKey }: HandlerContext) {
    const clock = String(variables.clock);
    const event = String(variables.event);
    if (!(rapidResponseClocks as readonly string[]).includes(clock)) throw new Error(`clock must be one of ${rapidResponseClocks.join(', ')}, got ${clock}`);
    if (event !== 'met' && event !== 'missed') throw new Error(`event must be met or missed, got ${event}`);
    const row = await manager.findOne(RapidResponseClock, {
      where: { intakeId: String(variables.intakeId), districtId, clock: clock as RapidResponseClock['clock'] },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) throw new Error(`intake ${String(variables.intakeId)} of ${districtId} has no ${clock} clock; only urgent intakes are dispatched with 1315 clocks`);
    const column = event === 'met' ? 'metAt' : 'missedAt';
    if (row[column]) return {};

    const at = new Date();
    await manager.update(RapidResponseClock, { id: row.id }, { [column]: at });
    await audit({ action: `rapid-response.${event}`, subjectId: businessKey ?? row.intakeId, before: null, after: { clock, dueAt: row.dueAt, [column]: at } });
    return {};
  }
}
