import type { AuthService } from '../auth/auth-service';
import type { TeamService } from '../features/agents/team-service';
import type { Database } from '../store/database';

/** What the admin routes that change the team (agents, groups) need: reads from the database, writes through the team service. */
export type TeamRouteDependencies = {
  auth: AuthService;
  database: Database;
  team: TeamService;
};
