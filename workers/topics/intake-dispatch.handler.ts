import { Injectable } from '@nestjs/common';
import { Grid, RapidResponseClock, RapidResponseClockName, Squad } from '../../src/dispatch/dispatch.entities';
import { locateGrid } from '../../src/dispatch/grid-locator';
import { handlingModes, HandlingMode, Intake, TriageLevel, triageLevels } from '../../src/intakes/intake.entity';
import { BusinessError, HandlerContext, TopicHandler } from '../run-topic';
import { lockedRecord } from '../locked-record';

const DAY_MS = 24 * 3600_000;
/** Tonglu's 1315: respond in 1 minute, leave in 3, arrive in 15. */
export const RAPID_RESPONSE_MINUTES: Record<RapidResponseClockName, number> = { respond: 1, depart: 3, arrive: 15 };

/**
 * 派单: the squad covering the intake's grid (or the one the command centre picked) gets it with a deadline; the
 * urge reminder falls halfway. An urgent intake also gets its three 1315 clocks. No squad → NO_SQUAD, nothing written.
 */
@Injectable()
export class IntakeDispatchHandler implements TopicHandler {
  readonly topic = 'intake.dispatch' as const;

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const intake = await lockedRecord(manager, Intake, variables.intakeId, districtId, 'intake');
    const triageLevel = oneOf(triageLevels, variables.triageLevel, 'triageLevel') as TriageLevel;
    const handlingMode = oneOf(handlingModes, variables.handlingMode, 'handlingMode') as HandlingMode;
    const handlingDays = Number(variables.handlingDays);
    if (!Number.isFinite(handlingDays) || handlingDays <= 0) throw new Error(`handlingDays must be a positive number, got ${String(variables.handlingDays)}`);
    const urgent = variables.urgent === true;

    const grid = intake.gridId ? await manager.findOneBy(Grid, { id: intake.gridId, districtId }) : await locateGrid(manager, districtId, intake);
    const chosen = typeof variables.squadId === 'string' && variables.squadId ? variables.squadId : null;
    const squadId = chosen ?? grid?.squadId ?? null;
    const squad = squadId ? await manager.findOneBy(Squad, { id: squadId, districtId }) : null;
    if (!squad) {
      const where = grid ? `网格「${grid.name}」` : `地址「${intake.address}」不在任何网格内，`;
      throw new BusinessError('NO_SQUAD', chosen ? `指定的中队 ${chosen} 不属于本区县` : `${where}没有责任中队，请指挥中心人工指派`);
    }

    // A redelivered task finds the dispatch already done and answers with the same times.
    const again = intake.squadId === squad.id && intake.dispatchedAt && intake.dueAt;
    const dispatchedAt = again ? (intake.dispatchedAt as Date) : new Date();
    const dueAt = again ? (intake.dueAt as Date) : new Date(dispatchedAt.getTime() + handlingDays * DAY_MS);
    const urgeAt = new Date(dispatchedAt.getTime() + (dueAt.getTime() - dispatchedAt.getTime()) / 2);
    await manager.update(Intake, { id: intake.id }, {
      status: 'dispatched',
      gridId: grid?.id ?? intake.gridId,
      squadId: squad.id,
      triageLevel,
      handlingMode,
      urgent,
      dispatchedAt,
      dueAt,
    });

    const clocks: Record<string, Date> = {};
    if (urgent) {
      for (const [clock, minutes] of Object.entries(RAPID_RESPONSE_MINUTES) as Array<[RapidResponseClockName, number]>) {
        const existing = await manager.findOneBy(RapidResponseClock, { intakeId: intake.id, clock });
        const due = existing?.dueAt ?? new Date(dispatchedAt.getTime() + minutes * 60_000);
        if (!existing) await manager.insert(RapidResponseClock, { districtId, intakeId: intake.id, clock, dueAt: due, metAt: null, missedAt: null });
        clocks[`${clock}DueAt`] = due;
      }
    }
    if (!again) {
      await audit({
        action: 'intake.dispatch',
        subjectId: intake.businessKey,
        before: { status: intake.status, squadId: intake.squadId },
        after: { status: 'dispatched', gridId: grid?.id ?? null, squadId: squad.id, manual: Boolean(chosen), triageLevel, handlingMode, dueAt, urgent },
      });
    }
    return { squadId: squad.id, squadName: squad.name, ...(grid ? { gridId: grid.id } : {}), urgent, dispatchedAt, dueAt, urgeAt, ...clocks };
  }
}

function oneOf(allowed: readonly string[], value: unknown, name: string): string {
  if (typeof value === 'string' && allowed.includes(value)) return value;
  throw new Error(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
}
