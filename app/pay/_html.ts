// Plain HTML for the payment window pages and the return's message pages: a provider's script may have
// to load after the page defined its callbacks, and the forms may post in EUC-KR (KCP), so these pages
// are written out directly instead of through React.
import type { PaymentForm } from "@/lib/payments/port";

export function esc(v: unknown): string {
  return String(v ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

const css = `*{box-sizing:border-box}body{margin:0;font-family:"Pretendard Variable",Pretendard,"Apple SD Gothic Neo","Noto Sans KR",system-ui,sans-serif;background:#F9FAFB;color:#191F28;word-break:keep-all}
main{max-width:440px;margin:0 auto;padding:40px 20px;text-align:center}
.card{background:#fff;border:1px solid #E5E8EB;border-radius:20px;padding:28px 20px}
.logo{width:48px;height:48px;border-radius:14px;background:#FEE500;display:grid;place-items:center;margin:0 auto 14px;font-weight:800}
h1{font-size:20px;margin:0 0 8px}p{color:#4E5968;font-size:15px;line-height:1.55;margin:6px 0}
.amount{font-size:26px;font-weight:800;margin:14px 0 4px;font-variant-numeric:tabular-nums}
button,.btn{display:block;width:100%;border:0;border-radius:12px;padding:15px;font-size:16px;font-weight:700;cursor:pointer;margin-top:16px;text-decoration:none}
.kakao{background:#FEE500;color:#191919}.ghost{background:#fff;border:1px solid #E5E8EB;color:#191F28}
.spinner{width:34px;height:34px;border:4px solid #FEE500;border-top-color:transparent;border-radius:50%;margin:8px auto 0;animation:s 1s linear infinite}
@keyframes s{to{transform:rotate(360deg)}}.err{background:#FEF2F2;color:#B91C1C;border-radius:12px;padding:12px;font-size:14px;margin-top:14px;display:none}
.err small{display:block;margin-top:4px;color:#646F7C;font-size:12px}
:focus-visible{outline:2px solid #191F28;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;z-index:20;background:#191F28;color:#fff;padding:8px 12px;border-radius:8px}
header.shop{position:sticky;top:0;z-index:10;background:#fff;border-bottom:1px solid #E5E8EB}
header.shop .in{max-width:1024px;margin:0 auto;height:56px;padding:0 16px;display:flex;align-items:center;justify-content:space-between;gap:8px}
header.shop .home{display:flex;align-items:center;gap:8px;font-weight:700;color:#191F28;text-decoration:none;white-space:nowrap}
header.shop .k{width:28px;height:28px;border-radius:8px;background:#FEE500;display:grid;place-items:center;font-size:14px}
header.shop nav{display:flex;font-size:14px;min-width:0}header.shop nav a{padding:8px;border-radius:8px;color:#4E5968;text-decoration:none;white-space:nowrap}
header.shop nav a.cart{color:#191F28;font-weight:500}header.shop nav a:hover{background:#F9FAFB}
header.shop .wide{display:none}@media (min-width:640px){header.shop .wide{display:inline}}
@media (max-width:399px){header.shop .long{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}}`;

/** The shop's header (same links as app/(shop)/layout.tsx), so the KCP window pages are part of the shop. */
const header = `<a class="skip" href="#main">본문으로 건너뛰기</a><header class="shop"><div class="in">
<a class="home" href="/"><span class="k" aria-hidden="true">K</span><span><span class="long">카카오 </span>체크아웃<span class="wide"> 상점</span></span></a>
<nav aria-label="상점 메뉴"><a href="/consents">동의·서명</a><a href="/orders/lookup">주문 조회</a><a class="cart" href="/cart">장바구니</a></nav>
</div></header>`;

export function page(title: string, body: string, head = ""): string {
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · 카카오 체크아웃</title><style>${css}</style>${head}</head><body>${header}<main id="main" tabindex="-1">${body}</main></body></html>`;
}

export function formHtml(form: PaymentForm, opts: { id?: string } = {}): string {
  const fields = form.fields
    .map((f) => `<input type="hidden" name="${esc(f.name)}" value="${esc(f.value)}">`)
    .join("\n");
  return `<form name="${esc(form.name)}" id="${esc(opts.id ?? form.name)}" method="post" accept-charset="${esc(form.acceptCharset)}"${form.action ? ` action="${esc(form.action)}"` : ""}>
${fields}`;
}

/** A provider's script text inside <script>: it must not end the element early. */
export function scriptText(js: string): string {
  return js.replace(/<\/(script)/gi, "<\\/$1");
}

export function htmlResponse(html: string, status = 200): Response {
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Referrer-Policy": "same-origin",
    },
  });
}

export function messagePage(
  title: string,
  message: string,
  link?: { href: string; label: string },
  status = 400,
): Response {
  return htmlResponse(
    page(
      title,
      `<div class="card"><div class="logo">!</div><h1>${esc(title)}</h1><p>${esc(message)}</p>${link ? `<a class="btn kakao" href="${esc(link.href)}">${esc(link.label)}</a>` : ""}</div>`,
    ),
    status,
  );
}
