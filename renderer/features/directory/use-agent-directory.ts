import { useMemo } from 'react';
import type { DirectoryAgent } from '../../api/directory';
import { useAgentDirectoryService } from '../../app/app-context';
import { useObservable } from '../../state/use-observable';

export type AgentDirectoryView = {
  /** Everyone the server listed, active or not, in the server's order. */
  agents: readonly DirectoryAgent[];
  /** undefined when the agent is not (yet) known: callers show a neutral fallback. */
  find(agentId: string): DirectoryAgent | undefined;
};

const NOBODY: readonly DirectoryAgent[] = [];

/** The signed-in desk's agent directory, from the local cache at once and refreshed when online. */
export function useAgentDirectory(): AgentDirectoryView {
  const directory = useAgentDirectoryService();
  const agents = useObservable(directory.agents$, NOBODY);
  return useMemo(() => {
    const byId = new Map(agents.map((agent) => [agent.id, agent]));
    return { agents, find: (agentId: string) => byId.get(agentId) };
  }, [agents]);
}
