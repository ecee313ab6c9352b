// The one Prisma client (JS engine + pg driver adapter) over one pg pool. Shared across hot
// reloads in dev. The pool is ours (not the adapter's) so the agency's hot paths can run their few
// fixed statements on it directly (lib/hot-sql.ts) without a second set of connections.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";

type Instance = { prisma: PrismaClient; pool: pg.Pool };
const globalForPrisma = globalThis as unknown as { __prismaInstance?: Instance };

function create(): Instance {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const pool = new pg.Pool({ connectionString, max: Number(process.env.DB_POOL_SIZE ?? 10) });
  // $disconnect() still ends the pool.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  // Prisma's defaults (2 s to start a transaction, 5 s to finish it) turned a busy moment — every pooled
  // connection in use, a saturated CPU — into a failed request (P2028) although nothing was wrong: wait
  // longer for a connection, and let a transaction (never one that calls a provider) run longer.
  const transactionOptions = { maxWait: 10_000, timeout: 15_000 };
  return { prisma: new PrismaClient({ adapter, transactionOptions }), pool };
}

function instance(): Instance {
  return (globalForPrisma.__prismaInstance ??= create());
}

/** Created on first use, so importing this module (e.g. during `next build`) needs no database. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_t, prop) {
    const target = instance().prisma as unknown as Record<string | symbol, unknown>;
    const value = target[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  },
});

/** The pg pool under `db` — for `db` itself only (a client passed in by a test has no pool here). */
export function poolOf(client: unknown): pg.Pool | undefined {
  return client === db ? instance().pool : undefined;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export { Prisma } from "./generated/prisma/client";
export type * from "./generated/prisma/client";
