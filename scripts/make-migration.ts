// Regenerates prisma/migrations/0001_init from the schema plus prisma/constraints.sql.
// (Nothing is deployed anywhere yet; once it is, add new numbered migrations instead.)
// The adapter-based schema engine wants a live database even for a diff from empty, so a
// throwaway PostgreSQL is started for it.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { ensureDatabase, startPostgres } from "./lib/postgres.ts";

const pgServer = await startPostgres({ dataDir: `.data/migration-${process.pid}`, ephemeral: true });
try {
  await ensureDatabase(pgServer.adminUrl("postgres"), "diff", { fresh: true });
  const sql = execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema", "--script"],
    {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: pgServer.adminUrl("diff") },
    },
  );
  const extra = readFileSync("prisma/constraints.sql", "utf8");
  mkdirSync("prisma/migrations/0001_init", { recursive: true });
  writeFileSync("prisma/migrations/0001_init/migration.sql", `${sql}\n${extra}`);
  writeFileSync("prisma/migrations/migration_lock.toml", 'provider = "postgresql"\n');
  console.log("wrote prisma/migrations/0001_init/migration.sql");
} finally {
  await pgServer.stop();
}
