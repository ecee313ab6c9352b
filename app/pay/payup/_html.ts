// Plain HTML for the KCP window pages: KCP's script must be loaded after m_Completepayment is defined
// and the forms must post in EUC-KR, so these pages are written out directly instead of through React.
import type { KcpForm } from "@/lib/providers/payup";

export function esc(v: unknown): string {
  return String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
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
@keyframes s{to{transform:rotate(360deg)}}.err{background:#FEF2F2;color:#B91C1C;border-radius:12px;padding:12px;font-size:14px;margin-top:14px;display:none}`;

export function page(title: string, body: string, head = ""): string {
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · 카카오 체크아웃</title><style>${css}</style>${head}</head><body><main>${body}</main></body></html>`;
}

export function formHtml(form: KcpForm, opts: { id?: string } = {}): string {
  const fields = form.fields.map((f) => `<input type="hidden" name="${esc(f.name)}" value="${esc(f.value)}">`).join("\n");
  return `<form name="${esc(form.name)}" id="${esc(opts.id ?? form.name)}" method="post" accept-charset="euc-kr"${form.action ? ` action="${esc(form.action)}"` : ""}>
${fields}`;
}

export function htmlResponse(html: string, status = 200): Response {
  return new Response(html, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Referrer-Policy": "same-origin" },
  });
}

export function messagePage(title: string, message: string, link?: { href: string; label: string }, status = 400): Response {
  return htmlResponse(
    page(
      title,
      `<div class="card"><div class="logo">!</div><h1>${esc(title)}</h1><p>${esc(message)}</p>${link ? `<a class="btn kakao" href="${esc(link.href)}">${esc(link.label)}</a>` : ""}</div>`,
    ),
    status,
  );
}
