import { sql } from 'kysely';
import type { Executor } from './database';

export type CounterName = 'seq' | 'ticket_number';

/**
 * Hands out the next value of a counter. Only called inside `writeTransaction`, whose lock makes
 * the read-increment atomic and the values commit in order.
 */
export async function nextCounterValue(trx: Executor, name: CounterName, count = 1): Promise<number> {
  const row = await sql<{ value: number | string }>`update counters set value = value + ${count} where name = ${name} returning value`
    .execute(trx)
    .then((result) => result.rows[0]);
  if (!row) throw new Error(`counter ${name} is missing: was the database migrated?`);
  return Number(row.value) - count + 1;
}
