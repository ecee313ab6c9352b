// The customer's KakaoPay bill pages (what the returned link opens), phone-first, KakaoPay-like.
import { html, page, raw, type Raw } from "../../html.ts";
import { BANK_NAMES, CARD_COMPANIES, dotted, won, type Bill, type Detail } from "./wire.ts";

const css = `
:root{--kp:#FEE500;--ink:#191919;--sub:#767676;--line:#f0f0f0}
body{background:#ececec;word-break:keep-all}
.shell{display:flex;justify-content:center;align-items:flex-start;gap:40px;min-height:100vh}
.side{display:none}
.phone{width:100%;max-width:440px;min-height:100vh;background:#f7f7f7;position:relative;padding-bottom:96px}
.top{background:var(--kp);padding:14px 18px 16px;display:flex;align-items:center;gap:10px;position:sticky;top:0;z-index:5}
.logo{display:inline-flex;align-items:center;gap:6px;font-weight:800;font-size:16px;letter-spacing:-.2px}
.logo .pay{background:var(--ink);color:var(--kp);border-radius:999px;padding:2px 9px;font-size:13px;font-weight:900}
.top .sub{margin-left:auto;font-size:12px;color:#4a4200;font-weight:600}
.wrap{padding:14px}
.hero{background:#fff;border-radius:18px;padding:22px 20px;margin-bottom:10px}
.hero .biller{font-size:13px;color:var(--sub);margin-bottom:6px}
.hero h1{font-size:19px;margin:0 0 14px;line-height:1.35;word-break:keep-all}
.hero .amt{font-size:30px;font-weight:800;letter-spacing:-.5px}
.hero .amt small{font-size:18px;font-weight:700;margin-left:2px}
.meta{margin-top:14px;border-top:1px solid var(--line);padding-top:12px}
.row{display:flex;justify-content:space-between;gap:12px;padding:5px 0;font-size:14px}
.row .k{color:var(--sub);flex-shrink:0}.row .v{text-align:right;font-weight:600;white-space:pre-line;word-break:break-all}
.row.l2 .k{padding-left:14px;font-size:13px}.row.l2 .v{font-weight:500;font-size:13px;color:#444}
.sec{background:#fff;border-radius:18px;padding:18px 18px 14px;margin-bottom:10px}
.sec h2{font-size:15px;margin:0 0 10px;display:flex;align-items:center;gap:7px}
.sec h2:before{content:"";width:7px;height:7px;border-radius:50%;background:var(--ink);display:inline-block}
.sec .desc{margin-top:8px;font-size:12px;color:var(--sub);line-height:1.5;white-space:pre-line}
.text p{margin:3px 0;font-size:14px;line-height:1.5}
.tbl{overflow-x:auto;-webkit-overflow-scrolling:touch}
.tbl table{min-width:100%;border-collapse:collapse;font-size:13px}
.tbl th{background:#fafafa;color:var(--sub);font-weight:600;white-space:nowrap;padding:8px 6px;border-bottom:1px solid #e5e5e5;text-align:center}
.tbl td{padding:8px 6px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
.tbl td:first-child{text-align:left;font-weight:600}
.graph{display:flex;align-items:flex-end;gap:6px;height:150px;padding:22px 2px 0;border-bottom:1px solid #ddd}
.bar{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:flex-end;height:100%;min-width:0}
.bar i{display:block;width:70%;max-width:30px;background:#d9d9d9;border-radius:6px 6px 0 0;min-height:2px}
.bar:last-child i{background:var(--kp);box-shadow:inset 0 0 0 1px #e0cc00}
.bar b{font-size:10px;color:#555;font-weight:600;margin-bottom:4px;white-space:nowrap}
.xs{display:flex;gap:6px;padding:6px 2px 0}.xs span{flex:1;text-align:center;font-size:11px;color:var(--sub);min-width:0;overflow:hidden;text-overflow:ellipsis}
.unit{font-size:11px;color:var(--sub);text-align:right;margin-top:-4px}
.acct{border:1px solid var(--line);border-radius:12px;padding:12px;margin-top:8px;font-size:14px}
.acct .no{font-weight:700;font-size:15px;margin:4px 0}
.tag{display:inline-block;border-radius:6px;padding:1px 7px;font-size:11px;font-weight:700;background:#f3f3f3;color:#555}
.tag.y{background:var(--kp);color:var(--ink)}
.cta{position:fixed;bottom:0;left:50%;transform:translateX(-50%);width:100%;max-width:440px;padding:12px 14px 18px;background:linear-gradient(rgba(247,247,247,0),#f7f7f7 30%)}
.cta button,.cta .btn,.kbtn{background:var(--kp);color:var(--ink);border:0;border-radius:14px;padding:16px;font-size:17px;font-weight:800;width:100%;display:block;text-align:center;text-decoration:none;cursor:pointer;margin:0}
.kbtn.ghost{background:#fff;border:1px solid #ddd;font-weight:700;margin-top:8px}
.field{margin:16px 0 4px}.field label{font-size:13px;color:var(--sub);font-weight:600}
.field input,.field select{font-size:18px;padding:14px;border-radius:12px;border:1.5px solid #ddd;background:#fff;margin-top:6px}
.field input:focus,.field select:focus{outline:none;border-color:var(--ink)}
.err{color:#e0321e;font-size:13px;margin-top:4px}
.note{font-size:12px;color:var(--sub);line-height:1.6;margin-top:14px}
.cardpick{display:none}.methods:has(input[value=CARD]:checked) .cardpick{display:block}
.methods label.m{display:flex;align-items:center;gap:12px;border:1.5px solid #e5e5e5;border-radius:14px;padding:14px;margin:8px 0;background:#fff;cursor:pointer;font-size:15px;font-weight:700}
.methods label.m small{display:block;font-weight:500;color:var(--sub);font-size:12px;margin-top:2px}
.methods input{width:20px;height:20px;margin:0;accent-color:#191919}
.methods label.m:has(input:checked){border-color:var(--ink);background:#fffde6}
.ico{width:34px;height:34px;border-radius:10px;display:flex;align-items:center;justify-content:center;font-size:12px;font-weight:900;flex-shrink:0}
.ico.m{background:var(--kp)}.ico.c{background:#191919;color:#fff}.ico.t{background:#e8f0ff;color:#2e5bd8}
details.test{margin-top:14px;background:#fff;border-radius:14px;padding:10px 14px;font-size:13px}
details.test summary{cursor:pointer;color:var(--sub);font-weight:600}
details.test .field input,details.test .field select{font-size:14px;padding:10px}
.center{text-align:center;padding:36px 20px 20px}
.badge-ok,.badge-no{width:64px;height:64px;border-radius:50%;display:flex;align-items:center;justify-content:center;margin:0 auto 16px;font-size:30px;font-weight:900}
.badge-ok{background:var(--kp)}.badge-no{background:#ffe7e3;color:#e0321e}
.center h1{font-size:21px;margin:0 0 8px}.center p{color:#555;font-size:14px;line-height:1.6;margin:0}
.code{display:inline-block;margin-top:10px;font-family:ui-monospace,Menlo,monospace;font-size:12px;background:#f0f0f0;border-radius:6px;padding:3px 8px;color:#555}
.warn{background:#fff8d6;border-radius:12px;padding:10px 12px;font-size:12px;color:#6a5a00;margin-bottom:10px}
@media (min-width:900px){
  .shell{padding:32px 24px}
  .phone{min-height:760px;border-radius:28px;overflow:hidden;box-shadow:0 20px 60px rgba(0,0,0,.12);padding-bottom:0}
  .cta{position:sticky;bottom:0;left:auto;transform:none}
  .side{display:block;width:340px;padding-top:40px;color:#333}
  .side h2{font-size:24px;margin:0 0 10px;letter-spacing:-.4px}
  .side p{font-size:14px;line-height:1.7;color:#666;margin:0 0 14px}
  .side .step{display:flex;gap:10px;align-items:center;font-size:14px;margin:10px 0;color:#444}
  .side .step b{width:24px;height:24px;border-radius:50%;background:#fff;display:flex;align-items:center;justify-content:center;font-size:12px;box-shadow:0 1px 3px rgba(0,0,0,.1)}
  .side .step.on b{background:var(--kp)}
}
`;

const STEPS = ["본인 확인", "청구서 조회", "납부 수단 선택", "납부 완료"];

export function shell(title: string, step: number, body: Raw, opts: { sub?: string } = {}): string {
  return page(
    title,
    html`<div class="shell">
      <aside class="side">
        <div class="logo" style="margin-bottom:18px"><span class="pay">pay</span> 카카오페이 청구서</div>
        <h2>간편하게 조회하고<br>바로 납부하세요</h2>
        <p>청구서 링크로 들어온 고객이 생년월일로 본인 확인 후 청구 내역을 조회하고 카카오페이머니 또는 카드로 납부합니다.</p>
        ${STEPS.map((s, i) => html`<div class="step ${i === step ? "on" : ""}"><b>${i + 1}</b>${s}</div>`)}
        <p class="note">Dozn 에이전시 sandbox · 실제 결제는 일어나지 않습니다.</p>
      </aside>
      <div class="phone">
        <header class="top"><span class="logo"><span class="pay">pay</span> 청구서</span><span class="sub">${opts.sub ?? "카카오페이"}</span></header>
        ${body}
      </div>
    </div>`,
    { css },
  );
}

export function birthPage(action: string, opts: { error?: string; value?: string; info?: string } = {}): string {
  return shell(
    "청구서 조회 - 본인 확인",
    0,
    html`<form class="wrap" method="post" action="${action}">
      <div class="hero">
        <div class="biller">본인 확인</div>
        <h1>청구서를 확인하려면<br>생년월일을 입력해 주세요</h1>
        <div class="field">
          <label for="birth">생년월일 8자리</label>
          <input id="birth" name="birth" inputmode="numeric" autocomplete="bday" maxlength="8" placeholder="예) 19900301" value="${opts.value ?? ""}" required autofocus>
          ${opts.error ? html`<div class="err" role="alert">${opts.error}</div>` : ""}
        </div>
        <p class="note">입력하신 생년월일은 청구기관에 본인 확인 용도로만 전달됩니다.${opts.info ? html`<br>${opts.info}` : ""}</p>
      </div>
      <div class="cta"><button type="submit">확인</button></div>
    </form>`,
  );
}

function renderDetail(d: Detail): Raw {
  const desc = "description" in d && d.description ? html`<div class="desc">${d.description}</div>` : "";
  switch (d.kind) {
    case "KEY_VALUE":
      return html`<section class="sec kv"><h2>${d.title}</h2>
        ${d.rows.map((r) => html`<div class="row ${r.level >= 2 ? "l2" : ""}"><span class="k">${r.key}</span><span class="v">${r.value.replace(/\\n/g, "\n")}</span></div>`)}
        ${desc}</section>`;
    case "TEXT":
      return html`<section class="sec text"><h2>${d.title}</h2>${d.lines.map((l) => html`<p>${l}</p>`)}${desc}</section>`;
    case "TABLE":
      return html`<section class="sec"><h2>${d.title}</h2><div class="tbl"><table>
        <thead><tr>${d.head.map((h) => html`<th>${h}</th>`)}</tr></thead>
        <tbody>${d.rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody>
      </table></div>${desc}</section>`;
    case "GRAPH": {
      const max = Math.max(1, ...d.points.map((p) => Math.max(0, p.y)));
      return html`<section class="sec"><h2>${d.title}</h2>
        ${d.unit ? html`<div class="unit">(${d.unit})</div>` : ""}
        <div class="graph" role="img" aria-label="${d.title}">
          ${d.points.map((p) => html`<div class="bar"><b>${p.y.toLocaleString("ko-KR")}</b><i style="height:${raw(String(Math.round((Math.max(0, p.y) / max) * 100)))}%"></i></div>`)}
        </div>
        <div class="xs">${d.points.map((p) => html`<span>${p.x}</span>`)}</div>
        ${desc}</section>`;
    }
    default:
      return html`<section class="sec"><h2>${d.title || "상세 정보"}</h2><p class="note">표시할 수 없는 항목 유형입니다.</p></section>`;
  }
}

export function billPage(bill: Bill, payHref: string, opts: { paid?: boolean; billerLabel?: string } = {}): string {
  const exp =
    bill.expireType === "D0"
      ? html`<div class="row"><span class="k">납부기한</span><span class="v">납기 무관</span></div>`
      : html`${bill.payExpireDate ? html`<div class="row"><span class="k">${bill.expireType === "D2" ? "1차 납기일" : "납기일"}</span><span class="v">${dotted(bill.payExpireDate)}</span></div>` : ""}
        ${bill.secondPayExpireDate ? html`<div class="row"><span class="k">2차 납기일</span><span class="v">${dotted(bill.secondPayExpireDate)}</span></div>` : ""}`;
  return shell(
    `${bill.title} - 카카오페이 청구서`,
    1,
    html`<div class="wrap">
      ${bill.warnings.length ? html`<div class="warn">⚠ 청구기관 응답이 가이드와 다릅니다 (sandbox 안내):<br>${bill.warnings.map((w) => html`· ${w}<br>`)}</div>` : ""}
      <div class="hero">
        <div class="biller">${opts.billerLabel ?? "청구서"}${bill.billedYearMonth ? html` · ${bill.billedYearMonth.slice(0, 4)}년 ${String(Number(bill.billedYearMonth.slice(4)))}월분` : ""}</div>
        <h1>${bill.title}</h1>
        <div class="amt">${bill.amount.toLocaleString("ko-KR")}<small>원</small></div>
        <div class="meta">
          ${exp}
          ${bill.billerUserKey ? html`<div class="row"><span class="k">고객번호</span><span class="v">${bill.billerUserKey}</span></div>` : ""}
          ${bill.taxFree ? html`<div class="row"><span class="k">비과세 금액</span><span class="v">${won(bill.taxFree)}</span></div>` : ""}
          ${bill.vat ? html`<div class="row"><span class="k">부가세</span><span class="v">${won(bill.vat)}</span></div>` : ""}
        </div>
      </div>
      ${bill.details.map(renderDetail)}
      ${
        bill.bankAccounts.length
          ? html`<section class="sec"><h2>송금 계좌</h2>${bill.bankAccounts.map(
              (
                a,
              ) => html`<div class="acct"><span class="tag ${a.type === "VIRTUAL" ? "y" : ""}">${a.type === "VIRTUAL" ? "가상계좌" : "일반계좌"}</span>
              <div class="no">${BANK_NAMES[a.bankCode] ?? `은행 ${a.bankCode}`} ${a.accountNo}</div>
              ${a.holder ? html`<div class="muted">예금주 ${a.holder}</div>` : ""}${a.sender ? html`<div class="muted">입금자명 ${a.sender}</div>` : ""}</div>`,
            )}</section>`
          : ""
      }
      <p class="note" style="padding:0 6px">납부하기 버튼은 납기일과 무관하게 표시되며, 납부 가능 여부는 납부 시 청구기관에서 확인합니다.</p>
    </div>
    <div class="cta">${opts.paid ? html`<a class="btn" style="background:#eee;color:#777" href="#">납부 완료된 청구서입니다</a>` : html`<a class="btn" href="${payHref}">${bill.amount.toLocaleString("ko-KR")}원 납부하기</a>`}</div>`,
  );
}

export function payPage(bill: Bill, action: string, opts: { hasTransfer: boolean; backHref: string }): string {
  return shell(
    "납부 수단 선택 - 카카오페이 청구서",
    2,
    html`<form class="wrap" method="post" action="${action}">
      <div class="hero">
        <div class="biller">${bill.title}</div>
        <div class="amt">${bill.amount.toLocaleString("ko-KR")}<small>원</small></div>
      </div>
      <div class="sec methods"><h2>납부 수단</h2>
        <label class="m"><input type="radio" name="pay_by" value="MONEY" checked><span class="ico m">pay</span><span>카카오페이머니<small>잔액 1,000,000원 · 연결계좌 자동충전</small></span></label>
        <label class="m"><input type="radio" name="pay_by" value="CARD"><span class="ico c">CARD</span><span>카드<small>카카오페이에 등록된 카드로 결제</small></span></label>
        ${opts.hasTransfer ? html`<label class="m"><input type="radio" name="pay_by" value="MONEY_TRANSFER"><span class="ico t">송금</span><span>계좌 송금<small>청구기관 계좌로 카카오페이 송금</small></span></label>` : ""}
        <div class="field cardpick"><label for="card">카드사</label>
          <select id="card" name="card_company">${CARD_COMPANIES.map(([code, name]) => html`<option value="${code}" ${code === "SHINHAN" ? raw("selected") : ""}>${name} (${code})</option>`)}</select>
        </div>
      </div>
      <details class="test"><summary>테스트 옵션 (sandbox)</summary>
        <div class="field"><label>결제 금액 변경 (빈칸 = 청구 금액)</label><input name="amount" inputmode="numeric" placeholder="${String(bill.amount)}"></div>
        <div class="field"><label>수수료 부과 구분 (pay_fee_type)</label><select name="pay_fee_type"><option>BEFORE</option><option>AFTER</option><option>NONE</option></select></div>
        <div class="field"><label>카드 BIN (pay_detail1, 빈칸 = 카드사 기본값)</label><input name="card_bin" inputmode="numeric" maxlength="6"></div>
      </details>
      <div class="cta"><button type="submit">${bill.amount.toLocaleString("ko-KR")}원 결제하기</button><a class="kbtn ghost" href="${opts.backHref}">청구서로 돌아가기</a></div>
    </form>`,
  );
}

export function resultPage(r: {
  ok: boolean;
  title: string;
  rows: [string, string][];
  billerCode?: string;
  billerMessage?: string;
  note?: string;
  backHref?: string;
}): string {
  return shell(
    r.ok ? "납부 완료 - 카카오페이 청구서" : "납부 처리 결과 - 카카오페이 청구서",
    3,
    html`<div class="wrap">
      <div class="hero center">
        <div class="${r.ok ? "badge-ok" : "badge-no"}">${r.ok ? "✓" : "!"}</div>
        <h1>${r.title}</h1>
        ${r.note ? html`<p>${r.note}</p>` : ""}
        ${r.billerCode ? html`<span class="code">청구기관 응답 ${r.billerCode}${r.billerMessage ? ` · ${r.billerMessage}` : ""}</span>` : ""}
      </div>
      <section class="sec">${r.rows.map(([k, v]) => html`<div class="row"><span class="k">${k}</span><span class="v">${v}</span></div>`)}</section>
    </div>
    ${r.backHref ? html`<div class="cta"><a class="btn" href="${r.backHref}">확인</a></div>` : ""}`,
  );
}

export function errorPage(e: {
  step: number;
  title: string;
  message: string;
  code?: string;
  detail?: string;
  actions?: { href: string; label: string; ghost?: boolean }[];
}): string {
  return shell(
    `${e.title} - 카카오페이 청구서`,
    e.step,
    html`<div class="wrap"><div class="hero center">
        <div class="badge-no">!</div>
        <h1>${e.title}</h1>
        <p>${e.message}</p>
        ${e.code ? html`<span class="code">${e.code}${e.detail ? ` · ${e.detail}` : ""}</span>` : ""}
      </div></div>
      ${e.actions?.length ? html`<div class="cta">${e.actions.map((a) => html`<a class="${a.ghost ? "kbtn ghost" : "btn"}" href="${a.href}">${a.label}</a>`)}</div>` : ""}`,
  );
}
