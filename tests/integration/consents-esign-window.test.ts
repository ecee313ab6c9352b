// KakaoCert's verify window only where documented: seed 000 §3 gives Barocert CMS 10 minutes after
// completion; seed 001 (the legacy KakaoCert e-sign API the app uses) gives none. An e-signature
// noticed late is still verified once — by neither the sandbox nor our own clock cut off.
import { afterEach, describe, expect, it } from "vitest";
import { refreshConsent, requestCmsConsent, requestESign, verifyWindowMs } from "@/lib/consents/consents";
import { advanceSandboxClock, clearFaults, resetSandboxClock } from "./helpers";
import { armConsentFault, cmsForm, consent, esignForm, kakaoTalk, sandboxRequest } from "./consents-helpers";

afterEach(async () => {
  await clearFaults();
  await resetSandboxClock();
});

describe("verify window", () => {
  it("is 10 minutes for CMS and none for KakaoCert e-sign", () => {
    expect(verifyWindowMs({ kind: "CMS" })).toBe(10 * 60_000);
    expect(verifyWindowMs({ kind: "ESIGN" })).toBeNull();
  });

  it("an e-signature verified 11 minutes after signing (provider clock and ours) is VERIFIED, with one verify call", async () => {
    const r = await requestESign(esignForm(), {});
    if (!r.ok) throw new Error(JSON.stringify(r));
    const c0 = await consent(r.value.id);
    await kakaoTalk(c0.receiptId!, "sign");
    await advanceSandboxClock(11 * 60_000);
    const late = () => new Date(Date.now() + 11 * 60_000);
    const c = (await refreshConsent(r.value.id, { force: true, now: late }))!;
    expect(c).toMatchObject({ status: "VERIFIED" });
    expect((await consent(r.value.id)).events.filter((e) => e.type === "kakaocert.verify")).toHaveLength(1);
    expect((await sandboxRequest(c0.receiptId!))!.verifiedAt).not.toBeNull();
  });

  it("provider unreachable long after expiry: a CMS request is given up (its window has passed), an e-sign request is not (a signature may still be verifiable)", async () => {
    const e = await requestESign(esignForm(), {});
    const m = await requestCmsConsent(cmsForm(), {});
    if (!e.ok || !m.ok) throw new Error(JSON.stringify({ e, m }));
    const [ce, cm] = [await consent(e.value.id), await consent(m.value.id)];
    await armConsentFault({ provider: "kakaocert", op: "status", mode: "http500", match: ce.receiptId! });
    await armConsentFault({ provider: "barocert", op: "status", mode: "http500", match: cm.receiptId! });
    const muchLater = () => new Date(ce.expiresAt!.getTime() + 12 * 60_000);
    expect((await refreshConsent(m.value.id, { force: true, now: muchLater }))!).toMatchObject({
      status: "EXPIRED",
      failureCode: "WINDOW_PASSED",
    });
    const stillOpen = (await refreshConsent(e.value.id, { force: true, now: muchLater }))!;
    expect(["WAITING", "VIEWED"]).toContain(stillOpen.status);
    expect(stillOpen.failureCode).toBeNull();
  });
});
