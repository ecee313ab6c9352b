// Creates / upgrades pg-boss's schema and our queues. Run with the migrations (dev, tests, deploy)
// and again by every worker at start (both idempotent), so an app instance can enqueue before any
// worker has run.
import PgBoss from "pg-boss";
import { BOSS_SCHEMA, QUEUES, type QueueName } from "./queues";

export async function installJobQueues(databaseUrl: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: BOSS_SCHEMA,
    supervise: false,
    schedule: false,
    max: 2,
  });
  boss.on("error", () => {});
  await boss.start();
  try {
    await ensureQueues(boss);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

export async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const [name, spec] of Object.entries(QUEUES) as [QueueName, (typeof QUEUES)[QueueName]][]) {
    const options = {
      name,
      policy: spec.policy,
      retryLimit: spec.retryLimit,
      retryDelay: spec.retryDelay,
      retryBackoff: spec.retryBackoff,
      expireInSeconds: spec.expireInSeconds,
      retentionMinutes: 60 * 24 * 14,
    };
    const existing = await boss.getQueue(name);
    if (existing) await boss.updateQueue(name, options);
    else await boss.createQueue(name, options);
  }
}
