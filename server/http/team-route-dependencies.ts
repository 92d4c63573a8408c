import type { AuthService } from '../auth/auth-service';
import type { Clock } from '../clock';
import type { RoutingService } from '../features/routing/routing-service';
import type { Database } from '../store/database';

/** What the admin routes that change the team (agents, groups) need, and whom they must tell. */
export type TeamRouteDependencies = {
  auth: AuthService;
  database: Database;
  clock: Clock;
  routing: RoutingService;
  /** These agents' groups or role changed: their consoles see more or less from now on (new sync epoch). */
  visibilityChanged: (agentIds: string[]) => void;
  /** Agents, roles, memberships or capacities changed: live KPIs reload the team. */
  teamChanged: () => void;
};
