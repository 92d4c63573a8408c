import type { ReactNode } from 'react';
import { useUiStore } from '../../state/ui-store';
import { useConnection } from '../connection/use-connection';

/**
 * The frame of an admin screen whose data lives only on the server (not replicated): a way back
 * to the desk, the heading, and the content only while connected; offline it says why it is empty.
 */
export function OnlineAdminScreen(props: {
  headingId: string;
  title: string;
  backLabel: string;
  offlineLabel: string;
  className?: string;
  children: ReactNode;
}) {
  const { status } = useConnection();
  const showScreen = useUiStore((state) => state.showScreen);
  return (
    <main className={['sla-settings', props.className].filter(Boolean).join(' ')} aria-labelledby={props.headingId}>
      <div className="sla-settings__top">
        <button type="button" className="button" onClick={() => showScreen('desk')}>
          <span aria-hidden="true">← </span>
          {props.backLabel}
        </button>
        <h2 id={props.headingId}>{props.title}</h2>
      </div>
      {status !== 'offline' ? props.children : <p className="pane-message">{props.offlineLabel}</p>}
    </main>
  );
}
