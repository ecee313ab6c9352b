// The data step of migration 0016 (and of key rotation): SQL cannot encrypt with the app's key, so
// after the SQL migrations this seals every account number still in plain text and re-seals values
// sealed with a key other than PII_KEY_ID. Run by scripts/lib/migrate.ts (`npm run db:migrate`, dev,
// tests). Idempotent and re-runnable: batches of rows locked with SKIP LOCKED, each row updated only
// if it still holds what was read; several runs at once do not collide. Plain values never leave
// this process and are never logged.
import pg from "pg";
import { DEV_PII_KEYS } from "../env";
import { accountLast4, type Keyring, open, parseKeyring, seal } from "./pii-crypto";

const TABLE = `"ConsentRequest"`;
const PLAIN = "bankAccountNumPlaintext";

/** Every column that holds sealed values (re-sealed on rotation, checked by the doctor). Add new ones here. */
export const SEALED_COLUMNS: ReadonlyArray<{ table: string; column: string; kind: "bank-account" }> = [
  { table: "ConsentRequest", column: "bankAccountNumEnc", kind: "bank-account" },
  { table: "BilledCustomer", column: "bankAccountNumEnc", kind: "bank-account" }, // migration 0019
];

export type BackfillResult = { sealed: number; resealed: number; unreadable: number };

/** The keyring as the app would build it (lib/env.ts rules): PII_KEYS/PII_KEY_ID, the dev key outside production. */
export function keyringFromEnv(e: Record<string, string | undefined> = process.env): Keyring | undefined {
  const spec = (e.PII_KEYS ?? "").trim() || (e.NODE_ENV === "production" ? "" : DEV_PII_KEYS);
  return spec ? parseKeyring(spec, (e.PII_KEY_ID ?? "").trim() || undefined) : undefined;
}

/** ring: the keys to seal with (default: from process.env; null: none, so plain rows make it throw). */
export async function backfillPii(
  databaseUrl: string,
  opts: { ring?: Keyring | null; batchSize?: number } = {},
): Promise<BackfillResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await run(
      client,
      opts.ring === undefined ? keyringFromEnv() : (opts.ring ?? undefined),
      opts.batchSize ?? 500,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

async function run(client: pg.Client, ring: Keyring | undefined, batchSize: number): Promise<BackfillResult> {
  const result: BackfillResult = { sealed: 0, resealed: 0, unreadable: 0 };
  const hasPlain = await hasColumn(client, "ConsentRequest", PLAIN);

  if (hasPlain) {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${TABLE} WHERE "${PLAIN}" IS NOT NULL`,
    );
    if (Number(rows[0]!.n) > 0 && !ring)
      throw new Error(
        `${rows[0]!.n} account number(s) are stored in plain text: set PII_KEYS (and PII_KEY_ID) and run the migration again`,
      );
    for (;;) {
      const n = await inTx(client, async () => {
        const batch = await client.query<{ id: string; plain: string; enc: string | null }>(
          `SELECT id, "${PLAIN}" AS plain, "bankAccountNumEnc" AS enc FROM ${TABLE} WHERE "${PLAIN}" IS NOT NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [batchSize],
        );
        for (const r of batch.rows) {
          // A row that somehow has both keeps its sealed value; the plain copy goes either way.
          const enc = r.enc ?? seal(ring!, r.plain, "bank-account");
          await client.query(
            `UPDATE ${TABLE} SET "bankAccountNumEnc" = $2, "bankAccountLast4" = COALESCE("bankAccountLast4", $3), "${PLAIN}" = NULL WHERE id = $1`,
            [r.id, enc, accountLast4(r.plain) || null],
          );
        }
        return batch.rowCount ?? 0;
      });
      result.sealed += n;
      if (n < batchSize) break;
    }
  }

  if (ring) {
    // Rotation: values sealed with an older key that is still listed move to the current key.
    const older = [...ring.keys.keys()].filter((id) => id !== ring.currentId);
    for (const { table, column, kind } of SEALED_COLUMNS) {
      if (!(await hasColumn(client, table, column))) continue;
      const t = `"${table}"`;
      const col = `"${column}"`;
      while (older.length > 0) {
        const n = await inTx(client, async () => {
          const batch = await client.query<{ id: string; enc: string }>(
            `SELECT id, ${col} AS enc FROM ${t} WHERE ${col} IS NOT NULL AND split_part(${col}, '.', 2) = ANY($1::text[]) ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
            [older, batchSize],
          );
          for (const r of batch.rows) {
            const next = seal(ring, open(ring, r.enc, kind), kind);
            await client.query(`UPDATE ${t} SET ${col} = $3 WHERE id = $1 AND ${col} = $2`, [r.id, r.enc, next]);
          }
          return batch.rowCount ?? 0;
        });
        result.resealed += n;
        if (n < batchSize) break;
      }
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM ${t} WHERE ${col} IS NOT NULL AND NOT (split_part(${col}, '.', 2) = ANY($1::text[]))`,
        [[...ring.keys.keys()]],
      );
      result.unreadable += Number(rows[0]!.n);
    }
  }
  return result;
}

async function hasColumn(client: pg.Client, table: string, column: string): Promise<boolean> {
  const r = await client.query(
    `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
    [table, column],
  );
  return (r.rowCount ?? 0) > 0;
}

async function inTx<T>(client: pg.Client, f: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const out = await f();
    await client.query("COMMIT");
    return out;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  }
}
