import { powerMonitor } from 'electron';

/**
 * Whole seconds since the last keyboard or mouse input anywhere on the system, not just in the desk
 * window (presence uses it to tell "away" from "reading another app"). powerMonitor works only
 * after the app is ready; where the system cannot tell, Electron reports 0 (always "active").
 */
export function readSystemIdleSeconds(): number {
  return powerMonitor.getSystemIdleTime();
}
