// Puts a job on a queue *inside the caller's transaction*: the job exists if and only if the state
// change that needs it committed (a crash between the two cannot lose it). pg-boss's `send` runs its
// INSERT through the Prisma transaction via the `db` adapter it documents (docs/api/adapters.md).
import PgBoss from "pg-boss";
import type { Db, Tx } from "../db";
import { BOSS_SCHEMA, type QueueName } from "./queues";

type Sql = Pick<Tx, "$queryRawUnsafe">;

let sender: PgBoss | undefined;

/** A pg-boss instance used only to build and send jobs through a caller's connection (never started). */
function bossSender(): PgBoss {
  // The connection string is never used: every send passes `db`.
  return (sender ??= new PgBoss({
    connectionString: "postgres://unused",
    schema: BOSS_SCHEMA,
    supervise: false,
    schedule: false,
    migrate: false,
  }));
}

/** pg-boss `Db` over a Prisma client or transaction. pg would JSON-encode objects; Prisma's raw query does not. */
export function prismaDb(sql: Sql) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const params = values.map((v) =>
        v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v,
      );
      const rows = (await sql.$queryRawUnsafe(text, ...params)) as unknown[];
      return { rows };
    },
  };
}

export type EnqueueOptions = {
  /** Dedupe: while a job with this key waits, enqueueing another is a no-op. */
  key?: string;
  delaySeconds?: number;
};

/** Returns the job id, or null when an identical job (same key) is already waiting. */
export async function enqueue(
  sql: Tx | Db,
  queue: QueueName,
  data: Record<string, unknown>,
  opts: EnqueueOptions = {},
): Promise<string | null> {
  return bossSender().send(queue, data, {
    db: prismaDb(sql),
    ...(opts.key && { singletonKey: opts.key }),
    ...(opts.delaySeconds && { startAfter: Math.max(1, Math.round(opts.delaySeconds)) }),
  });
}

/**
 * The keys among `keys` that already have an unfinished job on `queue` (waiting, running or waiting to
 * retry). pg-boss's "short" policy only refuses a duplicate while the first job waits to start, so the
 * sweep checks this before enqueueing: one chain of tries per subject.
 */
export async function keysWithUnfinishedJobs(sql: Tx | Db, queue: QueueName, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = (await sql.$queryRawUnsafe(
    `SELECT DISTINCT singleton_key AS key FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND singleton_key = ANY($2::text[]) AND state IN ('created', 'retry', 'active')`,
    queue,
    keys,
  )) as Array<{ key: string }>;
  return new Set(rows.map((r) => r.key));
}
