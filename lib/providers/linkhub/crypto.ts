// Verify-result decryption and signedData handling for Barocert Kakao CMS (reference §2.6–2.7).
import crypto from "node:crypto";

/** AES-256-CTR (key 32 B, IV 16 B = initial counter block), value = base64(ciphertext), no prefix/tag. */
export function decryptResultField(key: Buffer, iv: Buffer, value: string): string {
  if (key.length !== 32 || iv.length !== 16) throw new Error("AES-256-CTR needs a 32-byte key and a 16-byte IV");
  const d = crypto.createDecipheriv("aes-256-ctr", key, iv);
  return Buffer.concat([d.update(Buffer.from(value, "base64")), d.final()]).toString("utf8");
}

/**
 * signedData (base64, or base64url as some Kakao docs say) → the DER bytes submitted to KFTC as a
 * .der file. Throws if the result is not a DER SEQUENCE with a consistent length.
 */
export function signedDataToDer(signedData: string): Buffer {
  const clean = signedData.replace(/\s+/g, "").replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length === 0) throw new Error("signedData is not base64");
  const der = Buffer.from(clean, "base64");
  if (der[0] !== 0x30 || der.length < 2) throw new Error("signedData is not a DER SEQUENCE");
  const first = der[1]!;
  let len: number;
  let header: number;
  if (first < 0x80) {
    len = first;
    header = 2;
  } else {
    const n = first & 0x7f;
    if (n === 0 || n > 4 || der.length < 2 + n) throw new Error("signedData has an invalid DER length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[2 + i]!;
    header = 2 + n;
  }
  if (header + len !== der.length) throw new Error("signedData DER length does not match its size");
  return der;
}
