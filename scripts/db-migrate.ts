// `npm run db:migrate`: the deploy step for the database — the checked-in SQL migrations, then the data
// steps SQL cannot do (account numbers sealed with PII_KEYS: lib/security/pii-backfill.ts), then the job
// engine's queues. Run it with the production env (DATABASE_URL, PII_KEYS, PII_KEY_ID) before starting
// the new version, and again after adding a key to PII_KEYS / changing PII_KEY_ID (re-seals old values).
// Idempotent: safe to run any number of times.
import { migrate } from "./lib/migrate.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required");
  process.exit(1);
}
try {
  await migrate(url);
  process.exit(0);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
