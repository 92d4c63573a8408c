import { useTranslation } from 'react-i18next';
import { AccountScreen } from '../account/account-screen';
import { PasswordChangePrompt } from '../account/password-change-prompt';
import { SecurityLogScreen } from '../security-log/security-log-screen';
import { SpamScreen } from '../spam/spam-screen';
import { MailboxesScreen } from '../mailboxes/mailboxes-screen';
import { TemplatesScreen } from '../templates/templates-screen';
import { KnowledgeScreen } from '../knowledge/knowledge-screen';
import { useUiStore } from '../../state/ui-store';
import { useViewingReporter } from '../collision/use-viewing-reporter';
import { DeskHeader } from '../header/desk-header';
import { NoticeToasts } from '../notifications/notice-toasts';
import { useAssignmentAlerts } from '../notifications/use-assignment-alerts';
import { usePresenceReporter } from '../presence/use-presence-reporter';
import { QueuePane } from '../queue/queue-pane';
import { SearchResults } from '../search/search-results';
import { RejectionList } from '../rejections/rejection-list';
import { SlaSettingsScreen } from '../sla-settings/sla-settings-screen';
import { SupervisorScreen } from '../supervisor/supervisor-screen';
import { TeamScreen } from '../team/team-screen';
import { TicketPane } from '../ticket/ticket-pane';

/**
 * The signed-in desk: header, refused changes, then queue and ticket side by side (or the SLA
 * settings or the team, for supervisors and admins). Below the one-pane breakpoint the CSS shows the queue or
 * the open ticket (with a back button), never both. Notices float above whatever is showing.
 */
export function DeskScreen() {
  const { t } = useTranslation();
  const selectedTicketId = useUiStore((state) => state.selectedTicketId);
  const screen = useUiStore((state) => state.screen);
  const searchText = useUiStore((state) => state.searchText);
  useAssignmentAlerts();
  usePresenceReporter();
  useViewingReporter();

  // One tree for every screen, so that the toasts (and their timers) survive a change of screen.
  return (
    <div className="desk-shell">
      <DeskHeader />
      <PasswordChangePrompt />
      <RejectionList />
      {screen === 'workload' && <SupervisorScreen />}
      {screen === 'sla' && <SlaSettingsScreen />}
      {screen === 'team' && <TeamScreen />}
      {screen === 'account' && <AccountScreen />}
      {screen === 'security' && <SecurityLogScreen />}
      {screen === 'spam' && <SpamScreen />}
      {screen === 'mailboxes' && <MailboxesScreen />}
      {screen === 'knowledge' && <KnowledgeScreen />}
      {screen === 'templates' && <TemplatesScreen />}
      {screen === 'desk' && (
        <main className={selectedTicketId ? 'desk desk--ticket-open' : 'desk'}>
          {searchText.trim() ? <SearchResults text={searchText} /> : <QueuePane />}
          {selectedTicketId ? (
            // Keyed so that half-done local state (e.g. the cancel form) does not leak to the next ticket.
            <TicketPane key={selectedTicketId} ticketId={selectedTicketId} />
          ) : (
            <section className="ticket-pane ticket-pane--empty">
              <p className="pane-message">{t('ticket.noneSelected')}</p>
            </section>
          )}
        </main>
      )}
      <NoticeToasts />
    </div>
  );
}
