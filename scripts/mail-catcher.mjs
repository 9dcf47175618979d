// A local SMTP server for development: accepts every message, saves it under .data/mail, prints a line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const port = Number(process.argv[2] ?? 1025);
const dir = join(process.cwd(), '.data', 'mail');
mkdirSync(dir, { recursive: true });
let n = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, done) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const file = join(dir, `${Date.now()}-${++n}.eml`);
      writeFileSync(file, raw);
      const subject = /^Subject: (.*)$/m.exec(raw)?.[1] ?? '';
      console.log(`to ${session.envelope.rcptTo.map((r) => r.address).join(', ')}: ${subject} → ${file}`);
      done();
    });
  },
});
server.listen(port, '127.0.0.1', () => console.log(`mail catcher listening on 127.0.0.1:${port}`));
