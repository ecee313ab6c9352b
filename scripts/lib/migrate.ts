import { installJobQueues } from "../../lib/jobs/install.ts";
import { backfillPii, keyringFromEnv } from "../../lib/security/pii-backfill.ts";
import { run } from "./run.ts";

/**
 * Applies the checked-in migrations (prisma migrate deploy through the pg driver adapter), then the
 * data steps SQL cannot do: personal data sealed with the app's key (lib/security/pii-backfill.ts).
 * `piiEnv`: PII_KEYS / PII_KEY_ID / NODE_ENV to seal with (default process.env; the dev key outside production).
 */
export async function migrate(
  databaseUrl: string,
  { quiet = false, piiEnv }: { quiet?: boolean; piiEnv?: Record<string, string | undefined> } = {},
) {
  await run("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
  });
  // Account numbers still in plain text are sealed, values under an older key re-sealed (idempotent, batch-wise).
  const pii = await backfillPii(databaseUrl, { ring: keyringFromEnv({ ...process.env, ...piiEnv }) });
  if (!quiet || pii.sealed || pii.resealed)
    console.log(
      `personal data: ${pii.sealed} account number(s) encrypted, ${pii.resealed} re-sealed with the current key`,
    );
  if (pii.unreadable)
    console.error(
      `personal data: ${pii.unreadable} account number(s) are sealed with a key not in PII_KEYS and cannot be read`,
    );
  // The job engine's schema and queues (pg-boss), so app instances can enqueue before a worker runs.
  await installJobQueues(databaseUrl);
}
