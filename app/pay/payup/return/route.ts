// POST /pay/payup/return — KCP's window posts here (mobile Ret_URL, and the desktop page's filled
// order_info form). EUC-KR form body, no cookies (cross-site POST): we identify the payment by
// ordr_idxx, approve at most once, and answer 303 to the GET receipt page.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { acceptReturn, abandonPayment } from "@/lib/payments/approve-payment";
import { verifyAttemptToken } from "@/lib/payments/attempt-token";
import { payUpGateway } from "@/lib/payments/gateways";
import { parseEucKrForm, parseKcpReturn } from "@/lib/providers/payup";
import { checkEntries } from "@/lib/input/guard";
import { readBodyCapped } from "../../../_lib/body";
import { seeOther, withErrors } from "../../../_lib/http";
import { messagePage } from "../_html";

export const dynamic = "force-dynamic";

const MAX_BODY = 64 * 1024;

export const POST = withErrors(async (req: Request) => {
  // Form bodies only, read with a cap while reading (app/_lib/body.ts); every field passes the input layer.
  const read = await readBodyCapped(req, { maxBytes: MAX_BODY, types: ["application/x-www-form-urlencoded"] });
  if (!read.ok) {
    const why = read.status === 413 ? "결제 응답이 너무 큽니다." : read.status === 415 ? "결제창에서 보낸 형식이 아닙니다. 주문 조회에서 결제 상태를 확인해 주세요." : "결제 응답을 읽을 수 없습니다.";
    return messagePage("잘못된 결제 응답입니다", why, { href: "/orders/lookup", label: "주문 조회" }, read.status === 413 ? 413 : 400);
  }
  let fields: Record<string, string>;
  try {
    fields = parseEucKrForm(read.bytes);
  } catch {
    return messagePage("잘못된 결제 응답입니다", "결제 응답을 읽을 수 없습니다.", { href: "/orders/lookup", label: "주문 조회" });
  }
  if (checkEntries(Object.entries(fields), { multiline: new Set(["res_msg"]) })) {
    return messagePage("잘못된 결제 응답입니다", "결제 응답에 사용할 수 없는 문자가 있습니다.", { href: "/orders/lookup", label: "주문 조회" });
  }
  const ret = parseKcpReturn(fields);
  const ordrIdxx = ret.ok ? (ret.outcome === "authenticated" ? ret.authorization.ordrIdxx : ret.ordrIdxx) : fields.ordr_idxx;
  const payment = ordrIdxx ? await db.payment.findFirst({ where: { providerOrderRef: ordrIdxx.slice(0, 64), provider: "PAYUP_KCP" }, include: { order: true } }) : null;
  if (!payment) {
    log.warn({ hasOrdrIdxx: Boolean(ordrIdxx) }, "KCP return for an unknown order");
    return messagePage("주문을 찾을 수 없습니다", "결제창에서 돌아온 주문 정보를 찾을 수 없습니다. 결제는 진행되지 않았습니다.", { href: "/orders/lookup", label: "주문 조회" }, 404);
  }
  const orderPath = `/orders/${payment.order.orderNumber}`;
  // Ret_URL carries the attempt's token (PayUp's ordr_idxx is guessable): without it nothing changes.
  const attemptToken = new URL(req.url).searchParams.get("t");
  if (!verifyAttemptToken(env().APP_SECRET, payment.id, attemptToken)) {
    log.warn({ paymentId: payment.id }, "KCP return without this attempt's token");
    return messagePage("결제 응답을 확인할 수 없습니다", "이 결제창에서 보낸 응답이 아니어서 처리하지 않았습니다. 주문 조회에서 결제 상태를 확인해 주세요.", { href: "/orders/lookup", label: "주문 조회" }, 403);
  }
  if (!ret.ok) {
    log.warn({ paymentId: payment.id, issues: ret.issues }, "malformed KCP return");
    return messagePage("결제 응답이 올바르지 않습니다", "결제창에서 필요한 정보가 오지 않아 결제를 승인하지 않았습니다. 주문에서 다시 결제해 주세요.", { href: orderPath, label: "주문으로 돌아가기" });
  }
  if (ret.outcome === "cancelled" || ret.outcome === "failed") {
    await abandonPayment({
      paymentId: payment.id,
      reason: ret.outcome === "cancelled" ? "cancel" : "fail",
      code: ret.outcome === "failed" ? `KCP_${ret.resCd}` : undefined,
      message: ret.resMsg ? `[${ret.resCd}] ${ret.resMsg}` : undefined,
      provider: "PAYUP_KCP",
      attemptToken,
    });
    return seeOther(orderPath);
  }
  await acceptReturn(
    { paymentId: payment.id, attemptToken, token: { kind: "kcp", authorization: ret.authorization, postedAmount: ret.authorization.amount } },
    { gateway: payUpGateway(), providerTimeoutMs: env().PROVIDER_TIMEOUT_MS },
  );
  return seeOther(orderPath);
});
