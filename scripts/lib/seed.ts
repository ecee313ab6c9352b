// Seeds demo data into the database at `databaseUrl` (a child process, so lib/db picks up the URL).
// Used only by the dev, test and bench harnesses, so the seed runs as development: the demo owner
// login exists there. `tsx scripts/seed.ts` with NODE_ENV=production seeds no staff account.
import { run } from "./run.ts";

export async function seed(databaseUrl: string) {
  await run("npx", ["tsx", "scripts/seed.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", NODE_ENV: "development" },
  });
}
