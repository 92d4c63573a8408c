/** What a form's last action came to: a success is announced politely (status), a failure at once (alert). */
export type Outcome = { ok: boolean; text: string };

export function OutcomeNotice({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return null;
  return (
    <p className={outcome.ok ? 'notice' : 'notice notice--error'} role={outcome.ok ? 'status' : 'alert'}>
      {outcome.text}
    </p>
  );
}
