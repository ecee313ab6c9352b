// GET /pay/payup/:paymentId — opens KCP's KakaoPay window for a PayUp order.
//   phone (WM): an auto-submitting EUC-KR form to PayUp's pay_url (with a visible button without JS);
//   desktop (WP): the order_info form + m_Completepayment, then KCP's payplus_web.jsp and KCP_Pay_Execute.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { formatWon } from "@/lib/money";
import { attemptToken } from "@/lib/payments/attempt-token";
import { payUpReturnUrl } from "@/lib/payments/start-payment";
import { KCP_SCRIPT_URL, kcpWindowForm } from "@/lib/providers/payup";
import { canSeeOrder } from "../../../_lib/request";
import { seeOther, withErrors } from "../../../_lib/http";
import { esc, formHtml, htmlResponse, messagePage, page } from "../_html";

export const dynamic = "force-dynamic";

export const GET = withErrors(async (req: Request, ctx: { params: Promise<{ paymentId: string }> }) => {
  const { paymentId } = await ctx.params;
  // proxy.ts's per-request CSP nonce: only scripts carrying it run (the KCP script is trusted through it).
  const nonce = esc(req.headers.get("x-nonce") ?? "");
  const payment = await db.payment.findUnique({ where: { id: paymentId.slice(0, 40) }, include: { order: true } });
  if (!payment || payment.provider !== "PAYUP_KCP") return messagePage("결제 정보를 찾을 수 없습니다", "주문 조회에서 주문 상태를 확인해 주세요.", { href: "/orders/lookup", label: "주문 조회" }, 404);
  const orderPath = `/orders/${payment.order.orderNumber}`;
  if (!(await canSeeOrder(payment.order.orderNumber))) return seeOther(`/orders/lookup?orderNumber=${payment.order.orderNumber}`);
  if (payment.status !== "READY") return seeOther(orderPath);
  const returnUrl = payUpReturnUrl(env().APP_URL, attemptToken(env().APP_SECRET, payment.id));
  const form = kcpWindowForm(payment.providerData, { pcAction: returnUrl });
  if (!form) return messagePage("결제창을 열 수 없습니다", "결제 준비 정보가 없습니다. 다시 결제해 주세요.", { href: orderPath, label: "주문으로 돌아가기" }, 409);
  const summary = `<div class="logo">pay</div><h1>카카오페이 결제</h1><p>${esc(payment.order.itemSummary)}</p><div class="amount">${esc(formatWon(payment.totalAmount))}</div>`;

  if (payment.device === "MOBILE") {
    return htmlResponse(
      page(
        "카카오페이 결제",
        `<div class="card">${summary}<p>KCP 결제창으로 이동합니다…</p><div class="spinner" aria-hidden="true"></div>
${formHtml(form, { id: "kcp-mobile" })}
<button type="submit" class="kakao" id="go">결제창 열기</button></form>
<a class="btn ghost" href="${esc(orderPath)}">주문으로 돌아가기</a></div>
<script nonce="${nonce}">document.getElementById("kcp-mobile").submit();</script>`,
      ),
    );
  }

  const scriptUrl = env().KCP_SCRIPT_URL || KCP_SCRIPT_URL;
  return htmlResponse(
    page(
      "카카오페이 결제",
      `<div class="card">${summary}<p>열린 결제창에서 결제를 진행해 주세요.</p>
${formHtml(form)}
<button type="button" class="kakao" id="go">결제창 열기</button></form>
<div class="err" id="err" role="alert"></div>
<a class="btn ghost" href="${esc(orderPath)}">주문으로 돌아가기</a></div>
<script nonce="${nonce}">
/* KCP calls this when its window finishes; it must exist before payplus_web.jsp loads. */
function m_Completepayment(FormOrJson, closeEvent) {
  var frm = document.order_info;
  GetField(frm, FormOrJson);
  if (frm.res_cd.value == "0000") {
    document.getElementById("go").disabled = true;
    document.getElementById("go").textContent = "결제 승인 중…";
    frm.submit();
  } else {
    /* Plain Korean and the next step for the customer; KCP's code only as a small secondary line. */
    var code = String(frm.res_cd.value || "");
    var box = document.getElementById("err");
    box.textContent = (code == "3001" ? "결제를 취소했습니다." : "결제창에서 결제가 완료되지 않았습니다.") + " 다시 결제하려면 '결제창 열기'를 누르세요.";
    if (code && code != "3001") {
      var small = document.createElement("small");
      small.textContent = "오류 코드 " + code;
      box.appendChild(small);
    }
    box.style.display = "block";
    closeEvent();
    document.getElementById("go").focus();
  }
}
function jsf__pay() {
  try { KCP_Pay_Execute(document.order_info); } catch (e) { /* KCP ends the script with throw on success in old browsers */ }
}
document.getElementById("go").addEventListener("click", jsf__pay); /* no inline handlers under the CSP */
</script>
<script nonce="${nonce}" src="${esc(scriptUrl)}"></script>
<script nonce="${nonce}">jsf__pay();</script>`,
    ),
  );
});
