// What a domain gives the worker: handlers for its queues, and a sweep that finds half-done work
// with no waiting job (the backstop for anything enqueued before this worker existed, or lost).
import type { QueueName } from "./queues";

export type JobContext = {
  jobId: string;
  retryCount: number;
  retryLimit: number;
  log: (msg: string, extra?: Record<string, unknown>) => void;
};

/**
 * A handler settles what it can and returns. To be tried again later (the provider has not said
 * anything terminal yet), throw `NotYet`: pg-boss retries it with backoff, and the job's history
 * shows each try. Handlers must be idempotent: the same job may run twice, or in two workers.
 */
export type JobHandler = (data: Record<string, unknown>, ctx: JobContext) => Promise<unknown>;

export class NotYet extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotYet";
  }
}

export type DomainJobs = {
  name: string;
  handlers: Partial<Record<QueueName, JobHandler>>;
  /** Enqueue jobs for anything half-done (idempotent: uses the same keys as the domain's own enqueues). */
  sweep?: () => Promise<number>;
};
