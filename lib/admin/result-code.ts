// How a timeline shows an event's result code (orders, bills, consents alike): a success code stays
// quiet, a provider's "still in progress" status is blue, anything else — an error, a refusal, a code
// to check — stands out in red. Unknown codes are shown as codes to look at, never as "failed" text.

export type ResultCodeTone = "ok" | "pending" | "attention";

/** Codes that mean "done as asked": our own OK, PayUp/KCP's 0000, an HTTP 2xx, KakaoPay's settled order states. */
const OK_CODES = new Set(["OK", "0000", "SUCCESS_PAYMENT", "CANCEL_PAYMENT", "PART_CANCEL_PAYMENT"]);
/** KakaoPay order states while the customer is still in the payment window. */
const PENDING_CODES = new Set([
  "READY",
  "SEND_TMS",
  "OPEN_PAYMENT",
  "SELECT_METHOD",
  "ARS_WAITING",
  "AUTH_PASSWORD",
  "ISSUED_SID",
]);

/**
 * `eventType`: a provider status poll (`….status`, e.g. barocert.status) records the provider's state number
 * as its code (Linkhub 0 대기 … 4 실패): that is an answer, shown as a state, never as an error; its
 * failures carry negative Linkhub codes or TIMEOUT / CONFIG.
 */
export function resultCodeTone(code: string, eventType?: string): ResultCodeTone {
  if (OK_CODES.has(code) || /^2\d\d$/.test(code)) return "ok";
  if (PENDING_CODES.has(code)) return "pending";
  if (eventType?.endsWith(".status") && /^\d{1,2}$/.test(code)) return "pending";
  return "attention";
}
