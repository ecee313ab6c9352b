// The one Prisma client (JS engine + pg driver adapter). Shared across hot reloads in dev.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient };

function create(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const adapter = new PrismaPg({ connectionString, max: Number(process.env.DB_POOL_SIZE ?? 10) });
  return new PrismaClient({ adapter });
}

function instance(): PrismaClient {
  return (globalForPrisma.__prisma ??= create());
}

/** Created on first use, so importing this module (e.g. during `next build`) needs no database. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_t, prop) {
    const target = instance() as unknown as Record<string | symbol, unknown>;
    const value = target[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  },
});

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export { Prisma } from "./generated/prisma/client";
export type * from "./generated/prisma/client";
