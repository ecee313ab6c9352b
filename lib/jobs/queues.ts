// The durable job queues (pg-boss on the app's PostgreSQL, schema "pgboss"). One table of queues with
// their retry/backoff/expiry policy; domains put jobs on them, `npm run worker` works them.
//
// Why pg-boss: jobs live in PostgreSQL (no second store), are fetched with SKIP LOCKED (several
// workers never take the same job), a crashed worker's active job expires after `expireInSeconds`
// and is retried, and every job keeps its state, retry count and output (the visible history).
export type QueuePolicy = "standard" | "short" | "singleton" | "stately";

export type QueueSpec = {
  /** short + singletonKey: at most one *waiting* job per key (a duplicate enqueue is a no-op). */
  policy: QueuePolicy;
  retryLimit: number;
  /** Retry delay in seconds; with retryBackoff, doubled each retry (pg-boss, with jitter). */
  retryDelay: number;
  retryBackoff: boolean;
  /** An active job not finished by then is failed (worker died) and retried. */
  expireInSeconds: number;
  /** How long finished jobs are kept for the history. */
  retentionDays?: number;
};

export const QUEUES = {
  /**
   * Call the provider's approve for a claimed payment (the customer's return only claims it and answers at
   * once). Never retried: the approve is sent at most once; if this job dies, "payment.settle" settles it.
   */
  "payment.approve": { policy: "short", retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 120 },
  /** Settle a payment left APPROVING / UNKNOWN / READY-past-expiry by asking the provider. */
  "payment.settle": { policy: "short", retryLimit: 24, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
  /** Settle a refund left REQUESTED / UNKNOWN (and refund late captures). */
  "refund.settle": { policy: "short", retryLimit: 24, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
  /**
   * Poll / verify a consent request the customer may have left. While a request is in flight its handler puts
   * a fresh job on the queue (every 4 s, lib/consents/jobs.ts: a retry would keep its place by creation time,
   * and a backlog of requests nobody signs would starve new ones); these retries are for handler errors only.
   */
  "consent.settle": { policy: "short", retryLimit: 420, retryDelay: 4, retryBackoff: false, expireInSeconds: 120 },
  /** Bills: parked cancellations, pay-results recorded as mismatches. */
  "bill.settle": { policy: "short", retryLimit: 24, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 },
  /** Periodic backstop: finds anything half-done that has no waiting job and enqueues one. */
  sweep: { policy: "singleton", retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 300 },
} as const satisfies Record<string, QueueSpec>;

export type QueueName = keyof typeof QUEUES;
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];

export const BOSS_SCHEMA = "pgboss";
