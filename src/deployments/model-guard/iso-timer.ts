/**
 * ISO 8601 timer values as Camunda reads them: a duration (P3D, PT15M), a date-time (2026-01-31T09:00:00+08:00)
 * or a repeating cycle (R3/PT1H, R/2026-01-01T00:00:00Z/P1D). Cron cycles are not accepted: designers pick ISO.
 */
export type TimerKind = 'timeDuration' | 'timeDate' | 'timeCycle';

const duration = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const dateTime = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function isIsoDuration(value: string): boolean {
  return duration.test(value);
}

export function isIsoDateTime(value: string): boolean {
  const match = dateTime.exec(value);
  if (!match) return false;
  const [, , month, day, time, hour, minute, , second] = match;
  const inRange = (v: string | undefined, min: number, max: number) => v === undefined || (Number(v) >= min && Number(v) <= max);
  return inRange(month, 1, 12) && inRange(day, 1, 31) && (!time || (inRange(hour, 0, 23) && inRange(minute, 0, 59) && inRange(second, 0, 59)));
}

export function isIsoCycle(value: string): boolean {
  const parts = value.split('/');
  if (!/^R\d*$/.test(parts[0])) return false;
  const rest = parts.slice(1);
  if (rest.length === 1) return isIsoDuration(rest[0]);
  if (rest.length !== 2) return false;
  const [a, b] = rest;
  return (isIsoDateTime(a) && isIsoDuration(b)) || (isIsoDuration(a) && isIsoDateTime(b));
}

export function isIsoTimer(kind: TimerKind, value: string): boolean {
  if (kind === 'timeDuration') return isIsoDuration(value);
  if (kind === 'timeDate') return isIsoDateTime(value);
  return isIsoCycle(value);
}
