/** Moved to the alerts feature; this path stays for the desk screen's import. */
export { useAssignmentAlerts } from '../alerts/use-assignment-alerts';
