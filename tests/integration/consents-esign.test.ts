// KakaoCert e-signature (talk message and app-to-app) through the use cases: real DB, the sandbox
// over HTTP, the official kakaocert SDK.
import { afterEach, describe, expect, it } from "vitest";
import { completeAppReturn, refreshConsent, requestESign, verifyConsent } from "@/lib/consents/consents";
import { SIGN_DOCUMENTS, sha256Hex } from "@/lib/consents/documents";
import { appLaunchUrl } from "@/lib/consents/providers";
import { consentView } from "@/lib/consents/view";
import { db } from "@/lib/db";
import { signedDataToDer } from "@/lib/providers/barocert";
import { clearFaults, resetSandboxClock, sandboxUrl } from "./helpers";
import {
  armConsentFault,
  asn1parse,
  consent,
  esignForm,
  kakaoTalk,
  loseNextVerifyAnswer,
  sandboxRequest,
} from "./consents-helpers";

afterEach(async () => {
  await clearFaults();
  await resetSandboxClock();
});

const contract = SIGN_DOCUMENTS.find((d) => d.key === "service-contract")!;
const returnPage = (id: string) => `http://127.0.0.1:3999/consents/${id}/app-return`;

/** The phone opens KakaoTalk for the tx_id, the customer signs or cancels, KakaoTalk returns to us. */
async function kakaoTalkApp(id: string, txId: string, action: "sign" | "decline", platform = "android") {
  const launch = new URL(appLaunchUrl(txId, returnPage(id))!);
  expect(launch.origin).toBe(sandboxUrl());
  const page = await fetch(launch);
  expect(page.ok).toBe(true);
  const res = await fetch(`${launch.origin}${launch.pathname}/${action}`, {
    method: "POST",
    body: new URLSearchParams({ return: launch.searchParams.get("return")!, platform }),
    redirect: "manual",
  });
  expect(res.status).toBe(303);
  return new URL(res.headers.get("location")!);
}

describe("KakaoCert e-signature", () => {
  it("talk message: request → KakaoTalk sign → status → verify once; the exact text and its hash are stored", async () => {
    const r = await requestESign(esignForm(), {});
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.value.channel).toBe("TALK");
    const c0 = await consent(r.value.id);
    expect(c0).toMatchObject({
      status: "WAITING",
      kind: "ESIGN",
      documentText: contract.text,
      documentHash: sha256Hex(contract.text),
      documentTitle: contract.title,
    });
    expect(c0.receiptId).toMatch(/^\d{18}$/);
    expect(c0.documentKey).toBe(`service-contract@${contract.version}`);
    // KakaoTalk shows the document to sign
    const sheet = await (await fetch(`${sandboxUrl()}/kakaotalk/r/${c0.receiptId}`)).text();
    expect(sheet).toContain("정기배송 서비스 이용계약서");

    await kakaoTalk(c0.receiptId!, "sign");
    const c = (await refreshConsent(r.value.id, { force: true }))!;
    expect(c.status).toBe("VERIFIED");
    const out = await asn1parse(signedDataToDer(c.signedData!));
    expect(out).toContain("pkcs7-signedData");
    // the signed content is the stored text, byte for byte
    const der = signedDataToDer(c.signedData!);
    expect(der.includes(Buffer.from(contract.text, "utf8"))).toBe(true);

    expect(await verifyConsent(r.value.id, { explicit: true })).toMatchObject({ kind: "already", status: "VERIFIED" });
    expect((await consent(r.value.id)).events.filter((e) => e.type === "kakaocert.verify")).toHaveLength(1);
  });

  it("app-to-app: tx_id → KakaoTalk app → our return page with the signature → verified with it", async () => {
    const r = await requestESign(esignForm({ document: "terms" }), {}, { appToApp: true });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.value.channel).toBe("APP");
    expect(r.value.txId).toMatch(/^[0-9a-f]{32}$/);
    const back = await kakaoTalkApp(r.value.id, r.value.txId!, "sign");
    expect(back.pathname).toBe(`/consents/${r.value.id}/app-return`);
    expect(back.searchParams.get("tx_id")).toBe(r.value.txId);
    const signature = back.searchParams.get("signature")!;
    expect(signature.length).toBeGreaterThan(20);

    // pollers alone never verify an app-to-app request (the signature is needed)
    expect((await refreshConsent(r.value.id, { force: true }))!.status).toBe("COMPLETED");
    // a forged return with another tx_id is refused
    expect(await completeAppReturn(r.value.id, { txId: "0".repeat(32), signature })).toMatchObject({ ok: false });
    // a wrong signature does not burn the once-only verify
    await completeAppReturn(r.value.id, { txId: r.value.txId, signature: "AAAA" + signature.slice(4) });
    expect((await consent(r.value.id)).status).toBe("COMPLETED");

    expect(await completeAppReturn(r.value.id, { txId: r.value.txId, signature })).toEqual({
      ok: true,
      value: { id: r.value.id },
    });
    const c = await consent(r.value.id);
    expect(c.status).toBe("VERIFIED");
    expect(c.signedData).toBeTruthy();
    expect(c.events.map((e) => e.resultCode)).toEqual(expect.arrayContaining(["TX_MISMATCH", "-31000018", "OK"]));
    // reloading the return page changes nothing
    expect(await completeAppReturn(r.value.id, { txId: r.value.txId, signature })).toEqual({
      ok: true,
      value: { id: r.value.id },
    });
    expect(
      (await consent(r.value.id)).events.filter((e) => e.type === "kakaocert.verify" && e.resultCode === "OK"),
    ).toHaveLength(1);
  });

  it("app-to-app: a verify without an answer keeps KakaoTalk's signature for the retry; 500 not acted on → VERIFIED, answer lost → 확인 필요", async () => {
    // (a) one 500 the provider did not act on: the retry (worker / page) verifies with the kept signature
    const a = await requestESign(esignForm(), {}, { appToApp: true });
    if (!a.ok) throw new Error(JSON.stringify(a));
    const ra = (await consent(a.value.id)).receiptId!;
    const backA = await kakaoTalkApp(a.value.id, a.value.txId!, "sign");
    await armConsentFault({ provider: "kakaocert", op: "verify", mode: "http500", match: ra });
    await completeAppReturn(a.value.id, { txId: a.value.txId, signature: backA.searchParams.get("signature")! });
    const ca = await consent(a.value.id);
    expect(ca).toMatchObject({ status: "VERIFY_UNKNOWN", appSignature: backA.searchParams.get("signature") });
    expect(consentView(ca).screen).toBe("checking");
    const va = (await refreshConsent(a.value.id, { force: true }))!;
    expect(va).toMatchObject({ status: "VERIFIED", appSignature: null });
    expect(await sandboxRequest(ra)).toMatchObject({ verifyCalls: 1, verifySuccesses: 1 });

    // (b) performed, answer lost: the retry is answered "already verified" → 확인 필요, the signature is dropped
    const b = await requestESign(esignForm(), {}, { appToApp: true });
    if (!b.ok) throw new Error(JSON.stringify(b));
    const rb = (await consent(b.value.id)).receiptId!;
    const backB = await kakaoTalkApp(b.value.id, b.value.txId!, "sign");
    await loseNextVerifyAnswer(rb);
    await completeAppReturn(b.value.id, { txId: b.value.txId, signature: backB.searchParams.get("signature")! });
    expect((await consent(b.value.id)).status).toBe("VERIFY_UNKNOWN");
    const vb = (await refreshConsent(b.value.id, { force: true }))!;
    expect(vb).toMatchObject({
      status: "NEEDS_REVIEW",
      failureCode: "VERIFY_USED",
      appSignature: null,
      signedData: null,
    });
    expect(vb.failureMessage).toContain("-31000012");
    expect(consentView(vb).screen).toBe("review");
  });

  it("app-to-app on iOS returns `sig`; cancelling in the app shows the declined screen", async () => {
    const a = await requestESign(esignForm(), {}, { appToApp: true });
    if (!a.ok) throw new Error(JSON.stringify(a));
    const backA = await kakaoTalkApp(a.value.id, a.value.txId!, "sign", "ios");
    await completeAppReturn(a.value.id, {
      txId: backA.searchParams.get("tx_id")!,
      signature: backA.searchParams.get("sig")!,
    });
    expect((await consent(a.value.id)).status).toBe("VERIFIED");

    const b = await requestESign(esignForm(), {}, { appToApp: true });
    if (!b.ok) throw new Error(JSON.stringify(b));
    const backB = await kakaoTalkApp(b.value.id, b.value.txId!, "decline");
    expect(backB.searchParams.get("error")).toBe("cancel");
    await completeAppReturn(b.value.id, { txId: backB.searchParams.get("tx_id")!, error: "cancel" });
    const c = await consent(b.value.id);
    expect(c.status).toBe("REJECTED");
    expect(consentView(c).screen).toBe("rejected");
  });

  it("decline by talk message, and bad input refused before any request", async () => {
    const r = await requestESign(esignForm(), {});
    if (!r.ok) throw new Error(JSON.stringify(r));
    await kakaoTalk((await consent(r.value.id)).receiptId!, "decline");
    expect((await refreshConsent(r.value.id, { force: true }))!.status).toBe("REJECTED");

    const before = await db.consentRequest.count();
    expect(await requestESign(esignForm({ agree: "" }), {})).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", details: { fields: { agree: "문서 내용을 확인하고 동의란에 체크해 주세요." } } },
    });
    expect(await requestESign(esignForm({ document: "nope" }), {})).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", details: { fields: { document: "서명할 문서를 선택해 주세요." } } },
    });
    expect(await requestESign(esignForm({ phone: "010-12" }), {})).toMatchObject({
      ok: false,
      error: {
        code: "VALIDATION",
        details: { fields: { phone: "휴대폰 번호를 정확히 입력해 주세요. (예: 010-1234-5678)" } },
      },
    });
    expect(await db.consentRequest.count()).toBe(before);
    expect(await sandboxRequest("none")).toBeUndefined();
  });
});
