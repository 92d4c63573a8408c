import type { Clock } from '../../server/clock';
import { eventually } from './eventually';
import { mailClient, startMailSink, type SunkMail } from './mail-sink';
import { startTestServer, type TestServer } from './test-server';

export const DESK = 'support@desk.test';
export const BILLING = 'billing@desk.test';
export const CUSTOMER = 'anna@customer.test';

export type MailDesk = {
  server: TestServer;
  sink: Awaited<ReturnType<typeof startMailSink>>;
  /** A customer's mail client talking to the desk's SMTP listener. */
  client: ReturnType<typeof mailClient>;
  ticketOf(number: number): Promise<any>;
  /** The first mail at the relay for `address` that `predicate` accepts (waits for it). */
  mailTo(address: string, predicate: (mail: SunkMail) => boolean): Promise<SunkMail>;
  stop(): Promise<void>;
};

/** The ticket number the listener's 250 answer names ("stored in ticket #1042"). */
export const storedNumber = (response: string) => Number(/ticket #(\d+)/.exec(response)?.[1]);

/**
 * A desk with mail on both sides, every part real: the server with its SMTP listener on a free
 * port (the desk's addresses DESK and BILLING), a relay that keeps what it receives as the
 * customers' mailboxes would (smtp-server), and a customer's mail client (nodemailer).
 * `relayInEnv: false`: the relay is not in the environment (an admin sets it in the console);
 * `sinkLogin`: the relay asks for this user and password; `clock`: the server's (a ManualClock moves time).
 */
export async function startMailDesk(env: Record<string, string> = {}, options: { relayInEnv?: boolean; sinkLogin?: { user: string; pass: string }; clock?: Clock } = {}): Promise<MailDesk> {
  const sink = await startMailSink({ login: options.sinkLogin });
  const relay: Record<string, string> = options.relayInEnv === false ? {} : { TIERDESK_SMTP_RELAY_URL: sink.url };
  const server = await startTestServer({
    env: { TIERDESK_SMTP_PORT: '0', TIERDESK_MAIL_FROM: DESK, TIERDESK_MAIL_ADDRESSES: BILLING, ...relay, TIERDESK_RATE_LIMITS: 'off', ...env },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const client = mailClient(server.app.mail.smtpPort!);
  return {
    server,
    sink,
    client,
    ticketOf: async (number) => (await server.api('GET', `/api/tickets/${number}`, { token: server.adminToken })).body,
    mailTo: (address, predicate) => eventually(`a mail to ${address}`, () => sink.mails.find((mail) => mail.envelope.to.includes(address) && predicate(mail))),
    async stop() {
      client.close();
      await server.stop();
      await sink.close();
    },
  };
}
