import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
  subject: string;
  messageId: string;
  /** The decoded text part (quoted-printable and base64 handled for plain bodies). */
  text: string;
}

/** A real SMTP server for tests: collects every message it receives. */
export async function startSmtpSink(): Promise<{ url: string; mails: ReceivedMail[]; waitFor: (pred: (m: ReceivedMail) => boolean, ms?: number) => Promise<ReceivedMail>; close: () => Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject: decodeHeader(/^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1] ?? ''),
          messageId: /^Message-ID: (.*)$/im.exec(raw)?.[1]?.trim() ?? '',
          text: decodeBody(raw),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const waitFor = async (pred: (m: ReceivedMail) => boolean, ms = 15000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = mails.find(pred);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching mail within ${ms} ms (received ${mails.length})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { url: `smtp://127.0.0.1:${port}`, mails, waitFor, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function decodeHeader(v: string): string {
  return v
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

function decodeBody(raw: string): string {
  // A single-part message, or the text/plain part of a multipart one: headers, blank line, body.
  const split = (block: string) => {
    const at = block.search(/\r?\n\r?\n/);
    return { headers: block.slice(0, at), body: block.slice(at).replace(/^\r?\n\r?\n/, '') };
  };
  let { headers, body } = split(raw);
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)?.[1];
  if (boundary) {
    const part = body.split(`--${boundary}`).find((p) => /Content-Type: text\/plain/i.test(p));
    if (part) ({ headers, body } = split(part.replace(/^\r?\n/, '')));
  }
  const encoding = /Content-Transfer-Encoding: (\S+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}
