// GET /pay/:provider/window/:paymentId — opens a provider's payment window from our own page, when its initiate
// answered with a form (lib/payments/port.ts PaymentForm): an auto-submitting form (KCP on a phone: EUC-KR
// to PayUp's pay_url, with a visible button without JS), or a form handed to the provider's script (KCP on
// a PC: order_info + payplus_web.jsp). The page gives the script #go (open again) and #err (a message).
import { formatWon } from "@/lib/money";
import { paymentWindow } from "@/lib/payments/window";
import { canSeeOrder } from "../../../../_lib/request";
import { seeOther, withErrors } from "../../../../_lib/http";
import { esc, formHtml, htmlResponse, messagePage, page, scriptText } from "../../../_html";

export const dynamic = "force-dynamic";

export const GET = withErrors(
  async (req: Request, ctx: { params: Promise<{ provider: string; paymentId: string }> }) => {
    const { provider, paymentId } = await ctx.params;
    // proxy.ts's per-request CSP nonce: only scripts carrying it run (the provider's script is trusted through it).
    const nonce = esc(req.headers.get("x-nonce") ?? "");
    const w = await paymentWindow(provider, paymentId);
    if (w.kind === "not_found")
      return messagePage(
        "결제 정보를 찾을 수 없습니다",
        "주문 조회에서 주문 상태를 확인해 주세요.",
        { href: "/orders/lookup", label: "주문 조회" },
        404,
      );
    const orderPath = `/orders/${w.orderNumber}`;
    if (!(await canSeeOrder(w.orderNumber))) return seeOther(`/orders/lookup?orderNumber=${w.orderNumber}`);
    if (!w.payable) return seeOther(orderPath);
    const form = w.form;
    if (!form)
      return messagePage(
        "결제창을 열 수 없습니다",
        "결제 준비 정보가 없습니다. 다시 결제해 주세요.",
        { href: orderPath, label: "주문으로 돌아가기" },
        409,
      );
    const title = `${w.brand} 결제`;
    const summary = `<div class="logo">pay</div><h1>${esc(title)}</h1><p>${esc(w.itemSummary)}</p><div class="amount">${esc(formatWon(w.total))}</div>`;
    const back = `<a class="btn ghost" href="${esc(orderPath)}">주문으로 돌아가기</a>`;

    if (form.open.kind === "auto") {
      const id = `${form.name}-auto`;
      return htmlResponse(
        page(
          title,
          `<div class="card">${summary}<p>결제창으로 이동합니다…</p><div class="spinner" aria-hidden="true"></div>
${formHtml(form, { id })}
<button type="submit" class="kakao" id="go">결제창 열기</button></form>
${back}</div>
<script nonce="${nonce}">document.getElementById(${JSON.stringify(id)}).submit();</script>`,
        ),
      );
    }

    const { setup, src, run } = form.open;
    return htmlResponse(
      page(
        title,
        `<div class="card">${summary}<p>열린 결제창에서 결제를 진행해 주세요.</p>
${formHtml(form)}
<button type="button" class="kakao" id="go">결제창 열기</button></form>
<div class="err" id="err" role="alert"></div>
${back}</div>
<script nonce="${nonce}">
${scriptText(setup)}
</script>
<script nonce="${nonce}" src="${esc(src)}"></script>
<script nonce="${nonce}">${scriptText(run)}</script>`,
      ),
    );
  },
);
