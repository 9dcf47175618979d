/** SQLSTATE 23505: an INSERT met a row with the same unique key. */
export function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string } | null)?.code === '23505';
}
