// EUC-KR helpers for KCP's browser POSTs (the mobile Ret_URL return and the PC order_info form are both
// posted with accept-charset="euc-kr"). iconv-lite's "euc-kr" is the CP949 superset browsers actually send.
import iconv from "iconv-lite";

const toBuffer = (b: Buffer | Uint8Array | ArrayBuffer) =>
  Buffer.isBuffer(b)
    ? b
    : b instanceof ArrayBuffer
      ? Buffer.from(b)
      : Buffer.from(b.buffer, b.byteOffset, b.byteLength);

export function encodeEucKr(text: string): Buffer {
  return iconv.encode(text, "euc-kr");
}
export function decodeEucKr(bytes: Buffer | Uint8Array | ArrayBuffer): string {
  return iconv.decode(toBuffer(bytes), "euc-kr");
}
/** True when every character survives an EUC-KR (CP949) round trip. */
export function isEucKrEncodable(text: string): boolean {
  return decodeEucKr(encodeEucKr(text)) === text;
}
/** Replaces characters EUC-KR cannot carry (emoji, rare hanja …) so window fields arrive intact. */
export function toEucKrSafe(text: string, replacement = " "): string {
  let out = "";
  for (const ch of text) out += ch.codePointAt(0)! < 0x80 || isEucKrEncodable(ch) ? ch : replacement;
  return out;
}

function decodeComponent(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 0x2b) bytes.push(0x20);
    else if (ch === 0x25 && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(ch & 0xff);
  }
  // Browsers turn characters the form charset cannot encode into HTML numeric references.
  return iconv.decode(Buffer.from(bytes), "euc-kr").replace(/&#(\d{1,7});/g, (m, n: string) => {
    const cp = Number(n);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/** Parses an `application/x-www-form-urlencoded` body sent in EUC-KR (percent-encoded EUC-KR bytes, or raw
 *  EUC-KR bytes). The first occurrence of a repeated name wins. */
export function parseEucKrForm(body: Buffer | Uint8Array | ArrayBuffer | string): Record<string, string> {
  const text = typeof body === "string" ? body : toBuffer(body).toString("latin1");
  const out: Record<string, string> = {};
  for (const part of text.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const key = decodeComponent(eq < 0 ? part : part.slice(0, eq));
    if (!Object.hasOwn(out, key)) out[key] = decodeComponent(eq < 0 ? "" : part.slice(eq + 1));
  }
  return out;
}

const UNRESERVED = /[0-9A-Za-z*\-._]/;
function encodeComponent(s: string): string {
  let out = "";
  for (const b of encodeEucKr(s)) {
    const ch = String.fromCharCode(b);
    out +=
      b < 0x80 && UNRESERVED.test(ch) ? ch : b === 0x20 ? "+" : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Encodes fields the way a browser posts an accept-charset="euc-kr" form. */
export function encodeEucKrForm(fields: Record<string, string> | Iterable<readonly [string, string]>): string {
  const entries =
    Symbol.iterator in fields ? [...(fields as Iterable<readonly [string, string]>)] : Object.entries(fields);
  return entries.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`).join("&");
}
