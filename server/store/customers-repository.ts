import { randomUUID } from 'node:crypto';
import type { Requester } from '../../core';
import type { Executor } from './database';

type KnownCustomer = { id: string; name: string; organization: string | null };

/** Finds the customer by email or registers them; a name or organisation given later fills an empty one. */
export async function upsertCustomer(db: Executor, requester: Requester, now: number): Promise<KnownCustomer> {
  const existing = await db.selectFrom('customers').select(['id', 'name', 'organization']).where('email', '=', requester.email).executeTakeFirst();
  if (existing) {
    const filled = { name: existing.name || requester.name || '', organization: existing.organization ?? requester.organization ?? null };
    if (filled.name !== existing.name || filled.organization !== existing.organization) {
      await db.updateTable('customers').set(filled).where('id', '=', existing.id).execute();
    }
    return { id: existing.id, ...filled };
  }
  const customer = { id: randomUUID(), email: requester.email, name: requester.name ?? '', organization: requester.organization ?? null, created_at: now };
  await db.insertInto('customers').values(customer).execute();
  return { id: customer.id, name: customer.name, organization: customer.organization };
}
