import { z } from 'zod';
import { IdSchema, LevelSchema } from './common';

const CategoriesSchema = z.array(z.string().trim().min(1).max(60)).max(50);

/** A distribution list: the agents competent for some categories (ticket types or tags). */
export const GroupSchema = z.object({
  id: IdSchema,
  name: z.string().trim().min(1).max(120),
  categories: CategoriesSchema,
});
export type Group = z.infer<typeof GroupSchema>;

export const NewGroupSchema = z.object({ name: GroupSchema.shape.name, categories: CategoriesSchema.optional() }).strict();

/** An agent's place in a group: the line they work there and how many open tickets they can carry. */
export const GroupMemberSchema = z.object({
  agentId: IdSchema,
  level: LevelSchema,
  capacity: z.number().int().min(1).max(100),
}).strict();
export type GroupMember = z.infer<typeof GroupMemberSchema>;

export const GroupMembersSchema = z
  .array(GroupMemberSchema)
  .max(1_000)
  .refine((members) => new Set(members.map((member) => member.agentId)).size === members.length, 'an agent is listed twice');

/** Every new agent joins it at their level with this capacity, until an admin changes it. */
export const GENERAL_GROUP_NAME = 'General';
export const DEFAULT_CAPACITY = 10;
