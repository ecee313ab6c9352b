// Barocert Kakao CMS (자동이체 출금동의) end to end through the use cases: real DB, the sandbox over
// HTTP, the official barocert SDK.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { fieldErrorsOf } from "@/lib/errors";
import {
  markConsentReviewed,
  requestCmsConsent,
  requestFailureOf,
  refreshConsent,
  reRequestConsent,
  verifyConsent,
} from "@/lib/consents/consents";
import { consentStatusLabel } from "@/lib/consents/state";
import { consentsCsv, latestConfigError } from "@/lib/consents/query";
import { consentView } from "@/lib/consents/view";
import { openPii } from "@/lib/security/pii";
import { barocertConsentProvider, createBarocertCms, signedDataToDer } from "@/lib/providers/barocert";
import { DEMO_KEYS } from "../../scripts/lib/demo-env.ts";
import { advanceSandboxClock, armFault, clearFaults, resetSandboxClock, sandboxUrl } from "./helpers";
import { armConsentFault, asn1parse, cmsForm, consent, kakaoTalk, sandboxRequest } from "./consents-helpers";

afterEach(async () => {
  await clearFaults();
  await resetSandboxClock();
});

async function requested(over: Record<string, string> = {}) {
  const r = await requestCmsConsent(cmsForm(over), {});
  if (!r.ok) throw new Error(JSON.stringify(r));
  return await consent(r.value.id);
}

describe("CMS auto-debit consent", () => {
  it("request → KakaoTalk sign → status → verify once → identity matches → valid consent with a DER file", async () => {
    const c0 = await requested();
    expect(c0.status).toBe("WAITING");
    expect(c0.receiptId).toMatch(/^\d{32}$/);
    expect(c0.customerPhone).toBe("01023456789");
    // the account number is stored sealed (AES-256-GCM, key id beside it) with its last four digits: the raw row has no plain number
    expect(c0.bankAccountLast4).toBe("4567");
    expect(c0.bankAccountNumEnc).toMatch(/^pii1\.[A-Za-z0-9_-]+\./);
    expect(openPii(c0.bankAccountNumEnc!)).toBe("12345601234567");
    const raw = await db.$queryRawUnsafe<Array<Record<string, unknown>>>(
      `SELECT * FROM "ConsentRequest" WHERE id = $1`,
      c0.id,
    );
    expect(JSON.stringify(raw[0])).not.toContain("1234560");
    expect(raw[0]!.bankAccountNumPlaintext).toBeNull();
    // … and the provider received the real number (decrypted only for that call)
    expect(((await sandboxRequest(c0.receiptId!))?.cms as { bankAccountNum?: string } | null)?.bankAccountNum).toBe(
      "12345601234567",
    );
    // the message reached the customer's KakaoTalk with the account masked
    const chat = await (await fetch(`${sandboxUrl()}/kakaotalk?phone=01023456789`)).text();
    expect(chat).toContain(c0.receiptId!);

    expect((await refreshConsent(c0.id, { force: true }))!.status).toBe("WAITING");
    await kakaoTalk(c0.receiptId!, "sign");
    const done = (await refreshConsent(c0.id, { force: true }))!;
    expect(done.status).toBe("VERIFIED");
    expect(done.identityMatched).toBe(true);
    expect(done.viewedAt).toBeInstanceOf(Date);
    expect(done.completedAt).toBeInstanceOf(Date);
    expect(done.verifiedAt).toBeInstanceOf(Date);
    expect(done.expiresAt!.getTime() - done.requestedAt!.getTime()).toBe(300_000); // provider's requestDT/expireDT
    expect(consentView(done)).toMatchObject({ screen: "verified", final: true });

    const out = await asn1parse(signedDataToDer(done.signedData!));
    expect(out).toContain("pkcs7-signedData");
    expect((await sandboxRequest(c0.receiptId!))!.verifiedAt).not.toBeNull();

    const events = (await consent(c0.id)).events.map((e) => e.type);
    expect(events).toEqual([
      "consent.created",
      "barocert.request",
      "barocert.status",
      "consent.verify_started",
      "barocert.verify",
    ]);
    // no personal data in the timeline
    const timeline = JSON.stringify((await consent(c0.id)).events);
    expect(timeline).not.toContain("01023456789");
    expect(timeline).not.toContain("19900131");
    expect(timeline).not.toContain("12345601234567");
  });

  it("the signer is not the account holder → recorded as identity mismatch, never as a valid consent", async () => {
    const c0 = await requested({ accountHolder: "김철수" });
    await kakaoTalk(c0.receiptId!, "sign");
    const c = (await refreshConsent(c0.id, { force: true }))!;
    expect(c.status).toBe("IDENTITY_MISMATCH");
    expect(c.identityMatched).toBe(false);
    expect(c.mismatchedFields).toEqual(["accountHolder"]);
    expect(c.signedData).toBeTruthy(); // kept for the record
    expect(consentView(c).message).toContain("예금주가 달라");
    // the DB refuses to call it valid (even bypassing the state machine)
    await expect(
      db.$executeRawUnsafe(`UPDATE "ConsentRequest" SET "status" = 'VERIFIED' WHERE "id" = $1`, c.id),
    ).rejects.toThrow();
    // and a second verify is refused without a provider call
    expect(await verifyConsent(c.id, { explicit: true })).toMatchObject({ kind: "already" });
    const types = (await consent(c.id)).events.map((e) => e.type);
    expect(types).toContain("consent.identity_mismatch");
    expect(types.filter((t) => t === "barocert.verify")).toHaveLength(0);
    expect(types.at(-1)).toBe("consent.verify_refused");
  });

  it("20 concurrent pollers verify exactly once; verify twice is refused and recorded", async () => {
    const c0 = await requested();
    await kakaoTalk(c0.receiptId!, "sign");
    const results = await Promise.all(Array.from({ length: 20 }, () => refreshConsent(c0.id, { force: true })));
    expect(results.every((r) => r)).toBe(true);
    const c = await consent(c0.id);
    expect(c.status).toBe("VERIFIED");
    expect(c.events.filter((e) => e.type === "barocert.verify")).toHaveLength(1);

    expect(await verifyConsent(c0.id, { explicit: true })).toMatchObject({ kind: "already", status: "VERIFIED" });
    const after = await consent(c0.id);
    expect(after.events.at(-1)).toMatchObject({ type: "consent.verify_refused", resultCode: "ALREADY_FINAL" });
    expect(after.events.filter((e) => e.type === "barocert.verify")).toHaveLength(1);
  });

  it("verify before completion is refused and recorded without calling the provider", async () => {
    const c0 = await requested();
    expect(await verifyConsent(c0.id, { explicit: true })).toMatchObject({ kind: "not_completed" });
    const c = await consent(c0.id);
    expect(c.status).toBe("WAITING");
    expect(c.events.at(-1)).toMatchObject({ type: "consent.verify_refused", resultCode: "NOT_COMPLETED" });
    expect((await sandboxRequest(c0.receiptId!))!.verifiedAt).toBeNull();
  });

  it("verify late: the provider refuses after 10 minutes, and our own clock refuses without a call", async () => {
    const a = await requested();
    await kakaoTalk(a.receiptId!, "sign");
    await advanceSandboxClock(10 * 60_000 + 5_000);
    const ca = (await refreshConsent(a.id, { force: true }))!;
    expect(ca).toMatchObject({ status: "FAILED", failureCode: "VERIFY_LATE" });
    expect((await consent(a.id)).events.find((e) => e.type === "barocert.verify")!.resultCode).toBe("-40100013");
    await resetSandboxClock();

    const b = await requested();
    await kakaoTalk(b.receiptId!, "sign");
    // an instance that notices the completion only 11 minutes later
    const late = () => new Date(Date.now() + 11 * 60_000);
    const cb = (await refreshConsent(b.id, { force: true, now: late }))!;
    expect(cb).toMatchObject({ status: "FAILED", failureCode: "VERIFY_LATE" });
    expect((await consent(b.id)).events.some((e) => e.type === "barocert.verify")).toBe(false);
    expect((await sandboxRequest(b.receiptId!))!.verifiedAt).toBeNull();
    expect(consentView(cb).screen).toBe("failed");
  });

  it("expiry → its own screen → re-request sends a new KakaoTalk message (once)", async () => {
    const c0 = await requested();
    await advanceSandboxClock(301_000);
    const c = (await refreshConsent(c0.id, { force: true }))!;
    expect(c.status).toBe("EXPIRED");
    expect(consentView(c)).toMatchObject({ screen: "expired", final: true });
    expect(await verifyConsent(c0.id, { explicit: true })).toMatchObject({ kind: "already", status: "EXPIRED" });

    const again = await reRequestConsent(c0.id, { by: "admin@kakao-checkout.test" });
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    const twice = await reRequestConsent(c0.id, { by: "customer" });
    expect(twice).toMatchObject({ ok: true, value: { id: again.value.id } });
    const n = await consent(again.value.id);
    expect(n).toMatchObject({
      status: "WAITING",
      previousId: c0.id,
      bankAccountNumEnc: c0.bankAccountNumEnc,
      bankAccountLast4: "4567",
      createdBy: "admin@kakao-checkout.test",
    });
    expect(n.receiptId).not.toBe(c0.receiptId);
    expect(await reRequestConsent(again.value.id, { by: "customer" })).toMatchObject({
      ok: false,
      error: { message: "만료·거절·실패했거나 확인이 필요한 요청만 다시 요청할 수 있습니다." },
    });
  });

  it("decline in KakaoTalk → rejected; verify refused", async () => {
    const c0 = await requested();
    await kakaoTalk(c0.receiptId!, "decline");
    const c = (await refreshConsent(c0.id, { force: true }))!;
    expect(c.status).toBe("REJECTED");
    expect(consentView(c).screen).toBe("rejected");
    expect(await verifyConsent(c0.id, { explicit: true })).toMatchObject({ kind: "already", status: "REJECTED" });
  });

  it("refuses bad phone / birth date / account input before any request, writing nothing", async () => {
    const before = await db.consentRequest.count();
    const sandboxBefore = (
      (await (await fetch(`${sandboxUrl()}/__sandbox/linkhub/requests`)).json()) as { requests: unknown[] }
    ).requests.length;
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ phone: "02-123-4567" }, "phone", "휴대폰 번호를 정확히 입력해 주세요. (예: 010-1234-5678)"],
      [{ birthday: "1990-02-30" }, "birthday", "생년월일 8자리를 정확히 입력해 주세요. (예: 19900131)"],
      [{ birthday: "2999-01-01" }, "birthday", "생년월일 8자리를 정확히 입력해 주세요. (예: 19900131)"],
      [{ accountNumber: "12-34" }, "accountNumber", "계좌번호를 숫자로 정확히 입력해 주세요. (6~31자리, '-' 가능)"],
      [
        { accountNumber: "1234abcd5678" },
        "accountNumber",
        "계좌번호를 숫자로 정확히 입력해 주세요. (6~31자리, '-' 가능)",
      ],
      [{ bankName: "없는은행" }, "bankName", "출금 은행을 선택해 주세요."],
      [{ accountHolder: "" }, "accountHolder", "예금주명을 입력해 주세요."],
      [{ name: "=cmd|' /C calc'!A0" }, "name", "이름은 한글 또는 영문 20자 이내로 입력해 주세요."],
    ];
    for (const [over, field, message] of cases) {
      const r = await requestCmsConsent(cmsForm(over), {});
      expect(r).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
      if (!r.ok) expect(fieldErrorsOf(r.error)?.[field]).toBe(message);
    }
    expect(await db.consentRequest.count()).toBe(before);
    const sandboxAfter = (
      (await (await fetch(`${sandboxUrl()}/__sandbox/linkhub/requests`)).json()) as { requests: unknown[] }
    ).requests.length;
    expect(sandboxAfter).toBe(sandboxBefore);
  });

  it("sandbox down: the request times out → failed (retry-able), never left waiting; a retry works", async () => {
    await armFault({ provider: "barocert", op: "request", mode: "hang", delayMs: 4000 });
    const r = await requestCmsConsent(cmsForm(), {});
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: "CONSENT_REQUEST_FAILED",
        details: { retryable: true },
        message: "카카오 인증 서버가 응답하지 않습니다. 잠시 후 다시 시도해 주세요.",
      },
    });
    if (r.ok) return;
    const c = await consent(requestFailureOf(r.error)!.id!);
    expect(c).toMatchObject({ status: "FAILED", failureCode: "PROVIDER_TIMEOUT", receiptId: null });
    expect(consentView(c).screen).toBe("failed");
    const again = await reRequestConsent(c.id, { by: "customer" });
    expect(again.ok).toBe(true);

    // status polls that time out keep the request waiting and are recorded once
    if (!again.ok) return;
    await armFault({ provider: "barocert", op: "status", mode: "hang", delayMs: 4000, times: 2 });
    expect((await refreshConsent(again.value.id, { force: true }))!.status).toBe("WAITING");
    expect((await refreshConsent(again.value.id, { force: true }))!.status).toBe("WAITING");
    const ev = (await consent(again.value.id)).events.filter((e) => e.type === "barocert.status");
    expect(ev).toHaveLength(1);
    expect(ev[0]!.resultCode).toBe("PROVIDER_TIMEOUT");
  });

  it("verify gets one HTTP 500 the provider did not act on → checking (never failed) → retried → VERIFIED, one verify at the provider", async () => {
    const c0 = await requested();
    await kakaoTalk(c0.receiptId!, "sign");
    await armConsentFault({ provider: "barocert", op: "verify", mode: "http500", match: c0.receiptId! });
    const c1 = (await refreshConsent(c0.id, { force: true }))!;
    expect(c1).toMatchObject({ status: "VERIFY_UNKNOWN", failureCode: null, verifyAttempts: 1 });
    // the customer's page: being checked, never "failed, try again"
    expect(consentView(c1)).toMatchObject({ screen: "checking", final: false });
    expect(consentView(c1).message).toContain("확인하고 있습니다");
    // the page's own poll within the retry spacing does not hammer the provider
    expect((await refreshConsent(c0.id))!.status).toBe("VERIFY_UNKNOWN");
    expect((await sandboxRequest(c0.receiptId!))!.verifyCalls).toBe(0);

    const c2 = (await refreshConsent(c0.id, { force: true }))!;
    expect(c2).toMatchObject({ status: "VERIFIED", identityMatched: true, verifyAttempts: 2 });
    const at = (await sandboxRequest(c0.receiptId!))!;
    expect(at).toMatchObject({ verifyCalls: 1, verifySuccesses: 1 });
    const verifies = (await consent(c0.id)).events.filter((e) => e.type === "barocert.verify").map((e) => e.resultCode);
    expect(verifies).toEqual(["-40100099", "OK"]);
  });

  it("verify performed at the provider but its answer lost (timeout) → retry answered 'already verified' → 확인 필요, never VERIFIED or FAILED", async () => {
    const c0 = await requested();
    await kakaoTalk(c0.receiptId!, "sign");
    // the provider performs the verify but the answer never arrives in time
    await armConsentFault({ provider: "barocert", op: "verify", mode: "timeout", delayMs: 4000, match: c0.receiptId! });
    const c1 = (await refreshConsent(c0.id, { force: true }))!;
    expect(c1.status).toBe("VERIFY_UNKNOWN");
    expect(consentView(c1).screen).toBe("checking");
    const c2 = (await refreshConsent(c0.id, { force: true }))!;
    expect(c2).toMatchObject({
      status: "NEEDS_REVIEW",
      failureCode: "VERIFY_USED",
      signedData: null,
      identityMatched: null,
    });
    expect(c2.failureMessage).toContain("-40100012");
    expect(consentView(c2)).toMatchObject({ screen: "review", final: true });
    expect(consentView(c2).message).toContain("담당자가 확인");
    expect(consentStatusLabel[c2.status]).toBe("확인 필요");
    const verifies = (await consent(c0.id)).events.filter((e) => e.type === "barocert.verify").map((e) => e.resultCode);
    expect(verifies).toEqual(["PROVIDER_TIMEOUT", "-40100012"]);
    expect(await sandboxRequest(c0.receiptId!)).toMatchObject({ verifySuccesses: 1 });
    // nothing moves it any more; staff can mark it handled (note in the timeline) and re-request
    expect((await refreshConsent(c0.id, { force: true }))!.status).toBe("NEEDS_REVIEW");
    expect(await markConsentReviewed(c0.id, { by: "admin@kakao-checkout.test", note: "" })).toMatchObject({
      ok: false,
    });
    expect(
      await markConsentReviewed(c0.id, { by: "admin@kakao-checkout.test", note: "고객과 통화, 다시 요청함" }),
    ).toEqual({ ok: true });
    expect(await markConsentReviewed(c0.id, { by: "admin@kakao-checkout.test", note: "두 번" })).toMatchObject({
      ok: false,
    });
    const reviewed = await consent(c0.id);
    expect(reviewed).toMatchObject({ status: "NEEDS_REVIEW", reviewedBy: "admin@kakao-checkout.test" });
    expect(reviewed.events.at(-1)).toMatchObject({
      type: "consent.reviewed",
      message: expect.stringContaining("고객과 통화"),
    });
    expect(await reRequestConsent(c0.id, { by: "admin@kakao-checkout.test" })).toMatchObject({ ok: true });
  });

  it("a verify answer lost after the window closed is settled by the provider's status: verified there → 확인 필요; not → failed late", async () => {
    // (a) the lost call verified: the status shows a verify time
    const a = await requested();
    await kakaoTalk(a.receiptId!, "sign");
    await armConsentFault({ provider: "barocert", op: "verify", mode: "timeout", delayMs: 4000, match: a.receiptId! });
    expect((await refreshConsent(a.id, { force: true }))!.status).toBe("VERIFY_UNKNOWN");
    const late = () => new Date(Date.now() + 11 * 60_000);
    expect(await refreshConsent(a.id, { force: true, now: late })).toMatchObject({
      status: "NEEDS_REVIEW",
      failureCode: "VERIFY_USED",
    });

    // (b) the lost call never reached the verify (hang: nothing done) and the window passed
    const b = await requested();
    await kakaoTalk(b.receiptId!, "sign");
    await armConsentFault({ provider: "barocert", op: "verify", mode: "hang", delayMs: 3000, match: b.receiptId! });
    expect((await refreshConsent(b.id, { force: true }))!.status).toBe("VERIFY_UNKNOWN");
    const cb = (await refreshConsent(b.id, { force: true, now: late }))!;
    expect(cb).toMatchObject({ status: "FAILED", failureCode: "VERIFY_LATE" });
    expect(consentView(cb).screen).toBe("failed");
    expect(await sandboxRequest(b.receiptId!)).toMatchObject({ verifyCalls: 0, verifiedAt: null });
  });

  it("provider codes are read by their table: a published Linkhub code, a sandbox-choice code and an unknown code each reach the customer and staff as they should", async () => {
    const fresh = () =>
      barocertConsentProvider(
        createBarocertCms({
          linkId: DEMO_KEYS.linkhubLinkId,
          secretKey: DEMO_KEYS.linkhubSecretKey,
          clientCode: DEMO_KEYS.barocertClientCode,
          serviceUrl: sandboxUrl(),
          authUrl: sandboxUrl(),
          resultKey: DEMO_KEYS.barocertResultKey,
          resultIv: DEMO_KEYS.barocertResultIv,
          timeoutMs: 3000,
        }),
      );
    // published (Linkhub common, Popbill's table): -10000029 "IP information to access does not exist" on the token call
    await armConsentFault({ provider: "barocert", op: "token", mode: "error", code: "-10000029" });
    const ip = await requestCmsConsent(cmsForm(), {}, { cms: fresh() });
    expect(ip).toMatchObject({ ok: false, error: { code: "CONSENT_REQUEST_FAILED", details: { retryable: false } } });
    if (ip.ok) return;
    const ipRow = await consent(requestFailureOf(ip.error)!.id!);
    expect(ipRow).toMatchObject({ status: "FAILED", failureCode: "CONFIG" });
    expect(ipRow.failureMessage).toContain("허용 IP");
    expect(consentView(ipRow).message).toBe("지금은 카카오톡 인증을 요청할 수 없습니다. 고객센터로 문의해 주세요.");
    await clearFaults();

    // a sandbox-choice refusal the customer can act on (format): its Korean next step, and staff see the number is unconfirmed
    await armConsentFault({ provider: "barocert", op: "request", mode: "error", code: "-40100007" });
    const fmt = await requestCmsConsent(cmsForm(), {}, { cms: fresh() });
    if (fmt.ok) throw new Error(JSON.stringify(fmt));
    const fmtRow = await consent(requestFailureOf(fmt.error)!.id!);
    expect(fmtRow.failureCode).toBe("PROVIDER_-40100007");
    expect(fmtRow.failureMessage).toContain("번호 미확인");
    expect(consentView(fmtRow).message).toContain("휴대폰번호·생년월일·계좌 정보를 확인");
    await clearFaults();

    // a code in no table: neutral text for the customer (no raw provider message), "unknown code" for staff
    await armConsentFault({ provider: "barocert", op: "request", mode: "error", code: "-40177777" });
    const unk = await requestCmsConsent(cmsForm(), {}, { cms: fresh() });
    if (unk.ok) throw new Error(JSON.stringify(unk));
    const unkRow = await consent(requestFailureOf(unk.error)!.id!);
    expect(unkRow.failureMessage).toContain("알 수 없는 제공자 코드 -40177777");
    expect(consentView(unkRow).message).toBe("카카오 인증 요청이 처리되지 않았습니다. 다시 시도해 주세요.");
    await clearFaults();

    // an unknown code on verify is never a refusal: the consent keeps checking (the worker asks again)
    const c = await requested();
    await kakaoTalk(c.receiptId!, "sign");
    await armConsentFault({
      provider: "barocert",
      op: "verify",
      mode: "error",
      code: "-40177777",
      match: c.receiptId!,
      times: 1,
    });
    const v = (await refreshConsent(c.id, { force: true }))!;
    expect(v).toMatchObject({ status: "VERIFY_UNKNOWN", failureCode: null });
    expect(consentView(v).screen).toBe("checking");
    const verifies = (await consent(c.id)).events.filter((e) => e.type === "barocert.verify");
    expect(verifies.at(-1)!.message).toContain("알 수 없는 응답 (-40177777)");
  });

  it("wrong keys are a clear, admin-visible configuration error", async () => {
    const wrongSecret = barocertConsentProvider(
      createBarocertCms({
        linkId: DEMO_KEYS.linkhubLinkId,
        secretKey: Buffer.alloc(32, 7).toString("base64"),
        clientCode: DEMO_KEYS.barocertClientCode,
        serviceUrl: sandboxUrl(),
        authUrl: sandboxUrl(),
        resultKey: DEMO_KEYS.barocertResultKey,
        resultIv: DEMO_KEYS.barocertResultIv,
        timeoutMs: 3000,
      }),
    );
    const r = await requestCmsConsent(cmsForm(), {}, { cms: wrongSecret });
    expect(r).toMatchObject({ ok: false, error: { code: "CONSENT_REQUEST_FAILED", details: { retryable: false } } });
    if (r.ok) return;
    const c = await consent(requestFailureOf(r.error)!.id!);
    expect(c.status).toBe("FAILED");
    expect(c.failureCode).toBe("CONFIG");
    expect(c.failureMessage).toContain("연동 설정 오류");
    const merchant = await db.merchant.findFirstOrThrow();
    expect((await latestConfigError(merchant.id))!.consentId).toBe(c.id);

    // a wrong result key: the signature arrives but the signer cannot be checked → not valid
    const wrongResult = barocertConsentProvider(
      createBarocertCms({
        linkId: DEMO_KEYS.linkhubLinkId,
        secretKey: DEMO_KEYS.linkhubSecretKey,
        clientCode: DEMO_KEYS.barocertClientCode,
        serviceUrl: sandboxUrl(),
        authUrl: sandboxUrl(),
        resultKey: Buffer.alloc(32, 9).toString("base64"),
        resultIv: DEMO_KEYS.barocertResultIv,
        timeoutMs: 3000,
      }),
    );
    const ok = await requestCmsConsent(cmsForm(), {}, { cms: wrongResult });
    if (!ok.ok) throw new Error(JSON.stringify(ok));
    await kakaoTalk((await consent(ok.value.id)).receiptId!, "sign");
    const v = (await refreshConsent(ok.value.id, { force: true, cms: wrongResult }))!;
    expect(v).toMatchObject({ status: "FAILED", failureCode: "CONFIG_RESULT_KEY", identityMatched: null });
    expect(v.failureMessage).toContain("BAROCERT_RESULT_KEY");
    expect(v.signedData).toBeTruthy();
  });

  it("links to an order; CSV export masks personal data and guards formulas", async () => {
    const merchant = await db.merchant.findFirstOrThrow();
    const order = await db.order.create({
      data: {
        orderNumber: "KC990101-CONSNT",
        merchantId: merchant.id,
        buyerName: "홍길동",
        buyerPhone: "01023456789",
        buyerEmail: "a@b.c",
        itemSummary: "정기배송",
        totalQuantity: 1,
        totalAmount: 1000,
        taxFreeAmount: 0,
        vatAmount: 91,
      },
    });
    const r = await requestCmsConsent(cmsForm(), { orderId: order.id });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect((await consent(r.value.id)).orderId).toBe(order.id);
    expect(await requestCmsConsent(cmsForm(), { orderId: "nope" })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", message: "연결할 주문을 찾을 수 없습니다." },
    });

    let csv = "";
    for await (const line of consentsCsv(merchant.id, { q: "KC990101-CONSNT" })) csv += line;
    const lines = csv.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("KC990101-CONSNT");
    expect(lines[1]).toContain("****4567");
    expect(lines[1]).toContain("010-****-6789");
    expect(lines[1]).not.toContain("12345601234567");
    expect(lines[1]).toContain("홍*동");
  });
});
