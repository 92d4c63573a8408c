import { createContext, useContext } from 'react';
import type { DeskApi } from '../api/desk-api';
import type { AgentDirectory } from '../features/directory/agent-directory';
import type { Platform } from '../platform/platform';
import type { DeskSession } from '../sync/desk-session';
import type { DeskAuth } from './desk-auth';

/** Available on every screen, signed in or not. */
export type AppServices = { platform: Platform; auth: DeskAuth };

export const AppServicesContext = createContext<AppServices | null>(null);
export const DeskSessionContext = createContext<DeskSession | null>(null);
export const AgentDirectoryContext = createContext<AgentDirectory | null>(null);
export const DeskApiContext = createContext<DeskApi | null>(null);

export function useAppServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) throw new Error('useAppServices: render inside <AppServicesContext.Provider>');
  return services;
}

/** The signed-in agent's desk; only the desk screen and its children may call this. */
export function useDeskSession(): DeskSession {
  const session = useContext(DeskSessionContext);
  if (!session) throw new Error('useDeskSession: render inside <DeskSessionContext.Provider>');
  return session;
}

/** The signed-in desk's agent directory; features read it through useAgentDirectory(). */
export function useAgentDirectoryService(): AgentDirectory {
  const directory = useContext(AgentDirectoryContext);
  if (!directory) throw new Error('useAgentDirectoryService: render inside <AgentDirectoryContext.Provider>');
  return directory;
}

/** The signed-in desk's direct server requests (online-only screens such as SLA settings). */
export function useDeskApi(): DeskApi {
  const api = useContext(DeskApiContext);
  if (!api) throw new Error('useDeskApi: render inside <DeskApiContext.Provider>');
  return api;
}
