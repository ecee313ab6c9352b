// /pay/:provider/:step — every provider's return: KakaoPay's GET approval/cancel/fail URLs
// (/pay/kakaopay/approve|cancel|fail), KCP's EUC-KR POST to Ret_URL (/pay/payup/return). The provider's
// adapter reads the request (lib/payments/port.ts parseReturn), receiveReturn decides, and this maps the
// outcome: a GET return is the customer's own browser (cookies: the receipt, or the lookup page); a POST
// return is a cross-site form post without cookies (a plain page saying what happened, or 303 to the receipt).
import { env } from "@/lib/env";
import { providerBySlug } from "@/lib/payments/providers";
import { receiveReturn, type ReturnOutcome } from "@/lib/payments/receive-return";
import { readBodyCapped } from "../../../_lib/body";
import { seeOther, withErrors } from "../../../_lib/http";
import { canSeeOrder } from "../../../_lib/request";
import { messagePage } from "../../_html";

export const dynamic = "force-dynamic";

const MAX_BODY = 64 * 1024;
const BAD_RETURN = "/orders/lookup?error=bad_return";
const lookupLink = { href: "/orders/lookup", label: "주문 조회" };

type Ctx = { params: Promise<{ provider: string; step: string }> };

async function handle(req: Request, ctx: Ctx, body: Uint8Array | null): Promise<Response> {
  const { provider: slug, step } = await ctx.params;
  const provider = providerBySlug(slug);
  const outcome: ReturnOutcome = provider
    ? await receiveReturn(
        provider,
        { step, query: new URL(req.url).searchParams, body },
        { providerTimeoutMs: env().PROVIDER_TIMEOUT_MS },
      )
    : { kind: "not_found" };
  return body === null ? browserAnswer(outcome) : postAnswer(outcome);
}

/** The customer's own browser came back (GET): its cookies decide whether it sees the receipt. */
async function browserAnswer(o: ReturnOutcome): Promise<Response> {
  switch (o.kind) {
    case "unreadable":
    case "not_found":
      return seeOther(BAD_RETURN);
    // Not this attempt's return: nothing changed; the buyer's own browser still sees their order.
    case "forbidden":
      return seeOther((await canSeeOrder(o.orderNumber)) ? `/orders/${o.orderNumber}` : BAD_RETURN);
    case "malformed":
    case "handled":
      return seeOther(`/orders/${o.orderNumber}`);
  }
}

/** A provider's window posted back (no cookies): a page saying why nothing happened, or 303 to the receipt. */
function postAnswer(o: ReturnOutcome): Response {
  switch (o.kind) {
    case "unreadable":
      return messagePage(
        "잘못된 결제 응답입니다",
        o.problem === "bad_characters"
          ? "결제 응답에 사용할 수 없는 문자가 있습니다."
          : "결제 응답을 읽을 수 없습니다.",
        lookupLink,
      );
    case "not_found":
      return messagePage(
        "주문을 찾을 수 없습니다",
        "결제창에서 돌아온 주문 정보를 찾을 수 없습니다. 결제는 진행되지 않았습니다.",
        lookupLink,
        404,
      );
    case "forbidden":
      return messagePage(
        "결제 응답을 확인할 수 없습니다",
        "이 결제창에서 보낸 응답이 아니어서 처리하지 않았습니다. 주문 조회에서 결제 상태를 확인해 주세요.",
        lookupLink,
        403,
      );
    case "malformed":
      return messagePage(
        "결제 응답이 올바르지 않습니다",
        "결제창에서 필요한 정보가 오지 않아 결제를 승인하지 않았습니다. 주문에서 다시 결제해 주세요.",
        { href: `/orders/${o.orderNumber}`, label: "주문으로 돌아가기" },
      );
    case "handled":
      return seeOther(`/orders/${o.orderNumber}`);
  }
}

export const GET = withErrors((req: Request, ctx: Ctx) => handle(req, ctx, null));

export const POST = withErrors(async (req: Request, ctx: Ctx) => {
  // Form bodies only, read with a cap while reading (app/_lib/body.ts), before anything else is looked at.
  const read = await readBodyCapped(req, { maxBytes: MAX_BODY, types: ["application/x-www-form-urlencoded"] });
  if (!read.ok) {
    const { code } = read.error;
    const why =
      code === "PAYLOAD_TOO_LARGE"
        ? "결제 응답이 너무 큽니다."
        : code === "UNSUPPORTED_MEDIA_TYPE"
          ? "결제창에서 보낸 형식이 아닙니다. 주문 조회에서 결제 상태를 확인해 주세요."
          : "결제 응답을 읽을 수 없습니다.";
    // the payment window's page: 413 for an oversized body, 400 for anything else (as before)
    return messagePage("잘못된 결제 응답입니다", why, lookupLink, code === "PAYLOAD_TOO_LARGE" ? 413 : 400);
  }
  return handle(req, ctx, read.value);
});
