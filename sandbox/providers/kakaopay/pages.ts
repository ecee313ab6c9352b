// KakaoPay-like customer screens: the payment page behind next_redirect_*_url, and its error page.
import { createHash } from "node:crypto";
import { html, page, raw, type Raw } from "../../html.ts";
import type { Payment } from "./index.ts";
import { CARD_COMPANIES, kstDateTime, won } from "./wire.ts";

export type PayPageError = string;

const css = `
body{background:#f2f2f2}
.kp-top{background:#fee500}
.kp-top-in{max-width:480px;margin:0 auto;padding:14px 16px;display:flex;align-items:center;gap:10px}
.kp-logo{background:#191919;color:#fee500;font-weight:900;border-radius:999px;padding:3px 11px 4px;font-size:15px;letter-spacing:-.3px;line-height:1.2}
.kp-top-in.wide{max-width:880px}
.kp-title{font-weight:700;font-size:17px}
.kp-sbx{margin-left:auto;font-size:11px;font-weight:700;border:1.5px solid #191919;border-radius:6px;padding:2px 6px}
main.kp{max-width:480px;padding:8px 16px 32px}
main.kp.pc{max-width:880px}
.kp-grid{display:grid;gap:0 20px}
@media (min-width:860px){.pc .kp-grid{grid-template-columns:1fr 1fr;align-items:start}}
.kp h2{font-size:15px;margin:0 0 12px;color:#191919}
.kp-merchant{font-size:13px;color:#888}
.kp-meta{font-size:13px;color:#888;line-height:1.5;overflow-wrap:anywhere}
.kp select{background:#fff;color:#191919}
.kp-item{font-size:19px;font-weight:700;margin:4px 0 4px;overflow-wrap:anywhere;line-height:1.35}
.kp-total{display:flex;justify-content:space-between;align-items:baseline;margin-top:16px;padding-top:14px;border-top:1px solid #eee}
.kp-total .amount{font-size:26px}
.kp-rows{margin-top:8px}
.kp-rows div{display:flex;justify-content:space-between;font-size:13px;color:#777;padding:2px 0}
.kp-methods{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin-bottom:4px}
.kp-method{position:relative;display:block;margin:0}
.kp-method input{position:absolute;opacity:0;pointer-events:none}
.kp-method span{display:block;border:1.5px solid #e2e2e2;border-radius:12px;padding:12px 8px;text-align:center;font-weight:700;font-size:15px;color:#333;cursor:pointer;background:#fff}
.kp-method small{display:block;font-weight:400;color:#999;font-size:12px;margin-top:2px}
.kp-method input:checked+span{border-color:#191919;background:#fffbe0}
.kp-method input:disabled+span{opacity:.4;cursor:not-allowed}
.kp-method input:focus-visible+span{outline:2px solid #191919;outline-offset:2px}
.kp-sub{margin-top:14px}
form:has(#m-MONEY:checked) .only-card{display:none}
form:has(#m-CARD:checked) .only-money{display:none}
form:not(:has(input[name=method]:checked)) .only-card,form:not(:has(input[name=method]:checked)) .only-money{display:none}
.kp-money{display:flex;justify-content:space-between;background:#fafafa;border-radius:10px;padding:12px;font-size:14px}
.kp-actions .row{display:grid;grid-template-columns:1fr 1fr;gap:8px}
.kp-actions .row button{font-size:14px;padding:12px 6px}
.kp-actions .pay{font-size:17px;padding:16px}
.kp-err{background:#fff0f0;color:#c00;border-radius:10px;padding:10px 12px;font-size:14px;margin:12px 0 0}
.kp-err p{margin:2px 0}
.kp-tms{text-align:center}
.kp-bubble{display:inline-block;background:#fee500;border-radius:16px 16px 16px 4px;padding:10px 14px;font-weight:700;font-size:15px;margin:4px 0 8px}
.kp-qr{width:150px;height:150px;margin:10px auto 6px;display:block;background:#fff;padding:8px;border:1px solid #eee;border-radius:12px}
.kp-timer{font-variant-numeric:tabular-nums;font-weight:700;color:#191919}
.kp-foot{text-align:center;margin-top:14px}
.kp-note{font-size:12px;color:#999;line-height:1.5}
.kp-errbox{text-align:center;padding:32px 20px}
.kp-errbox .icon{width:56px;height:56px;border-radius:50%;background:#fee500;color:#191919;font-size:30px;font-weight:900;line-height:56px;margin:0 auto 14px}
.kp-errbox h1{font-size:19px;margin:0 0 8px}
.kp-errbox p{color:#666;font-size:14px;line-height:1.6;margin:0}
`;

function top(wide = false): Raw {
  return html`<header class="kp-top"><div class="kp-top-in${wide ? " wide" : ""}"><span class="kp-logo">pay</span><span class="kp-title">카카오페이 결제</span><span class="kp-sbx">SANDBOX</span></div></header>`;
}

/** A decorative QR-like pattern derived from the tid (not a real QR code). */
function fakeQr(seed: string): Raw {
  const n = 25;
  let bits = "";
  for (let i = 0; bits.length < n * n; i++) {
    bits += [...createHash("sha256").update(`${seed}:${i}`).digest()]
      .map((b) => b.toString(2).padStart(8, "0"))
      .join("");
  }
  const finder = (x: number, y: number) => {
    for (const [fx, fy] of [
      [0, 0],
      [n - 7, 0],
      [0, n - 7],
    ] as const) {
      const dx = x - fx;
      const dy = y - fy;
      if (dx >= -1 && dx <= 7 && dy >= -1 && dy <= 7) {
        if (dx < 0 || dy < 0 || dx > 6 || dy > 6) return 0;
        const ring = Math.max(Math.abs(dx - 3), Math.abs(dy - 3));
        return ring === 2 ? 0 : 1;
      }
    }
    return -1;
  };
  let rects = "";
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      const f = finder(x, y);
      if (f === 1 || (f === -1 && bits[y * n + x] === "1")) rects += `<rect x="${x}" y="${y}" width="1" height="1"/>`;
    }
  return raw(
    `<svg class="kp-qr" viewBox="0 0 ${n} ${n}" shape-rendering="crispEdges" aria-hidden="true"><g fill="#191919">${rects}</g></svg>`,
  );
}

function countdown(seconds: number): Raw {
  const s = Math.max(0, Math.floor(seconds));
  const label = `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  return raw(
    `<span class="kp-timer" id="kp-timer" data-left="${s}">${label}</span><script>(()=>{const e=document.getElementById("kp-timer");let s=+e.dataset.left;setInterval(()=>{s=Math.max(0,s-1);e.textContent=String(Math.floor(s/60)).padStart(2,"0")+":"+String(s%60).padStart(2,"0")},1000)})()</script>`,
  );
}

export function payPage(
  p: Payment,
  opts: { device: string; now: Date; errors?: PayPageError[]; form?: Record<string, unknown> },
): string {
  const f = opts.form ?? {};
  const left = (p.expiresAt.getTime() - opts.now.getTime()) / 1000;
  const methods = [
    { code: "CARD", label: "카드", sub: "신용·체크카드" },
    { code: "MONEY", label: "카카오페이머니", sub: "잔액 결제" },
  ];
  const chosen = p.allowed_method ?? (typeof f.method === "string" ? f.method : "CARD");
  const cards = CARD_COMPANIES.filter((c) => !p.available_cards || p.available_cards.includes(c.code));
  const chosenCard = typeof f.card === "string" ? f.card : cards[0]?.code;
  const chosenInstall = typeof f.install === "string" ? f.install : "0";
  const deviceLabel = opts.device === "pc" ? "PC" : opts.device === "app" ? "앱" : "모바일";

  const tms = html`<section class="card kp-tms">
    <div class="kp-bubble">카카오톡으로 결제 요청 메시지를 보냈습니다</div>
    <p class="muted">휴대폰의 카카오톡에서 메시지를 확인하고 결제를 진행해 주세요.<br>또는 카카오톡 앱으로 QR 코드를 스캔하세요.</p>
    ${fakeQr(p.tid)}
    <p class="muted">남은 시간 ${countdown(left)}</p>
    <p class="kp-note">샌드박스에서는 메시지가 실제로 발송되지 않습니다.<br>이 화면에서 바로 결제를 진행할 수도 있습니다.</p>
  </section>`;

  const summary = html`<section class="card kp-sum">
    <div class="kp-merchant">가맹점 ${p.cid}</div>
    <div class="kp-item">${p.item_name}</div>
    <div class="kp-meta">수량 ${p.quantity.toLocaleString("ko-KR")}개${p.item_code ? html` · 상품코드 ${p.item_code}` : ""}<br>주문번호 ${p.partner_order_id}</div>
    <div class="kp-total"><span>결제금액</span><span class="amount">${won(p.amount.total)}</span></div>
    <div class="kp-rows">
      <div><span>부가세</span><span>${won(p.amount.vat)}</span></div>
      ${p.amount.tax_free ? html`<div><span>비과세</span><span>${won(p.amount.tax_free)}</span></div>` : ""}
      ${p.amount.green_deposit ? html`<div><span>컵 보증금</span><span>${won(p.amount.green_deposit)}</span></div>` : ""}
    </div>
  </section>`;

  const installOptions = [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const form = html`<form method="post" action="/kakaopay/pay/${p.tid}/approve">
    <input type="hidden" name="device" value="${opts.device}">
    <section class="card">
      <h2>결제수단</h2>
      <div class="kp-methods">
        ${methods.map(
          (m) => html`<label class="kp-method"><input type="radio" name="method" id="m-${m.code}" value="${m.code}"
            ${raw(chosen === m.code ? "checked" : "")} ${raw(p.allowed_method && p.allowed_method !== m.code ? "disabled" : "")}><span>${m.label}<small>${m.sub}</small></span></label>`,
        )}
      </div>
      <div class="only-card kp-sub">
        <label for="kp-card">카드사</label>
        <select id="kp-card" name="card">
          ${cards.map((c) => html`<option value="${c.code}" ${raw(c.code === chosenCard ? "selected" : "")}>${c.name}</option>`)}
        </select>
        <label for="kp-install">할부</label>
        ${
          p.install_month != null
            ? html`<select id="kp-install" disabled><option>${p.install_month === 0 ? "일시불" : `${p.install_month}개월`} (가맹점 지정)</option></select>`
            : html`<select id="kp-install" name="install">
                ${installOptions.map((m) => html`<option value="${m}" ${raw(String(m) === chosenInstall ? "selected" : "")}>${m === 0 ? "일시불" : `${m}개월`}</option>`)}
              </select>`
        }
      </div>
      <div class="only-money kp-sub"><div class="kp-money"><span>카카오페이머니 잔액</span><b>${won(1_000_000)}</b></div></div>
      ${
        opts.errors?.length
          ? html`<div class="kp-err" role="alert">${opts.errors.map((e) => html`<p>${e}</p>`)}</div>`
          : ""
      }
    </section>
    <div class="kp-actions">
      <button type="submit" class="primary pay">${won(p.amount.total)} 결제하기</button>
      <div class="row">
        <button type="submit" class="secondary" formaction="/kakaopay/pay/${p.tid}/cancel" formnovalidate>결제 취소</button>
        <button type="submit" class="danger" formaction="/kakaopay/pay/${p.tid}/fail" formnovalidate>결제 실패 시뮬레이션</button>
      </div>
    </div>
  </form>`;

  const foot = html`<div class="kp-foot kp-note">${deviceLabel} 결제 화면 · TID ${p.tid}<br>결제 유효시간 ${kstDateTime(p.expiresAt).replace("T", " ")} (KST)까지${
    opts.device === "pc" ? "" : html`<br>남은 시간 ${countdown(left)}`
  }</div>`;

  const body =
    opts.device === "pc"
      ? html`${top(true)}<main class="kp pc"><div class="kp-grid"><div>${tms}</div><div>${summary}${form}</div></div>${foot}</main>`
      : html`${top()}<main class="kp">${summary}${form}${foot}</main>`;
  return page("카카오페이 결제", body, { css });
}

export function errorPage(title: string, message: string, info?: { tid: string; status: string }): string {
  return page(
    "카카오페이 결제",
    html`${top()}<main class="kp"><section class="card kp-errbox">
      <div class="icon">!</div>
      <h1>${title}</h1>
      <p>${message}</p>
      ${info ? html`<p class="kp-note" style="margin-top:14px">TID ${info.tid}<br>상태 ${info.status}</p>` : ""}
    </section></main>`,
    { css },
  );
}
