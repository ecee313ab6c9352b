// Simulated KakaoTalk: the consent messages a phone receives, the sign/decline sheet, and the
// app-to-app screen. Phone-first; on a desktop the phone column is centred.
import { html, page, raw, type Raw } from "../../html.ts";
import { STATE_LABEL, type ConsentRequest } from "./store.ts";

const css = `
body{background:#2b2b2b}
.phone{max-width:430px;margin:0 auto;min-height:100vh;background:#b2c7d9;display:flex;flex-direction:column;position:relative}
.bar{position:sticky;top:0;z-index:2;display:flex;align-items:center;gap:10px;padding:12px 14px;background:rgba(178,199,217,.96);border-bottom:1px solid rgba(0,0,0,.05)}
.bar a{color:#191919;text-decoration:none;font-size:26px;line-height:1;padding:0 6px 2px 0}
.bar .t{font-weight:700;font-size:17px}.bar .s{font-size:12px;color:#4a5a68}
.chat{flex:1;padding:10px 12px 16px}
.day{text-align:center;margin:10px 0 14px}.day span{background:rgba(0,0,0,.18);color:#fff;font-size:12px;border-radius:12px;padding:4px 12px}
.row{display:flex;gap:8px;margin:0 0 14px;align-items:flex-start}
.ava{width:40px;height:40px;border-radius:15px;background:#fee500;display:flex;align-items:center;justify-content:center;font-weight:900;font-size:13px;color:#3c1e1e;flex:none}
.who{font-size:13px;color:#333;margin:0 0 4px}
.msg{display:flex;align-items:flex-end;gap:6px}
.bubble{background:#fff;border-radius:4px 16px 16px 16px;width:262px;overflow:hidden;box-shadow:0 1px 1px rgba(0,0,0,.06)}
.bubble .hd{background:#fee500;padding:12px 14px;font-weight:800;font-size:15px;color:#191919}
.bubble .bd{padding:12px 14px;font-size:14px;line-height:1.5;color:#191919}
.bubble dl{margin:10px 0 0;display:grid;grid-template-columns:auto 1fr;gap:4px 10px;font-size:13px}
.bubble dt{color:#888}.bubble dd{margin:0;word-break:break-all}
.bubble .go{display:block;margin:0 14px 14px;padding:11px;border-radius:8px;background:#f2f2f2;color:#191919;text-align:center;font-weight:700;font-size:14px;text-decoration:none}
.bubble.off{opacity:.72}.bubble.off .hd{background:#e8e8e8;color:#666}
.time{font-size:11px;color:#556;white-space:nowrap}
.pill{display:inline-block;border-radius:10px;padding:2px 8px;font-size:12px;font-weight:700;background:#eee;color:#555}
.pill.s0{background:#fff4b3;color:#6b5900}.pill.s1{background:#e3f5e8;color:#1f7a3a}.pill.s3,.pill.s4{background:#ffeaea;color:#b00020}
.cd{font-variant-numeric:tabular-nums;font-weight:700;color:#d0021b}
.empty{margin:40px 20px;text-align:center;color:#3d4f5e;font-size:14px;line-height:1.6}
.input{position:sticky;bottom:0;background:#fff;display:flex;gap:8px;padding:10px 12px;border-top:1px solid #e5e5e5}
.input div{flex:1;background:#f4f4f4;border-radius:18px;padding:9px 14px;color:#aaa;font-size:14px}
.input b{background:#fee500;border-radius:18px;padding:9px 14px;font-size:14px;color:#bbb}
.sheet{background:#fff;min-height:100vh;max-width:430px;margin:0 auto;display:flex;flex-direction:column}
.sheet .top{padding:16px;display:flex;align-items:center;gap:10px;border-bottom:1px solid #f0f0f0}
.sheet .top a{color:#191919;text-decoration:none;font-size:26px;line-height:1}
.sheet .body{padding:22px 20px;flex:1}
.brand{display:flex;align-items:center;gap:8px;font-weight:800;font-size:14px;color:#3c1e1e}
.brand i{font-style:normal;background:#fee500;border-radius:8px;padding:3px 7px;font-size:12px}
h1.q{font-size:22px;line-height:1.4;margin:16px 0 6px}
.sub{color:#777;font-size:14px;margin:0 0 18px}
.kv{border-top:1px solid #f0f0f0;margin:8px 0 16px}.kv div{display:flex;justify-content:space-between;gap:16px;padding:11px 0;border-bottom:1px solid #f5f5f5;font-size:14px}
.kv span{color:#888;flex:none}.kv b{font-weight:600;text-align:right;word-break:break-all}
.doc{background:#f7f7f7;border-radius:10px;padding:14px;font-size:14px;line-height:1.6;white-space:pre-wrap;word-break:break-all;max-height:220px;overflow:auto}
.agree{font-size:13px;color:#666;line-height:1.6;margin:14px 0}
.acts{padding:12px 20px 24px;display:flex;gap:8px;position:sticky;bottom:0;background:#fff}
.acts form{flex:1;margin:0}.acts form.wide{flex:2.2}
.acts button{margin:0;border-radius:10px;padding:16px;font-size:16px}
.yes{background:#fee500;color:#191919}.no{background:#f2f2f2;color:#444}
.banner{margin:12px 0;padding:12px 14px;border-radius:10px;background:#f4f7fb;font-size:14px;color:#334}
.login{min-height:100vh;max-width:430px;margin:0 auto;background:#fee500;padding:80px 28px 28px;display:flex;flex-direction:column}
.logo{width:92px;height:92px;margin:0 auto 26px;background:#3c1e1e;border-radius:30px;display:flex;align-items:center;justify-content:center;color:#fee500;font-weight:900;font-size:24px;letter-spacing:1px}
.login input{border:0;border-bottom:1px solid rgba(0,0,0,.25);border-radius:0;background:transparent;font-size:17px;padding:12px 2px}
.login button{background:#191919;color:#fff;border-radius:6px}
.login .hint{font-size:13px;color:#5b4b00;margin:22px 0 6px}
.login a.ph{display:block;background:rgba(255,255,255,.55);border-radius:10px;padding:12px 14px;margin:6px 0;color:#191919;text-decoration:none;font-size:15px}
.tag{position:fixed;top:10px;left:14px;color:#aaa;font-size:12px}
@media (max-width:500px){.tag{display:none}}
`;

const countdownScript = raw(`<script>
(function(){var els=[].slice.call(document.querySelectorAll('[data-left]'));
function tick(){els.forEach(function(el){var s=Math.max(0,+el.getAttribute('data-left'));
var m=Math.floor(s/60),r=s%60;el.textContent=s>0?(m+':'+(r<10?'0':'')+r+' 남음'):'만료됨';
if(s<=0){var f=document.querySelectorAll('button.yes');[].forEach.call(f,function(b){b.disabled=true;b.style.opacity=.4});}
el.setAttribute('data-left',s-1);});}
tick();setInterval(tick,1000);})();
</script>`);

function shell(title: string, body: Raw): string {
  return page(title, html`<div class="tag">Kakao sandbox · 시뮬레이션된 카카오톡</div>${body}${countdownScript}`, {
    css,
  });
}

export const fmtPhone = (p: string) => p.replace(/^(\d{3})(\d{3,4})(\d{4})$/, "$1-$2-$3");
function maskAccount(n: string) {
  return n.length <= 4 ? n : `${n.slice(0, 3)}${"*".repeat(Math.max(0, n.length - 7))}${n.slice(-4)}`;
}
function clock(d: Date): string {
  const k = new Date(d.getTime() + 9 * 3_600_000);
  const h = k.getUTCHours();
  return `${h < 12 ? "오전" : "오후"} ${h % 12 === 0 ? 12 : h % 12}:${String(k.getUTCMinutes()).padStart(2, "0")}`;
}
function dayLabel(d: Date): string {
  const k = new Date(d.getTime() + 9 * 3_600_000);
  const w = "일월화수목금토"[k.getUTCDay()];
  return `${k.getUTCFullYear()}년 ${k.getUTCMonth() + 1}월 ${k.getUTCDate()}일 ${w}요일`;
}
const leftSeconds = (r: ConsentRequest, now: Date) =>
  Math.max(0, Math.floor((r.expireAt.getTime() - now.getTime()) / 1000));
const kindLabel = (r: ConsentRequest) => (r.kind === "cms" ? "출금동의 요청" : "전자서명 요청");
const statePill = (r: ConsentRequest) =>
  html`<span class="pill s${r.state}">${r.state === 1 ? "서명 완료" : r.state === 3 ? "거절함" : STATE_LABEL[r.state]}</span>`;

export function phoneEntryPage(phones: { phone: string; pending: number }[]): string {
  return shell(
    "카카오톡",
    html`<div class="login"><div class="logo">TALK</div>
      <form method="get" action="/kakaotalk">
        <label for="phone" style="color:#3c1e1e">휴대폰 번호</label>
        <input id="phone" name="phone" inputmode="numeric" autocomplete="tel" placeholder="01012345678" pattern="[0-9-]{10,13}" required>
        <button type="submit">카카오톡 열기</button>
      </form>
      ${
        phones.length
          ? html`<p class="hint">인증 요청을 받은 번호</p>${phones.map(
              (p) =>
                html`<a class="ph" href="/kakaotalk?phone=${p.phone}">${fmtPhone(p.phone)} <span class="muted">· 대기 ${p.pending}건</span></a>`,
            )}`
          : html`<p class="hint">아직 인증 요청을 받은 번호가 없습니다.</p>`
      }
    </div>`,
  );
}

export function chatPage(phone: string, reqs: ConsentRequest[], now: Date): string {
  const items: Raw[] = [];
  let lastDay = "";
  for (const r of reqs) {
    const day = dayLabel(r.requestedAt);
    if (day !== lastDay) {
      items.push(html`<div class="day"><span>${day}</span></div>`);
      lastDay = day;
    }
    const pending = r.state === 0;
    items.push(html`<div class="row" id="r${r.receiptID}"><div class="ava">인증</div><div>
      <div class="who">카카오 인증서</div>
      <div class="msg"><div class="bubble${pending ? "" : " off"}">
        <div class="hd">${kindLabel(r)}</div>
        <div class="bd">${r.sender}에서 ${r.kind === "cms" ? "자동이체 출금동의" : "전자서명"}를 요청했습니다.
          <dl><dt>요청구분</dt><dd>${r.title}</dd><dt>요청기관</dt><dd>${r.sender}</dd>
          <dt>상태</dt><dd>${pending ? html`<span class="cd" data-left="${leftSeconds(r, now)}"></span>` : statePill(r)}</dd></dl>
          ${r.message ? html`<p style="margin:10px 0 0;color:#555;font-size:13px">${r.message}</p>` : ""}
        </div>
        <a class="go" href="/kakaotalk/r/${r.receiptID}?phone=${phone}">${pending ? "확인하기" : "내용 보기"}</a>
      </div><span class="time">${clock(r.requestedAt)}</span></div>
    </div></div>`);
  }
  return shell(
    "카카오톡 - 카카오 인증서",
    html`<div class="phone">
      <div class="bar"><a href="/kakaotalk" aria-label="뒤로">‹</a><div><div class="t">카카오 인증서</div><div class="s">${fmtPhone(phone)}</div></div></div>
      <div class="chat">${items.length ? items : html`<div class="empty">받은 인증 요청이 없습니다.<br>가맹점에서 요청을 보내면 여기에 표시됩니다.</div>`}</div>
      <div class="input"><div>메시지를 입력할 수 없는 채널입니다</div><b>전송</b></div>
    </div>`,
  );
}

function details(r: ConsentRequest): Raw {
  const rows: [string, string][] = [
    ["요청기관", r.sender],
    ["요청구분", r.title],
    ["받는 사람", `${r.receiverName} (${fmtPhone(r.receiverHP)})`],
  ];
  if (r.cms) {
    rows.push(
      ["청구기관", r.cms.requestCorp],
      ["출금은행", r.cms.bankName],
      ["출금계좌", maskAccount(r.cms.bankAccountNum)],
      ["예금주", r.cms.bankAccountName],
      ["서비스 종류", { CMS: "CMS", FIRM: "펌뱅킹", GIRO: "지로" }[r.cms.bankServiceType] ?? r.cms.bankServiceType],
    );
  }
  if (r.esign?.callCenterNum) rows.push(["고객센터", r.esign.callCenterNum]);
  return html`<div class="kv">${rows.map(([k, v]) => html`<div><span>${k}</span><b>${v}</b></div>`)}</div>`;
}

function sheet(
  r: ConsentRequest,
  now: Date,
  opts: { back: string; action: string; hidden: Record<string, string>; app: boolean },
): string {
  const pending = r.state === 0;
  const hidden = Object.entries(opts.hidden).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`);
  return shell(
    opts.app ? "카카오톡 - 앱투앱 인증" : `카카오톡 - ${kindLabel(r)}`,
    html`<div class="sheet">
      <div class="top"><a href="${opts.back}" aria-label="닫기">‹</a><b>${opts.app ? "카카오톡 앱 인증" : kindLabel(r)}</b></div>
      <div class="body">
        <div class="brand"><i>카카오 인증서</i>${opts.app ? html`<span class="pill">앱투앱</span>` : ""}</div>
        <h1 class="q">${r.sender}의<br>${r.kind === "cms" ? "자동이체 출금동의" : "전자서명"} 요청입니다</h1>
        <p class="sub">${pending ? html`<span class="cd" data-left="${leftSeconds(r, now)}"></span> · 만료 전에 서명해 주세요` : statePill(r)}</p>
        ${details(r)}
        ${r.esign ? html`<div class="doc">${r.esign.token}</div>` : ""}
        ${r.cms ? html`<div class="agree">본인은 위 계좌에서 <b>${r.cms.requestCorp}</b>이(가) 청구하는 금액을 자동이체로 출금하는 것에 동의하며, 카카오 인증서로 전자서명합니다.</div>` : ""}
        ${!pending ? html`<div class="banner">${r.state === 1 ? "서명이 완료된 요청입니다." : r.state === 2 ? "인증 시간이 만료된 요청입니다." : r.state === 3 ? "거절한 요청입니다." : "처리에 실패한 요청입니다."}</div>` : ""}
      </div>
      ${
        pending
          ? html`<div class="acts">
              <form method="post" action="${opts.action}/decline">${hidden}<button class="no" type="submit">거절</button></form>
              <form class="wide" method="post" action="${opts.action}/sign">${hidden}<button class="yes" type="submit">서명하기</button></form>
            </div>`
          : html`<div class="acts"><a class="btn no" style="margin:0" href="${opts.back}">돌아가기</a></div>`
      }
    </div>`,
  );
}

export function requestSheet(r: ConsentRequest, now: Date, phone: string): string {
  return sheet(r, now, {
    back: `/kakaotalk?phone=${encodeURIComponent(phone)}#r${r.receiptID}`,
    action: `/kakaotalk/r/${r.receiptID}`,
    hidden: { phone },
    app: false,
  });
}

export function appSheet(r: ConsentRequest, now: Date, returnUrl: string, platform: string): string {
  return sheet(r, now, {
    back: returnUrl || "/kakaotalk",
    action: `/kakaotalk/app/${r.txId}`,
    hidden: { return: returnUrl, platform },
    app: true,
  });
}

export function appResultPage(r: ConsentRequest, params: Record<string, string>): string {
  return shell(
    "카카오톡 - 인증 결과",
    html`<div class="sheet"><div class="top"><b>카카오톡 앱 인증</b></div><div class="body">
      <h1 class="q">${r.state === 1 ? "서명이 완료되었습니다" : "인증을 취소했습니다"}</h1>
      <p class="sub">복귀 URL이 없어 결과를 여기에 표시합니다. 가맹점 앱에는 아래 값이 전달됩니다.</p>
      <div class="kv">${Object.entries(params).map(([k, v]) => html`<div><span>${k}</span><b>${v}</b></div>`)}</div>
    </div></div>`,
  );
}

export function notFoundPage(what: string): string {
  return shell(
    "카카오톡",
    html`<div class="sheet"><div class="top"><a href="/kakaotalk">‹</a><b>카카오톡</b></div><div class="body"><div class="empty" style="color:#666">${what}</div></div></div>`,
  );
}
