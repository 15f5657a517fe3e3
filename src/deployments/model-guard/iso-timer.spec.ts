import { isIsoTimer } from './iso-timer';

describe('ISO 8601 timer values', () => {
  it.each([
    ['timeDuration', 'P3D'],
    ['timeDuration', 'PT15M'],
    ['timeDuration', 'P1Y2M3DT4H5M6.5S'],
    ['timeDuration', 'P2W'],
    ['timeDate', '2026-01-31T09:00:00+08:00'],
    ['timeDate', '2026-01-31T09:00:00Z'],
    ['timeDate', '2026-01-31T09:00'],
    ['timeDate', '2026-01-31'],
    ['timeCycle', 'R3/PT1H'],
    ['timeCycle', 'R/PT10M'],
    ['timeCycle', 'R5/2026-01-01T00:00:00Z/P1D'],
  ] as const)('accepts %s %s', (kind, value) => {
    expect(isIsoTimer(kind, value)).toBe(true);
  });

  it.each([
    ['timeDuration', '3 days'],
    ['timeDuration', 'P'],
    ['timeDuration', 'PT'],
    ['timeDuration', 'P1H'],
    ['timeDuration', '2026-01-31'],
    ['timeDate', '2026-13-01T00:00:00Z'],
    ['timeDate', '2026-01-31T25:00:00Z'],
    ['timeDate', 'tomorrow'],
    ['timeCycle', 'PT1H'],
    ['timeCycle', '0 0 9 * * ?'],
    ['timeCycle', 'R3/PT1H/PT2H'],
  ] as const)('refuses %s %s', (kind, value) => {
    expect(isIsoTimer(kind, value)).toBe(false);
  });
});
