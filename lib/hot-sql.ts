// Named prepared statements on the app's pg pool, for hot paths (generic: any domain may use it).
// First user: the Dozn agency's hot paths (every /kakao/* call, and a new payment) run a few fixed
// SQL statements.
// On `db` they go straight to its pg pool as NAMED prepared statements: each connection parses
// and plans a statement once, and the Prisma client's per-query work is skipped. Measured on the
// bench machine (`npm run bench`, .data/tmp micro-benchmark): the bill lookup cost 0.43 ms of app
// CPU + 0.27 ms of PostgreSQL CPU through db.$queryRaw, 0.09 ms + 0.10 ms as a named statement.
// Any other client (a test's stand-in) runs the same text through $queryRawUnsafe / $transaction.
// Values and results have the same types either way: int8 → bigint, timestamp → Date (UTC, as
// Prisma stores it), jsonb parsed. Note: named statements need session pooling (or PgBouncer ≥ 1.21
// with max_prepared_statements) between the app and PostgreSQL.
import pg from "pg";
import { poolOf, type Db, type Tx } from "./db";

export type Stmt = { readonly name: string; readonly text: string };
export type Param = string | number | boolean | bigint | Date | null;
export type Sql = { rows<R>(stmt: Stmt, values: readonly Param[]): Promise<R[]> };

const INT8 = 20;
const TIMESTAMP = 1114;
const parseUtc = (v: string) => new Date(`${v.replace(" ", "T")}Z`);
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8) return (v: string) => BigInt(v);
    if (oid === TIMESTAMP) return parseUtc;
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};
// A timestamp param is sent as ISO-8601 with "Z": PostgreSQL ignores the zone for a
// `timestamp without time zone`, so it stores the UTC wall time, as Prisma does.
const toPg = (v: Param) => (typeof v === "bigint" ? v.toString() : v instanceof Date ? v.toISOString() : v);

function pgSql(q: pg.Pool | pg.PoolClient): Sql {
  return {
    async rows<R>(stmt: Stmt, values: readonly Param[]) {
      const r = await q.query({ name: stmt.name, text: stmt.text, values: values.map(toPg), types });
      return r.rows as R[];
    },
  };
}

function prismaSql(client: Db | Tx): Sql {
  return { rows: <R>(stmt: Stmt, values: readonly Param[]) => client.$queryRawUnsafe<R[]>(stmt.text, ...values) };
}

/** Statements outside a transaction. */
export function sqlOf(db: Db): Sql {
  const pool = poolOf(db);
  return pool ? pgSql(pool) : prismaSql(db);
}

/**
 * One transaction: BEGIN (with a statement timeout, in the same round trip) … COMMIT; rolled back
 * on any error. maxWaitMs bounds the wait for a pooled connection, timeoutMs every statement
 * (a lock wait included) — as Prisma's interactive transactions do with maxWait / timeout.
 */
export async function transaction<T>(
  db: Db,
  fn: (sql: Sql) => Promise<T>,
  opts: { maxWait: number; timeout: number },
): Promise<T> {
  const pool = poolOf(db);
  if (!pool) return db.$transaction((tx) => fn(prismaSql(tx)), opts);
  let timer: NodeJS.Timeout | undefined;
  const connecting = pool.connect();
  const client = await Promise.race([
    connecting,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no database connection within ${opts.maxWait} ms`)), opts.maxWait);
    }),
  ]).catch((e: unknown) => {
    void connecting.then(
      (c) => c.release(),
      () => {},
    ); // arrives later: give it back
    throw e;
  });
  clearTimeout(timer);
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN; SET LOCAL statement_timeout = ${Math.round(opts.timeout)}`);
    const result = await fn(pgSql(client));
    await client.query("COMMIT");
    return result;
  } catch (e) {
    await client.query("ROLLBACK").catch((re: unknown) => (broken = re instanceof Error ? re : new Error(String(re))));
    throw e;
  } finally {
    client.release(broken); // a connection that could not roll back is discarded
  }
}
