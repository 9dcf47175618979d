import { StreamableFile } from '@nestjs/common';

export const HTML = 'text/html; charset=utf-8';
export const PLAIN_TEXT = 'text/plain; charset=utf-8';

/** A printable document (HTML, plain text, CSV) as a route's answer, with its media type. */
export function textDocument(body: string, type: string, disposition?: string): StreamableFile {
  return new StreamableFile(Buffer.from(body, 'utf8'), { type, ...(disposition ? { disposition } : {}) });
}
