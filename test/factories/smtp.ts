// An SMTP server for delivery tests that need more than test/setup/smtp-sink.ts: one that refuses
// some recipients (a permanent 550) or answers slowly, like a congested relay.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ControlledMail {
  to: string[];
  messageId: string;
  subject: string;
  at: number;
}

export interface ControlledSmtp {
  url: string;
  mails: ControlledMail[];
  /** Recipients refused with 550 while this returns true. */
  refuse: (address: string) => boolean;
  close: () => Promise<void>;
}

export async function startControlledSmtp(opts: { refuse?: (address: string) => boolean; delayMs?: number } = {}): Promise<ControlledSmtp> {
  const mails: ControlledMail[] = [];
  const state: ControlledSmtp = { url: '', mails, refuse: opts.refuse ?? (() => false), close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (state.refuse(address.address)) {
        return callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        // Recorded when the message is in, answered later: a crash in between leaves the sender
        // unsure, which is exactly when it must resend with the same Message-ID.
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: /^Message-ID: (.*)$/im.exec(raw)?.[1]?.trim() ?? '',
          subject: /^Subject: (.*)$/im.exec(raw)?.[1]?.trim() ?? '',
          at: Date.now(),
        });
        if (opts.delayMs) setTimeout(() => callback(), opts.delayMs);
        else callback();
      });
    },
  });
  // A client killed mid-session resets its connection; that is the point of some tests, not an error.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
