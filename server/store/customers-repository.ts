import { randomUUID } from 'node:crypto';
import type { Requester } from '../../core';
import type { Executor } from './database';

/** Finds the customer by email or registers them; a name given later fills an empty one. */
export async function upsertCustomer(db: Executor, requester: Requester, now: number): Promise<{ id: string; name: string }> {
  const existing = await db.selectFrom('customers').select(['id', 'name']).where('email', '=', requester.email).executeTakeFirst();
  if (existing) {
    if (!existing.name && requester.name) {
      await db.updateTable('customers').set({ name: requester.name }).where('id', '=', existing.id).execute();
      return { id: existing.id, name: requester.name };
    }
    return existing;
  }
  const customer = { id: randomUUID(), email: requester.email, name: requester.name ?? '', created_at: now };
  await db.insertInto('customers').values(customer).execute();
  return { id: customer.id, name: customer.name };
}
