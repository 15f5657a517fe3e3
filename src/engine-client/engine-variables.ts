/** A variable as the engine's REST API writes and reads it. */
export interface EngineVariable {
  value: unknown;
  type?: string;
  valueInfo?: Record<string, unknown>;
}

export type EngineVariables = Record<string, EngineVariable>;

/** Camunda's default REST date format, e.g. 2026-11-24T09:30:00.000+0000. */
export function toEngineDate(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/** Plain values to typed engine variables; objects and arrays travel as Json so no Java serialization is ever needed. */
export function toEngineVariables(values: Record<string, unknown>): EngineVariables {
  const result: EngineVariables = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    result[name] = toEngineVariable(value);
  }
  return result;
}

function toEngineVariable(value: unknown): EngineVariable {
  if (value === null) return { value: null, type: 'Null' };
  if (typeof value === 'string') return { value, type: 'String' };
  if (typeof value === 'boolean') return { value, type: 'Boolean' };
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return { value, type: Math.abs(value) <= 2_147_483_647 ? 'Integer' : 'Long' };
    return { value, type: 'Double' };
  }
  if (value instanceof Date) return { value: toEngineDate(value), type: 'Date' };
  return { value: JSON.stringify(value), type: 'Json' };
}

export function fromEngineVariables(variables: EngineVariables): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(variables)) {
    result[name] = variable.type === 'Json' && typeof variable.value === 'string' ? JSON.parse(variable.value) : variable.value;
  }
  return result;
}
