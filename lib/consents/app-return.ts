// App-to-app e-sign: the customer comes back from the KakaoTalk app.
import { fail, ok, type Result } from "../errors";
import { ctx, type ConsentDeps } from "./common";
import { addConsentEvent } from "./events";
import { refreshConsent } from "./poll";
import { isFinal } from "./state";
import { verifyConsent } from "./verify";

/** The request brought up to date, or BAD_REQUEST (the tx_id is not the request's: nothing was asked). */
export type AppReturnOutcome = Result<{ id: string }>;

/**
 * The customer comes back from the KakaoTalk app with tx_id and the signature (`signature` on
 * Android, `sig` on iOS) or error=cancel. The state always comes from the provider, never from
 * the query string; the signature is only handed to the once-only verify.
 */
export async function completeAppReturn(
  id: string,
  q: { txId?: string; signature?: string; error?: string },
  deps: ConsentDeps = {},
): Promise<AppReturnOutcome> {
  const { db } = ctx(deps);
  const c = await db.consentRequest.findUnique({ where: { id } });
  if (!c || c.channel !== "APP" || !c.txId || q.txId !== c.txId) {
    if (c)
      await addConsentEvent(db, {
        consentId: c.id,
        type: "consent.app_return_refused",
        message: "앱투앱 복귀 거부: tx_id가 요청과 다름",
        resultCode: "TX_MISMATCH",
      });
    return fail("BAD_REQUEST", "요청 정보가 올바르지 않습니다. 처음부터 다시 시도해 주세요.");
  }
  if (isFinal(c.status)) return ok({ id });
  await addConsentEvent(db, {
    consentId: id,
    type: "consent.app_return",
    message: q.error
      ? `카카오톡 앱에서 돌아옴: ${q.error === "cancel" ? "취소" : "오류"}`
      : q.signature
        ? "카카오톡 앱에서 서명값을 가지고 돌아옴"
        : "카카오톡 앱에서 돌아옴 (서명값 없음)",
    resultCode: q.error ?? (q.signature ? "SIGNATURE" : "NONE"),
  });
  await refreshConsent(id, { ...deps, force: true });
  const now = await db.consentRequest.findUniqueOrThrow({ where: { id } });
  if (now.status === "COMPLETED" && q.signature) await verifyConsent(id, { ...deps, signature: q.signature });
  return ok({ id });
}
