/**
 * A public JSON body as text without the hashes, ids and timestamps whose long digit runs a
 * personal-data detector would take for phone or card numbers; what is left is what people read.
 */
export function publicText(body: unknown): string {
  return JSON.stringify(body)
    .replace(/[0-9a-f]{64}/g, '#')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '#')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '#');
}
