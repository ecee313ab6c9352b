// How a timeline shows an event's result code (orders, bills, consents alike): a success code stays
// quiet, a provider's "still in progress" status is blue, anything else — an error, a refusal, a code
// to check — stands out in red. Unknown codes are shown as codes to look at, never as "failed" text.

import { paymentCodeTone } from "../payments/providers";

export type ResultCodeTone = "ok" | "pending" | "attention";

/**
 * `eventType`: a provider status poll (`….status`, e.g. barocert.status) records the provider's state number
 * as its code (Linkhub 0 대기 … 4 실패): that is an answer, shown as a state, never as an error; its
 * failures carry negative Linkhub codes or TIMEOUT / CONFIG.
 */
export function resultCodeTone(code: string, eventType?: string): ResultCodeTone {
  if (code === "OK" || /^2\d\d$/.test(code)) return "ok";
  const tone = paymentCodeTone(code);
  if (tone) return tone;
  if (eventType?.endsWith(".status") && /^\d{1,2}$/.test(code)) return "pending";
  return "attention";
}
