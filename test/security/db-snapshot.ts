// A fingerprint of every stored row, to prove that refused requests changed nothing.
import type { Client } from 'pg';

export type DbSnapshot = Map<string, string>;

/** md5 of every row of every table of the public schema, per table. */
export async function snapshotDatabase(sql: Client): Promise<DbSnapshot> {
  const { rows: tables } = await sql.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const parts = tables.map((t) => `SELECT '${t.name}' AS name, md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS hash FROM ${t.name} r`);
  const snap: DbSnapshot = new Map();
  if (!parts.length) return snap;
  const { rows } = await sql.query<{ name: string; hash: string }>(parts.join(' UNION ALL '));
  for (const r of rows) snap.set(r.name, r.hash);
  return snap;
}

/** Tables whose rows differ between two snapshots (added or dropped tables count too). */
export function changedTables(before: DbSnapshot, after: DbSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}
