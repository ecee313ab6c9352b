import { installJobQueues } from "../../lib/jobs/install.ts";
import { run } from "./run.ts";

/** Applies the checked-in migrations (prisma migrate deploy through the pg driver adapter). */
export async function migrate(databaseUrl: string, { quiet = false } = {}) {
  await run("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
  });
  // The job engine's schema and queues (pg-boss), so app instances can enqueue before a worker runs.
  await installJobQueues(databaseUrl);
}
