import type { Generated } from 'kysely';

/**
 * Tables. Ticket and message rows keep the full document as JSON text (what clients replicate)
 * beside the columns queries filter on. JSON text rather than jsonb: PostgreSQL reorders jsonb
 * keys, and a document must read back exactly as written.
 */
export type DatabaseSchema = {
  agents: {
    id: string;
    email: string;
    name: string;
    role: string;
    level: number;
    active: number;
    password_hash: string;
    created_at: number;
    sync_epoch: Generated<number>;
    last_routed_seq: number | null;
    /** The password policy's verdict on the current password: 1, 0, or null when not judged yet (migration 007). */
    password_meets_policy: Generated<number | null>;
    /** The agent's mail signature (migration 014). */
    signature: Generated<string | null>;
  };
  sessions: {
    token_hash: string;
    agent_id: string;
    created_at: number;
    expires_at: number;
    revoked_at: number | null;
    last_active_at: number | null;
    address: string | null;
    user_agent: string | null;
    /** `full`, or `second_factor_setup`: may only enrol a second factor (migration 007). */
    scope: Generated<string>;
  };
  customers: { id: string; email: string; name: string; organization: string | null; created_at: number };
  tickets: {
    id: string;
    number: number;
    seq: number;
    status: string;
    assignee_id: string | null;
    group_id: string | null;
    priority: string;
    level: number;
    access_key_hash: string;
    doc: string;
    updated_at: number;
    /** Copies of the document's fields that listing filters and orders by (migration 011). */
    requester_email: string;
    channel: string;
    created_at: number;
  };
  /** Tickets per assignee, status and priority, kept by triggers on `tickets` (migration 008): routing's loads. */
  assignee_ticket_counts: { agent_id: string; status: string; priority: string; count: number };
  /** `group_id` and `assignee_id` are the ticket's, kept equal on every move: pulls select by them. */
  messages: { id: string; ticket_id: string; seq: number; doc: string; group_id: string | null; assignee_id: string | null; created_at: number };
  /**
   * What ticket search reads (migration 016): one row per ticket (its own words) and per searched
   * message, `terms` the space-separated index terms of core/search. SQLite mirrors it into an FTS5
   * table by triggers; PostgreSQL searches it through a GIN index over its tsvector.
   */
  search_terms: { source_id: string; ticket_id: string; terms: string };
  /** Knowledge-base articles (migration 017): the document as JSON beside the columns reads filter on; `seq` from the feed counter. */
  kb_articles: { id: string; slug: string; seq: number; status: string; visibility: string; language: string; translation_group: string; source_ticket_id: string | null; doc: string; updated_at: number };
  /** Every version of every article, with its author (migration 017). */
  kb_article_versions: { article_id: string; version: number; doc: string; author_id: string; created_at: number };
  /** Answer templates (migration 018): shared ones have no owner; deleted ones stay as rows for the feed. */
  answer_templates: { id: string; seq: number; scope: string; owner_id: string | null; deleted: number; doc: string; updated_at: number };
  /** Every intent pushed by a client, with its recorded outcome: the idempotency ledger. */
  mutations: {
    id: string;
    agent_id: string;
    ticket_id: string;
    type: string;
    payload: string;
    state: string;
    rejection: string | null;
    ticket_version: number | null;
    created_at: number;
    recorded_at: number;
  };
  audit_events: {
    id: Generated<number>;
    ticket_id: string;
    actor_type: string;
    actor_id: string | null;
    type: string;
    data: string;
    created_at: number;
  };
  counters: { name: string; value: number };
  settings: { key: string; value: string; updated_at: number };
  groups: { id: string; name: string; categories: string; created_at: number };
  group_members: { group_id: string; agent_id: string; level: number; capacity: number };
  /** An agent who could see a ticket no longer can (it moved away): their console must drop it. */
  ticket_sight_losses: { seq: number; agent_id: string; ticket_id: string };
  security_events: {
    id: Generated<number>;
    created_at: number;
    kind: string;
    agent_id: string | null;
    email: string | null;
    address: string | null;
    /** JSON: what happened, without secrets. */
    detail: string;
  };
  /** An agent's TOTP second factor; `enabled_at` null while enrolment awaits its first code. */
  two_factor: { agent_id: string; secret_sealed: string; created_at: number; enabled_at: number | null; last_used_step: number | null };
  /** SHA-256 of one-time recovery codes; `used_at` set when spent. */
  recovery_codes: { agent_id: string; code_hash: string; created_at: number; used_at: number | null };
  /** Every Message-ID received (`in`, with its sender) or sent (`out`) for a ticket (migration 009). */
  mail_message_ids: { message_id: string; ticket_id: string; direction: string; sender: string | null; created_at: number };
  /** Outbound mail: `envelope` is JSON (OutboundEnvelope); `state` queued, sending, sent or failed. */
  mail_outbox: {
    id: string;
    ticket_id: string;
    message_id: string;
    envelope: string;
    state: string;
    attempts: number;
    next_attempt_at: number;
    claimed_until: number | null;
    last_error: string | null;
    created_at: number;
    sent_at: number | null;
  };
  /** IMAP mailboxes (migration 010): `settings` is MailboxSettings as JSON without the password. */
  mailboxes: {
    id: string;
    settings: string;
    password_sealed: string;
    lease_owner: string | null;
    lease_until: number | null;
    last_polled_at: number | null;
    last_error: string | null;
    idle: number | null;
    created_at: number;
    updated_at: number;
  };
  /** Files on tickets (migration 012); `message_id` null while an upload waits for its reply. */
  attachments: {
    id: string;
    ticket_id: string;
    message_id: string | null;
    sha256: string;
    filename: string;
    content_type: string;
    size: number;
    inline: number;
    uploaded_by: string | null;
    created_at: number;
  };
  /** Attachment bytes on PostgreSQL (the embedded store keeps them as files). */
  attachment_blobs: { sha256: string; content: Buffer };
  /** Mail held as suspected spam (migration 013); `reasons` is a JSON array of strings. */
  spam_mails: { id: string; message_id: string; raw_sha256: string; sender: string; subject: string; preview: string; score: number; reasons: string; received_at: number };
  /** Support addresses set in the console (migration 015); `group_id` null: the usual choice of group. */
  support_addresses: { address: string; group_id: string | null; created_at: number };
  timers: { id: Generated<number>; ticket_id: string; kind: string; due_at: number; fired_at: number | null };
};
