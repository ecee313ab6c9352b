// Consent jobs for the worker. Nothing waits for the customer's page: a consent.settle job (keyed by
// the consent id, enqueued in the transaction that creates the request and again when a verify needs
// a retry) polls the provider's status after the customer closed the page, verifies once when the
// provider says complete, retries a verify whose answer was lost while the 10-minute window is open,
// and gives up what can no longer succeed. The sweep re-enqueues any in-flight consent without a job.
// Safe with several workers and app instances: every move is a compare-and-set in state.ts and the
// once-only verify is called only by the winner of the claim.
import { db as defaultDb, type Db } from "../db";
import type { DomainJobs } from "../jobs/registry";
import { BOSS_SCHEMA } from "../jobs/queues";
import type { ConsentDeps } from "./common";
import { refreshConsent } from "./poll";
import { enqueueSettle, IN_FLIGHT, isFinal, SETTLE_QUEUE } from "./state";

/** Seconds between two polls of a consent still in flight (the customer may sign at any moment). */
export const POLL_SECONDS = 4;

/**
 * One settle pass for a consent: returns its final status, or — while it is still in flight — puts a fresh
 * job for it on the queue, due in POLL_SECONDS, and returns. Not a pg-boss retry: a retry keeps its place by
 * creation time, so a backlog of requests nobody signs would be polled first forever and a new request (and
 * its customer's signature) would wait behind them; a fresh job queues behind what is due now.
 * (A verify retry also gets a fresh job from its transition; a handler error is retried by pg-boss.)
 */
export async function settleConsentJob(
  data: Record<string, unknown>,
  deps: ConsentDeps = {},
): Promise<{ consentId: string; status: string }> {
  const id = typeof data.consentId === "string" ? data.consentId : "";
  if (!id) return { consentId: "", status: "INVALID_JOB" };
  const c = await refreshConsent(id, { ...deps, force: true });
  if (!c) return { consentId: id, status: "NOT_FOUND" };
  if (isFinal(c.status)) return { consentId: id, status: c.status };
  await enqueueSettle(deps.db ?? defaultDb, id, POLL_SECONDS);
  return { consentId: id, status: `${c.status} (polled again in ${POLL_SECONDS} s)` };
}

/** Enqueues a settle job for every in-flight consent that has no job waiting or running. */
export async function sweepConsents(deps: { db?: Db; limit?: number } = {}): Promise<number> {
  const db = deps.db ?? defaultDb;
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT c."id" FROM "ConsentRequest" c
      WHERE c."status"::text = ANY($1::text[])
        AND NOT EXISTS (
          SELECT 1 FROM "${BOSS_SCHEMA}"."job" j
           WHERE j."name" = $2 AND j."singleton_key" = 'consent:' || c."id"
             AND j."state" IN ('created', 'retry', 'active'))
      ORDER BY c."createdAt" ASC
      LIMIT $3`,
    [...IN_FLIGHT],
    SETTLE_QUEUE,
    deps.limit ?? 500,
  );
  let n = 0;
  for (const r of rows) if (await enqueueSettle(db, r.id, 1)) n++;
  return n;
}

export const consentJobs: DomainJobs = {
  name: "consents",
  handlers: { [SETTLE_QUEUE]: (data) => settleConsentJob(data) },
  sweep: () => sweepConsents(),
};
