import path from 'node:path';
import nodemailer from 'nodemailer';
import { closedLoop, runInProcess } from './closed-loop';

export type MailLoad = { port: number; to: string; concurrency: number; count: number; firstIndex: number };

/** What one closed-loop run measured, as the generator's process reports it. */
export type MailGeneratorReport = {
  concurrency: number;
  accepted: number;
  failed: number;
  failures: string[];
  /** DATA sent → 250, per accepted mail, in ms. */
  latenciesMs: number[];
  elapsedMs: number;
  cpuMs: number;
};

/** Runs the SMTP load generator in its own Node process and resolves with its report. */
export function runMailGenerator(load: MailLoad): Promise<MailGeneratorReport> {
  return runInProcess<MailGeneratorReport>(path.join(import.meta.dirname, 'mail-generator.ts'), load, 'mail generator');
}

const SENTENCE = 'Since this morning the shared printer on the third floor stops after every second page and shows error 0x4F. ';

/**
 * One customer's mail, different each time: its own Message-ID and one of 500 senders, about
 * 900 bytes on the wire (headers, a plain-text body of four sentences, a signature).
 */
export function benchMail(index: number, to: string) {
  return {
    from: `Customer ${index % 500} <customer${index % 500}@bench.example>`,
    to,
    subject: `Printer problem ${index}`,
    text: `Hello,\n\n${SENTENCE.repeat(4)}\n\nRegards,\n-- \nCustomer ${index % 500}\n`,
    messageId: `<bench-${index}-${process.pid}@bench.example>`,
  };
}

/** Closed loop over `concurrency` pooled SMTP connections. */
async function generate(load: MailLoad): Promise<MailGeneratorReport> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: load.port, secure: false, ignoreTLS: true, pool: true, maxConnections: load.concurrency, maxMessages: Infinity });
  const run = await closedLoop(load, async (index) => {
    try {
      await transport.sendMail(benchMail(index, load.to));
      return null;
    } catch (error) {
      return String((error as Error).message);
    }
  });
  transport.close();
  const { succeeded, ...measured } = run;
  return { concurrency: load.concurrency, accepted: succeeded, ...measured };
}

if (process.argv[1] === import.meta.filename) {
  const load = JSON.parse(process.argv[2] ?? '{}') as MailLoad;
  process.stdout.write(JSON.stringify(await generate(load)));
}
