// The background worker (`npm run worker`): works every domain's queues and runs the periodic sweep.
// Safe to run several at once, on several machines, beside several app instances: pg-boss hands each
// job to one worker (SKIP LOCKED), and every handler is idempotent (compare-and-set state machines).
import PgBoss from "pg-boss";
import { log } from "../log";
import { ensureQueues } from "./install";
import { BOSS_SCHEMA, type QueueName } from "./queues";
import { NotYet, type DomainJobs } from "./registry";

export type WorkerOptions = {
  databaseUrl: string;
  domains: DomainJobs[];
  /** Seconds between polls for new jobs (pg-boss polls; ≥ 0.5). */
  pollSeconds?: number;
  /** Jobs of one queue this process works at the same time (independent pollers). */
  concurrency?: number;
  /** Cron of the sweep (default every minute). */
  sweepCron?: string;
  /** Also run the sweep once at start. */
  sweepAtStart?: boolean;
};

export async function startWorker(
  opts: WorkerOptions,
): Promise<{ stop: () => Promise<void>; sweep: () => Promise<number> }> {
  const boss = new PgBoss({
    connectionString: opts.databaseUrl,
    schema: BOSS_SCHEMA,
    max: 6,
    // Maintenance expires the active jobs of a worker that died (→ retried by another).
    maintenanceIntervalSeconds: 30,
  });
  boss.on("error", (e) => log.error({ err: e instanceof Error ? e.message : String(e) }, "job engine error"));
  await boss.start();
  await ensureQueues(boss);

  const handlers = new Map<QueueName, DomainJobs["handlers"][QueueName]>();
  for (const d of opts.domains)
    for (const [q, h] of Object.entries(d.handlers) as [QueueName, DomainJobs["handlers"][QueueName]][])
      handlers.set(q, h);

  const pollingIntervalSeconds = opts.pollSeconds ?? 1;
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  for (const [queue, handler] of handlers) {
    if (!handler) continue;
    // pg-boss 10 works one batch per poll and per worker: several pollers per queue keep a backlog of
    // retries from delaying fresh jobs (each job still goes to exactly one poller, SKIP LOCKED).
    for (let i = 0; i < concurrency; i++)
      await boss.work<Record<string, unknown>>(
        queue,
        { pollingIntervalSeconds, batchSize: 1, includeMetadata: true },
        async (jobs) => {
          for (const job of jobs) {
            const ctx = {
              jobId: job.id,
              retryCount: job.retryCount,
              retryLimit: job.retryLimit,
              log: (msg: string, extra?: Record<string, unknown>) => log.info({ queue, jobId: job.id, ...extra }, msg),
            };
            try {
              const out = await handler(job.data ?? {}, ctx);
              log.debug({ queue, jobId: job.id }, "job done");
              return out ?? null;
            } catch (e) {
              if (e instanceof NotYet)
                log.info({ queue, jobId: job.id, retry: job.retryCount }, `not settled yet: ${e.message}`);
              else log.error({ queue, jobId: job.id, err: e instanceof Error ? e.message : String(e) }, "job failed");
              throw e;
            }
          }
        },
      );
  }

  const sweep = async () => {
    let n = 0;
    for (const d of opts.domains) {
      if (!d.sweep) continue;
      try {
        n += await d.sweep();
      } catch (e) {
        log.error({ domain: d.name, err: e instanceof Error ? e.message : String(e) }, "sweep failed");
      }
    }
    return n;
  };
  await boss.work("sweep", { pollingIntervalSeconds: Math.max(pollingIntervalSeconds, 2) }, async () => ({
    enqueued: await sweep(),
  }));
  await boss.schedule("sweep", opts.sweepCron ?? "* * * * *", {}, { singletonKey: "sweep" });
  if (opts.sweepAtStart) await sweep();

  return {
    sweep,
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
