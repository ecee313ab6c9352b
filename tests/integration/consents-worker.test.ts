// Nothing waits for the customer's page: consents settled by the worker alone (pg-boss consent.settle
// jobs enqueued with the request), with the real sandbox over HTTP and real PostgreSQL. Nobody calls
// refreshConsent here; the customer signs in KakaoTalk and closes the page.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { consentJobs, sweepConsents } from "@/lib/consents/jobs";
import { refreshConsent, requestCmsConsent, requestESign } from "@/lib/consents/consents";
import { consentView } from "@/lib/consents/view";
import { startWorker } from "@/lib/jobs/worker";
import { advanceSandboxClock, clearFaults, resetSandboxClock } from "./helpers";
import {
  armConsentFault,
  cmsForm,
  consent,
  esignForm,
  kakaoTalk,
  loseNextVerifyAnswer,
  sandboxRequest,
  until,
} from "./consents-helpers";

type Worker = Awaited<ReturnType<typeof startWorker>>;
const workers: Worker[] = [];

beforeAll(async () => {
  // two workers on one database, as in production: a job runs in one of them
  for (let i = 0; i < 2; i++)
    workers.push(
      await startWorker({ databaseUrl: process.env.DATABASE_URL!, domains: [consentJobs], pollSeconds: 0.5 }),
    );
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
});
afterEach(async () => {
  await clearFaults();
  await resetSandboxClock();
});

const settled = (id: string, what: string) =>
  until(
    () => consent(id),
    (c) => !["REQUESTING", "WAITING", "VIEWED", "COMPLETED", "VERIFYING", "VERIFY_UNKNOWN"].includes(c.status),
    { timeoutMs: 45_000, what },
  );

async function cmsRequested() {
  const r = await requestCmsConsent(cmsForm(), {});
  if (!r.ok) throw new Error(JSON.stringify(r));
  return consent(r.value.id);
}

describe("consents settled by the worker", () => {
  it("the customer signs in KakaoTalk and closes the page: the worker polls, verifies once, VERIFIED", async () => {
    const c0 = await cmsRequested();
    // the job exists from the transaction that created the request
    const jobs = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'consent.settle' AND singleton_key = $1`,
      `consent:${c0.id}`,
    );
    expect(jobs[0]!.n).toBe(1);
    await kakaoTalk(c0.receiptId!, "sign");
    const t0 = Date.now();
    const c = await settled(c0.id, "the worker to verify");
    console.log(`worker settled a signed consent ${Date.now() - t0} ms after the signature`);
    expect(c).toMatchObject({ status: "VERIFIED", identityMatched: true, verifyAttempts: 1 });
    expect(await sandboxRequest(c0.receiptId!)).toMatchObject({ verifyCalls: 1, verifySuccesses: 1 });
    expect(c.events.filter((e) => e.type === "barocert.verify").map((e) => e.resultCode)).toEqual(["OK"]);
  });

  it("verify gets one HTTP 500 the provider did not act on: the worker retries within the window → VERIFIED, one successful verify", async () => {
    const c0 = await cmsRequested();
    await armConsentFault({ provider: "barocert", op: "verify", mode: "http500", match: c0.receiptId! });
    await kakaoTalk(c0.receiptId!, "sign");
    const c = await settled(c0.id, "the worker to retry the verify");
    expect(c).toMatchObject({ status: "VERIFIED", verifyAttempts: 2 });
    expect(c.events.filter((e) => e.type === "barocert.verify").map((e) => e.resultCode)).toEqual(["-40100099", "OK"]);
    // in between, the customer's page said "checking", never failed
    expect(
      c.events.some(
        (e) => e.type === "barocert.verify" && e.resultCode === "-40100099" && e.message.includes("알 수 없음"),
      ),
    ).toBe(true);
    expect(await sandboxRequest(c0.receiptId!)).toMatchObject({ verifyCalls: 1, verifySuccesses: 1 });
  });

  it("verify performed at the provider, answer lost (HTTP 500 after the verify): the retry is answered 'already verified' → 확인 필요", async () => {
    const c0 = await cmsRequested();
    await loseNextVerifyAnswer(c0.receiptId!);
    await kakaoTalk(c0.receiptId!, "sign");
    const c = await settled(c0.id, "the worker to settle the lost verify");
    expect(c).toMatchObject({ status: "NEEDS_REVIEW", failureCode: "VERIFY_USED", signedData: null });
    expect(consentView(c)).toMatchObject({ screen: "review", final: true });
    expect(c.events.filter((e) => e.type === "barocert.verify").map((e) => e.resultCode)).toEqual([
      "-40100099",
      "-40100012",
    ]);
    expect(await sandboxRequest(c0.receiptId!)).toMatchObject({ verifySuccesses: 1 });
  });

  it("the customer's page and two workers at once: one verify call at the provider", async () => {
    const r = await requestESign(esignForm(), {});
    if (!r.ok) throw new Error(JSON.stringify(r));
    const c0 = await consent(r.value.id);
    await kakaoTalk(c0.receiptId!, "sign");
    await Promise.all(Array.from({ length: 10 }, () => refreshConsent(r.value.id)));
    const c = await settled(r.value.id, "the e-sign to settle");
    expect(c.status).toBe("VERIFIED");
    expect(await sandboxRequest(c0.receiptId!)).toMatchObject({ verifyCalls: 1, verifySuccesses: 1 });
    expect(c.events.filter((e) => e.type === "consent.verify_started")).toHaveLength(1);
  });

  it("expiry without a signature is settled by the worker; the sweep re-creates a lost job once", async () => {
    const c0 = await cmsRequested();
    // a job lost (e.g. deleted by hand): the sweep finds the in-flight consent without one
    await db.$executeRawUnsafe(
      `UPDATE pgboss.job SET state = 'cancelled' WHERE name = 'consent.settle' AND singleton_key = $1`,
      `consent:${c0.id}`,
    );
    expect(await sweepConsents()).toBeGreaterThanOrEqual(1);
    const again = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'consent.settle' AND singleton_key = $1 AND state IN ('created', 'retry', 'active')`,
      `consent:${c0.id}`,
    );
    expect(again[0]!.n).toBe(1);
    await sweepConsents();
    const jobs = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'consent.settle' AND singleton_key = $1 AND state IN ('created', 'retry', 'active')`,
      `consent:${c0.id}`,
    );
    expect(jobs[0]!.n).toBe(1); // a second sweep adds nothing for it

    // the provider's request expires (sandbox clock): the worker records it with nobody watching
    await advanceSandboxClock(301_000);
    const c = await settled(c0.id, "the worker to record the expiry");
    expect(c).toMatchObject({ status: "EXPIRED" });
  });
});
