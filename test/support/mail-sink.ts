import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { SMTPServer } from 'smtp-server';

/** `user`: whom the relay's client signed in as (AUTH), when the sink asks for it. */
export type SunkMail = { envelope: { from: string; to: string[] }; user?: string; raw: Buffer; parsed: ParsedMail };
/** accept: 250; tempfail: 451 (the relay is struggling); reject: 550 (refused for good). */
export type SinkMode = 'accept' | 'tempfail' | 'reject';

/**
 * A real SMTP server standing in for the desk's relay and the customers' mailboxes: it accepts
 * (or refuses, as told) every mail and keeps what arrived, parsed by mailparser.
 */
export async function startMailSink(options: { login?: { user: string; pass: string } } = {}): Promise<{ port: number; url: string; mails: SunkMail[]; setMode(mode: SinkMode): void; close(): Promise<void> }> {
  const mails: SunkMail[] = [];
  let mode: SinkMode = 'accept';
  const { login } = options;
  const server = new SMTPServer({
    // With a login the relay must sign in (AUTH PLAIN/LOGIN, over plain SMTP on loopback), as a real submission port requires.
    authOptional: !login,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (login && auth.username === login.user && auth.password === login.pass) return callback(null, { user: auth.username });
      callback(Object.assign(new Error('5.7.8 authentication failed'), { responseCode: 535 }));
    },
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (mode === 'tempfail') return callback(Object.assign(new Error('4.3.2 try again later'), { responseCode: 451 }));
        if (mode === 'reject') return callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((parsed) => {
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          mails.push({ envelope: { from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address) }, ...(session.user ? { user: String(session.user) } : {}), raw, parsed });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    setMode: (next) => {
      mode = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A customer's mail client: nodemailer speaking SMTP to the desk's listener. */
export function mailClient(port: number) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return {
    send: (mail: SendMailOptions) => transport.sendMail(mail),
    /** Raw bytes, exactly as given (for charsets and broken MIME). */
    sendRaw: (envelope: { from: string; to: string[] }, raw: string | Buffer) => transport.sendMail({ envelope, raw }),
    close: () => transport.close(),
  };
}
