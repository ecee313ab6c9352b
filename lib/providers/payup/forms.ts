// What the checkout pages render to open KCP's windows (seed §3.2.1 mobile, §3.2.2 PC). The pages render
// these descriptors generically, so KCP's field names stay in this folder.
import type { PayUpOrderData } from "./client";
import { toEucKrSafe } from "./euckr";

export type KcpFormField = { name: string; value: string };
export type KcpForm = {
  /** the form's name attribute (document.<name>) */
  name: string;
  method: "post";
  /** Always euc-kr: KCP reads the posted bytes as EUC-KR. */
  acceptCharset: "euc-kr";
  /** Mobile: pay_url (auto-submit). PC: empty — the filled form is posted to our own server by the page. */
  action?: string;
  fields: KcpFormField[];
};

export { KCP_SCRIPT_URL, KCP_TEST_SCRIPT_URL } from "./csp";
/** Global names the PC page must use: it defines KCP_COMPLETE_CALLBACK before loading the script, calls
 *  KCP_EXECUTE(document.order_info), and inside the callback calls KCP_GET_FIELD(frm, FormOrJson). */
export const KCP_PC_FORM_NAME = "order_info";
export const KCP_EXECUTE = "KCP_Pay_Execute";
export const KCP_COMPLETE_CALLBACK = "m_Completepayment";
export const KCP_GET_FIELD = "GetField";
/** Hidden inputs KCP fills in the PC form (must exist, empty). */
export const KCP_PC_RESULT_FIELDS = [
  "res_cd",
  "res_msg",
  "enc_info",
  "enc_data",
  "ret_pay_method",
  "tran_cd",
  "use_pay_method",
  "card_pay_method",
] as const;

/** `{ name: value, … }` as form fields, in that order. */
const fieldsOf = (values: Record<string, string>): KcpFormField[] =>
  Object.entries(values).map(([name, value]) => ({ name, value }));

type ParamOpts = { paramOpts?: readonly [string?, string?, string?] };
const opts3 = (o: ParamOpts) => [1, 2, 3].map((i) => ({ name: `param_opt_${i}`, value: o.paramOpts?.[i - 1] ?? "" }));

/**
 * The order's fields both KCP windows read (seed 002). The seed's samples write "ordr_idx" (mobile) and
 * "buysr_name" (PC): KCP reads ordr_idxx and buyr_name. Names are posted as EUC-KR.
 */
function orderFields(order: PayUpOrderData): KcpForm["fields"] {
  return [
    { name: "ordr_idxx", value: order.ordrIdxx },
    { name: "good_name", value: toEucKrSafe(order.itemName) },
    { name: "good_mny", value: String(order.amount) },
    { name: "buyr_name", value: toEucKrSafe(order.buyerName) },
    { name: "site_cd", value: order.siteCd },
  ];
}

/** Mobile (WM): the auto-submitting form to pay_url. Undefined when the order answer had no pay_url/approval_key. */
export function mobileWindowForm(order: PayUpOrderData, o: ParamOpts = {}): KcpForm | undefined {
  if (!order.payUrl || !order.approvalKey) return undefined;
  return {
    name: "form",
    method: "post",
    acceptCharset: "euc-kr",
    action: order.payUrl,
    fields: [
      ...orderFields(order),
      ...fieldsOf({ Ret_URL: order.returnUrl, approval_key: order.approvalKey, req_tx: "pay", pay_method: "CARD" }),
      ...fieldsOf({ ActionResult: "card", currency: "410", escw_used: "N", kakaopay_direct: "Y" }),
      ...opts3(o),
    ],
  };
}

/** PC (WP): the order_info form KCP_Pay_Execute reads and fills; the page posts it (filled) to our server. */
export function pcWindowForm(order: PayUpOrderData, o: ParamOpts & { action?: string } = {}): KcpForm {
  return {
    name: KCP_PC_FORM_NAME,
    method: "post",
    acceptCharset: "euc-kr",
    ...(o.action && { action: o.action }),
    fields: [
      ...orderFields(order),
      ...fieldsOf({ req_tx: "pay", pay_method: "100000000000", currency: "410", kakaopay_direct: "Y" }),
      ...fieldsOf({ module_type: "01", ordr_chk: "" }),
      ...opts3(o),
      ...KCP_PC_RESULT_FIELDS.map((name) => ({ name, value: "" })),
    ],
  };
}

/**
 * The PC page's script around KCP's payplus_web.jsp: m_Completepayment must exist before the script loads;
 * it posts the filled order_info form to our Ret_URL when the window succeeded, and otherwise tells the
 * customer in plain Korean (KCP's code only as a small secondary line). The page provides #go (open the
 * window again) and #err (the alert box). No inline handlers: the page's CSP allows only its nonce.
 */
export const KCP_PC_SETUP_SCRIPT = `/* KCP calls this when its window finishes; it must exist before payplus_web.jsp loads. */
function ${KCP_COMPLETE_CALLBACK}(FormOrJson, closeEvent) {
  var frm = document.${KCP_PC_FORM_NAME};
  ${KCP_GET_FIELD}(frm, FormOrJson);
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
  try { ${KCP_EXECUTE}(document.${KCP_PC_FORM_NAME}); } catch (e) { /* KCP ends the script with throw on success in old browsers */ }
}
document.getElementById("go").addEventListener("click", jsf__pay); /* no inline handlers under the CSP */`;

/** Opens the window once the script has loaded. */
export const KCP_PC_RUN_SCRIPT = "jsf__pay();";
