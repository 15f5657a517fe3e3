import type { EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';

/**
 * The business row a step works on, locked until the step's transaction commits. A row that is not there is a
 * modelling or data error, so it fails the step (and ends as an incident naming it), never a business outcome.
 */
export async function lockedRecord<T extends { id: string; districtId: string }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: unknown,
  districtId: string,
  label: string,
): Promise<T> {
  const where = { id: String(id), districtId } as FindOptionsWhere<T>;
  const row = await manager.findOne(entity, { where, lock: { mode: 'pessimistic_write' } });
  if (!row) throw new Error(`${label} ${String(id)} of ${districtId} does not exist`);
  return row;
}
