// Seeds demo data into the database at `databaseUrl` (a child process, so lib/db picks up the URL).
import { run } from "./run.ts";

export async function seed(databaseUrl: string) {
  await run("npx", ["tsx", "scripts/seed.ts"], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" } });
}
