import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { NoticeChannel, NoticeKind } from '../notice.types';

/** A notice row as written: the INSERT's JSON records and the COPY's lines have these fields. */
export interface NoticeRow {
  id: string;
  recipient: string;
  user_id: string | null;
  channel: NoticeChannel;
  kind: NoticeKind;
  draft_id: string;
  source_version: string;
  recipient_name: string | null;
  address: string | null;
  subject: string;
  body: string;
  payload: Record<string, unknown>;
}

export const COPY_NOTICES = `COPY notice (id, recipient, user_id, channel, kind, draft_id, source_version, recipient_name, address,
                                          subject, body, payload, status, delivered_at, queued_at) FROM STDIN`;

/** Lines sent per chunk of the COPY stream. */
const LINES_PER_CHUNK = 500;

/** A value in COPY's text format: \N for NULL; backslash, newline, carriage return and tab escaped. */
export function copyField(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\n\r\t]/.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]) : value;
}
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Streams rows into `notice` with COPY. A `public` row is settled as it is written (the published
 * report is how that person is told); `queued` stamps the rows whose delivery jobs the caller adds.
 */
export async function copyRows(client: PoolClient, sql: string, rows: NoticeRow[], queued: boolean): Promise<void> {
  const now = new Date().toISOString();
  const line = (r: NoticeRow): string => {
    const settled = r.channel === 'public';
    return [
      r.id,
      r.recipient,
      r.user_id,
      r.channel,
      r.kind,
      r.draft_id,
      r.source_version,
      r.recipient_name,
      r.address,
      r.subject,
      r.body,
      JSON.stringify(r.payload),
      settled ? 'delivered' : 'pending',
      settled ? now : null,
      queued ? now : null,
    ]
      .map(copyField)
      .join('\t');
  };
  function* chunks(): Generator<string> {
    for (let i = 0; i < rows.length; i += LINES_PER_CHUNK) yield rows.slice(i, i + LINES_PER_CHUNK).map(line).join('\n') + '\n';
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
}
