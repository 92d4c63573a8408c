import type { Group, GroupMember, Level } from '../../core';
import { GENERAL_GROUP_NAME } from '../../core';
import type { Executor } from './database';

export type GroupWithMembers = Group & { members: GroupMember[] };

export async function listGroups(db: Executor): Promise<GroupWithMembers[]> {
  const [groups, members] = await Promise.all([
    db.selectFrom('groups').selectAll().orderBy('name').execute(),
    db.selectFrom('group_members').selectAll().execute(),
  ]);
  return groups.map((group) => ({
    id: group.id,
    name: group.name,
    categories: JSON.parse(group.categories) as string[],
    members: members
      .filter((member) => member.group_id === group.id)
      .map((member) => ({ agentId: member.agent_id, level: member.level as Level, capacity: member.capacity })),
  }));
}

/** Groups without their members: what routing a new ticket needs. */
export async function listGroupCategories(db: Executor): Promise<Group[]> {
  const rows = await db.selectFrom('groups').selectAll().execute();
  return rows.map((group) => ({ id: group.id, name: group.name, categories: JSON.parse(group.categories) as string[] }));
}

export async function groupExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('groups').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function insertGroup(db: Executor, group: Group, now: number): Promise<void> {
  await db.insertInto('groups').values({ id: group.id, name: group.name, categories: JSON.stringify(group.categories), created_at: now }).execute();
}

/** Replaces the whole member list of a group (what an admin's edit screen sends). */
export async function replaceGroupMembers(db: Executor, groupId: string, members: GroupMember[]): Promise<void> {
  await db.deleteFrom('group_members').where('group_id', '=', groupId).execute();
  if (members.length === 0) return;
  await db
    .insertInto('group_members')
    .values(members.map((member) => ({ group_id: groupId, agent_id: member.agentId, level: member.level, capacity: member.capacity })))
    .execute();
}

/** A new agent's default place: the General group, at their level. */
export async function joinGeneralGroup(db: Executor, agentId: string, level: Level, capacity: number): Promise<void> {
  const general = await db.selectFrom('groups').select('id').where('name', '=', GENERAL_GROUP_NAME).executeTakeFirst();
  if (!general) return; // an admin may have renamed or removed it; then new agents join no group by default
  await db.insertInto('group_members').values({ group_id: general.id, agent_id: agentId, level, capacity }).execute();
}

/** The groups an agent belongs to (any line): what they may see, and where routing may send them work. */
export async function groupIdsOf(db: Executor, agentId: string): Promise<string[]> {
  const rows = await db.selectFrom('group_members').select('group_id').where('agent_id', '=', agentId).execute();
  return rows.map((row) => row.group_id);
}

export async function findGroupMembers(db: Executor, groupId: string): Promise<GroupMember[]> {
  const rows = await db.selectFrom('group_members').selectAll().where('group_id', '=', groupId).execute();
  return rows.map((row) => ({ agentId: row.agent_id, level: row.level as Level, capacity: row.capacity }));
}
