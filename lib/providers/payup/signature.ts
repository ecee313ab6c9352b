// PayUp signatures (seed 참고 3.1.1 주문요청 / 참고 4.2.1 취소요청):
//   lowercase hex SHA-256 of the UTF-8 fields joined by "|" in the seed's order, whitespace removed (공백제거).
//   order : merchantId|orderNumber|amount|apiCertKey|timestamp
//   cancel: merchantId|transactionId|apiCertKey
//   pay   : no signature.
import { createHash } from "node:crypto";

export function payupHash(fields: readonly string[]): string {
  return createHash("sha256").update(fields.join("|").replace(/\s+/g, ""), "utf8").digest("hex");
}

export type OrderSignatureInput = {
  merchantId: string;
  orderNumber: string;
  /** KRW; signed exactly as sent on the wire (decimal digits). */
  amount: string | number;
  apiCertKey: string;
  /** yyyyMMddHHmmss (Korea time), exactly as sent. */
  timestamp: string;
};

export function orderSignature(i: OrderSignatureInput): string {
  return payupHash([i.merchantId, i.orderNumber, String(i.amount), i.apiCertKey, i.timestamp]);
}

export type CancelSignatureInput = { merchantId: string; transactionId: string; apiCertKey: string };

export function cancelSignature(i: CancelSignatureInput): string {
  return payupHash([i.merchantId, i.transactionId, i.apiCertKey]);
}

/** PayUp's stamp format: Korea time yyyyMMddHHmmss. */
export function payupTimestamp(d: Date = new Date()): string {
  return new Date(d.getTime() + 9 * 3600_000).toISOString().replace(/\D/g, "").slice(0, 14);
}

/** Parses a PayUp yyyyMMddHHmmss (Korea time) stamp; undefined when malformed. */
export function parsePayupTimestamp(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return undefined;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, se) - 9 * 3600_000);
}
