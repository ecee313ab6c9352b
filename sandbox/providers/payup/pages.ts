// The KCP screens PayUp's KakaoPay runs on: the mobile (WM) window at pay_url, the PC (WP) layer opened by
// payplus_web.jsp, and the browser hand-back pages. KCP pages are EUC-KR: callers encode with eucKrHtml().
import { esc, html, page, raw, type Raw } from "../../html.ts";
import { CARDS } from "./wire.ts";

const css = `
body{background:#f2f2f2}
.kcp-top{background:#fee500;padding:14px 16px;display:flex;align-items:center;gap:8px;font-weight:800}
.kcp-top .pay{background:#191919;color:#fee500;border-radius:8px;padding:3px 8px;font-size:13px}
.kcp-top .by{margin-left:auto;font-size:12px;font-weight:600;color:#5a4a00}
.row{display:flex;justify-content:space-between;padding:6px 0;font-size:15px}.row span:first-child{color:#777}
.methods label{display:flex;align-items:center;gap:8px;border:1px solid #ddd;border-radius:10px;padding:12px;margin:6px 0;font-size:15px;color:#191919;background:#fff}
.methods input{width:auto;margin:0}
.btns{display:flex;gap:8px}.btns button{flex:1}
.err{background:#fff0f0;color:#c00;border-radius:10px;padding:12px;font-size:14px}
.foot{font-size:12px;color:#999;text-align:center;margin-top:14px}
`;

export type WindowOrder = {
  ordrIdxx: string;
  goodName: string;
  goodMny: number;
  buyrName: string;
  siteCd: string;
};

const won = (n: number) => `${n.toLocaleString("ko-KR")}원`;

function header(title: string): Raw {
  return html`<div class="kcp-top"><span class="pay">pay</span><span>${title}</span><span class="by">NHN KCP · 페이업 (샌드박스)</span></div>`;
}

function methodChoice(): Raw {
  return html`<div class="card methods">
    <b>결제수단</b>
    <label><input type="radio" name="method" value="KAKAO_MONEY" checked> 카카오페이머니</label>
    <label><input type="radio" name="method" value="KAKAO_CARD"> 카카오페이 카드 (신용/체크)</label>
    <label style="display:block;border:0;padding:0;background:none">카드사
      <select name="card">${CARDS.map((c) => html`<option value="${c.code}">${c.name}</option>`)}</select></label>
    <label style="display:block;border:0;padding:0;background:none">할부
      <select name="quota"><option value="0">일시불</option><option value="2">2개월</option><option value="3">3개월</option><option value="6">6개월</option><option value="12">12개월</option></select></label>
  </div>`;
}

function summary(o: WindowOrder): Raw {
  return html`<div class="card">
    <div class="muted">상품명</div><div style="font-size:17px;font-weight:700;margin:4px 0 12px">${o.goodName}</div>
    <div class="row"><span>주문번호</span><span>${o.ordrIdxx}</span></div>
    <div class="row"><span>구매자</span><span>${o.buyrName}</span></div>
    <div class="row"><span>결제금액</span><span class="amount" style="font-size:22px">${won(o.goodMny)}</span></div>
  </div>`;
}

/** Mobile (WM) window, shown after the merchant page posted its form to pay_url. */
export function mobileWindowPage(o: WindowOrder, hidden: Record<string, string>): string {
  return page(
    "카카오페이 결제",
    html`${header("카카오페이 결제")}<main>
      ${summary(o)}
      <form method="post" action="/kcp/mobile/mobileGW.kcp/act" accept-charset="euc-kr">
        ${Object.entries(hidden).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
        ${methodChoice()}
        <div class="btns"><button class="secondary" name="action" value="cancel" type="submit">취소</button>
        <button class="primary" name="action" value="pay" type="submit">결제하기</button></div>
        <button class="danger" name="action" value="fail" type="submit" style="font-size:13px;padding:10px">인증 실패 (테스트)</button>
      </form>
      <p class="foot">카카오톡 인증 대신 샌드박스 버튼으로 결제를 진행합니다.</p></main>`,
    { charset: "euc-kr", css },
  );
}

export function errorPage(
  title: string,
  message: string,
  back?: { action: string; fields: Record<string, string> },
): string {
  return page(
    title,
    html`${header("카카오페이 결제")}<main><div class="card"><h2 style="margin-top:0">${title}</h2><div class="err">${message}</div>
    ${back ? html`<form method="post" action="${back.action}" accept-charset="euc-kr">${Object.entries(back.fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}<button class="secondary" type="submit">가맹점으로 돌아가기</button></form>` : ""}
    </div></main>`,
    { charset: "euc-kr", css },
  );
}

/** The browser hand-back: an auto-submitting EUC-KR form to the merchant's Ret_URL. */
export function postBackPage(action: string, fields: Record<string, string>): string {
  return page(
    "결제 결과 전송",
    html`${header("카카오페이 결제")}<main><div class="card"><p>가맹점으로 결과를 전송하고 있습니다…</p>
    <form name="kcp_return" method="post" action="${action}" accept-charset="euc-kr">
      ${Object.entries(fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
      <noscript><button class="primary" type="submit">계속</button></noscript>
    </form></div></main><script>document.forms.kcp_return.submit();</script>`,
    { charset: "euc-kr", css },
  );
}

/** PC (WP) layer, loaded in the iframe payplus_web.jsp opens over the merchant page. */
export function pcLayerPage(o: WindowOrder, hidden: Record<string, string>): string {
  return page(
    "카카오페이 결제",
    html`${header("카카오페이 결제")}<main>
      ${summary(o)}
      <form method="post" action="/kcp/pc/layer" accept-charset="euc-kr">
        ${Object.entries(hidden).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
        ${methodChoice()}
        <div class="btns"><button class="secondary" name="action" value="cancel" type="submit">취소</button>
        <button class="primary" name="action" value="pay" type="submit">결제하기</button></div>
        <button class="danger" name="action" value="fail" type="submit" style="font-size:13px;padding:10px">인증 실패 (테스트)</button>
      </form></main>`,
    { charset: "euc-kr", css: css + layerCss },
  );
}

// The layer is an iframe inside a ~720px box: tighter spacing, and room for payplus_web.jsp's close button.
const layerCss = `.kcp-top{padding-right:52px}main{padding:8px 14px}.card{padding:14px 16px;margin:8px 0}
.methods label{padding:9px 12px;margin:4px 0}input,select{padding:8px 10px;margin:2px 0 6px}button,.btn{padding:11px;margin-top:6px}.amount{font-size:22px}`;

const jsJson = (v: unknown) =>
  JSON.stringify(v)
    .replace(/</g, "\\u003c")
    .replace(/\u2028|\u2029/g, "");

/** Result page inside the layer iframe: hands the filled fields to payplus_web.jsp in the parent page. */
export function pcResultPage(fields: Record<string, string>, targetOrigin: string): string {
  return page(
    "결제 결과",
    html`${header("카카오페이 결제")}<main><div class="card"><p>${fields.res_cd === "0000" ? "인증이 완료되었습니다." : "결제가 진행되지 않았습니다."}</p></div></main>
    ${raw(`<script>parent.postMessage({source:"kcp-sandbox",fields:${jsJson(fields)}},${jsJson(targetOrigin)});</script>`)}`,
    { charset: "euc-kr", css },
  );
}

/** Error inside the layer: "닫기" hands a failure res_cd back to the merchant page like a finished window. */
export function pcErrorPage(
  title: string,
  message: string,
  fields: Record<string, string>,
  targetOrigin?: string,
): string {
  const close = targetOrigin
    ? raw(
        `<button class="secondary" onclick='parent.postMessage({source:"kcp-sandbox",fields:${jsJson(fields).replace(/'/g, "\\u0027")}},${jsJson(targetOrigin).replace(/'/g, "\\u0027")})'>닫기</button>`,
      )
    : "";
  return page(
    title,
    html`${header("카카오페이 결제")}<main><div class="card"><h2 style="margin-top:0">${title}</h2><div class="err">${message}</div>${close}</div></main>`,
    { charset: "euc-kr", css },
  );
}

/** The fake https://pay.kcp.co.kr/plugin/payplus_web.jsp: KCP_Pay_Execute(form) and GetField(frm, FormOrJson). */
export function payplusJs(publicUrl: string): string {
  return `/* KCP payplus_web.jsp (PayUp sandbox). KCP_Pay_Execute(form) opens the layer; on completion it calls the
   merchant's m_Completepayment(FormOrJson, closeEvent); the merchant copies the result with GetField(frm, FormOrJson). */
(function () {
  var cs = document.currentScript;
  var BASE = ${jsJson(publicUrl)};
  try { if (cs && cs.src) BASE = new URL(cs.src).origin; } catch (e) {}
  var LAYER_ID = "kcp_sandbox_layer";
  function field(form, name) {
    var el = form.elements ? form.elements.namedItem(name) : null;
    return el && "value" in el ? String(el.value) : "";
  }
  function closeLayer() {
    var el = document.getElementById(LAYER_ID);
    if (el && el.parentNode) el.parentNode.removeChild(el);
  }
  function complete(json) {
    var done = false;
    var closeEvent = function () { done = true; closeLayer(); };
    if (typeof window.m_Completepayment !== "function") { alert("[KCP] m_Completepayment 함수가 없습니다."); closeLayer(); return; }
    try { window.m_Completepayment(json, closeEvent); } catch (e) { if (window.console) console.error(e); }
    if (!done && json.res_cd === "0000") closeLayer();
  }
  window.KCP_Pay_Execute = function (form) {
    if (!form || !form.elements) throw new Error("KCP_Pay_Execute: order_info form is required");
    if (typeof window.m_Completepayment !== "function") {
      alert("[KCP] m_Completepayment 함수는 payplus_web.jsp 보다 먼저 선언되어야 합니다.");
      return;
    }
    var chk = form.elements.namedItem("ordr_chk");
    if (chk && "value" in chk) chk.value = field(form, "ordr_idxx") + "|" + field(form, "good_mny");
    var names = ["site_cd", "ordr_idxx", "good_name", "good_mny", "buyr_name", "req_tx", "pay_method", "currency", "kakaopay_direct", "module_type"];
    var q = [];
    for (var i = 0; i < names.length; i++) q.push(encodeURIComponent(names[i]) + "=" + encodeURIComponent(field(form, names[i])));
    q.push("origin=" + encodeURIComponent(location.origin));
    closeLayer();
    var wrap = document.createElement("div");
    wrap.id = LAYER_ID;
    wrap.setAttribute("style", "position:fixed;inset:0;z-index:2147483000;background:rgba(0,0,0,.55);display:flex;align-items:center;justify-content:center");
    var box = document.createElement("div");
    box.setAttribute("style", "position:relative;width:440px;max-width:96vw;height:720px;max-height:96vh;background:#fff;border-radius:14px;overflow:hidden;box-shadow:0 10px 40px rgba(0,0,0,.35)");
    var x = document.createElement("button");
    x.type = "button";
    x.setAttribute("aria-label", "닫기");
    x.textContent = "\\u00d7";
    x.setAttribute("style", "position:absolute;top:8px;right:10px;z-index:2;border:0;background:transparent;font-size:26px;cursor:pointer;width:auto;margin:0;padding:4px 8px");
    x.onclick = function () { complete({ res_cd: "3001", res_msg: "사용자가 결제를 취소하였습니다.", ordr_idxx: field(form, "ordr_idxx") }); };
    var frame = document.createElement("iframe");
    frame.name = "kcp_sandbox_frame";
    frame.title = "카카오페이 결제";
    frame.src = BASE + "/kcp/pc/layer?" + q.join("&");
    frame.setAttribute("style", "border:0;width:100%;height:100%");
    box.appendChild(frame);
    box.appendChild(x);
    wrap.appendChild(box);
    document.body.appendChild(wrap);
  };
  window.GetField = function (frm, FormOrJson) {
    var data = {};
    if (FormOrJson && FormOrJson.elements) {
      for (var i = 0; i < FormOrJson.elements.length; i++) { var e = FormOrJson.elements[i]; if (e.name) data[e.name] = e.value; }
    } else if (FormOrJson) data = FormOrJson;
    for (var k in data) {
      if (!Object.prototype.hasOwnProperty.call(data, k)) continue;
      var el = frm.elements ? frm.elements.namedItem(k) : null;
      if (el && "value" in el) el.value = data[k];
      else if (window.console) console.warn("[KCP] order_info has no input named " + k);
    }
  };
  window.addEventListener("message", function (ev) {
    if (ev.origin !== BASE) return;
    var d = ev.data;
    if (!d || d.source !== "kcp-sandbox" || !d.fields) return;
    complete(d.fields);
  });
})();
`;
}

export { esc };
