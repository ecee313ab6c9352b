// `npm run worker`: the background worker. Settles payments, refunds, consents and bills that were
// left half-done (slow providers, crashed app processes, customers who closed the page). Run one or
// more beside the app; all share the app's PostgreSQL (DATABASE_URL).
import { allDomainJobs } from "../lib/jobs/domains.ts";
import { startWorker } from "../lib/jobs/worker.ts";
import { log } from "../lib/log.ts";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
const worker = await startWorker({
  databaseUrl,
  domains: allDomainJobs,
  pollSeconds: Number(process.env.WORKER_POLL_SECONDS ?? 1),
  concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
  sweepCron: process.env.WORKER_SWEEP_CRON,
  sweepAtStart: true,
});
log.info({ pid: process.pid }, "worker started");
console.log(`worker ready (pid ${process.pid})`);

let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    void worker.stop().finally(() => process.exit(0));
  });
}
