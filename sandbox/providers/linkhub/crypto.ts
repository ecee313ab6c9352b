// Linkhub-family signatures and ciphers, from the protocol reference §1.2, §2.3, §2.4, §2.7, §3.3.
import crypto from "node:crypto";

const b64sha256 = (body: Buffer) => crypto.createHash("sha256").update(body).digest("base64");
const hmacB64 = (key: Buffer, target: string) =>
  crypto.createHmac("sha256", key).update(target, "utf8").digest("base64");

/** Linkhub token signature: POST\n{digest}\n{x-lh-date}\n[{x-lh-forwarded}\n]2.0\n/{ServiceID}/Token (no trailing LF). */
export function linkhubTokenSignature(
  key: Buffer,
  p: { body: Buffer; date: string; forwarded?: string; version?: string; uri: string },
): string {
  const target = `POST\n${b64sha256(p.body)}\n${p.date}\n${p.forwarded ? `${p.forwarded}\n` : ""}${p.version ?? "2.0"}\n${p.uri}`;
  return hmacB64(key, target);
}

/** Barocert x-bc-auth: POST\n[{digest}\n]{x-bc-date}\n{path}\n — the digest line is absent for an empty body. */
export function barocertSignature(key: Buffer, p: { body: Buffer; date: string; path: string }): string {
  const target = `POST\n${p.body.length > 0 ? `${b64sha256(p.body)}\n` : ""}${p.date}\n${p.path}\n`;
  return hmacB64(key, target);
}

/** Legacy KakaoCert x-kc-auth signature part: POST\n{digest}\n{x-lh-date}\n2.0\n (no path). */
export function kakaocertSignature(key: Buffer, p: { body: Buffer; date: string; version?: string }): string {
  return hmacB64(key, `POST\n${b64sha256(p.body)}\n${p.date}\n${p.version ?? "2.0"}\n`);
}

/** Constant-time comparison of two base64 signatures. */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** AES-256-GCM field as the SDK's _encrypt builds it: base64(nonce12 ‖ ciphertext ‖ tag16). Throws on a bad tag. */
export function gcmDecrypt(key: Buffer, value: string): string {
  const raw = Buffer.from(value, "base64");
  if (raw.length < 12 + 16 + 1) throw new Error("too short");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString("utf8");
}

export function gcmEncrypt(key: Buffer, plain: string, nonce: Buffer = crypto.randomBytes(12)): string {
  const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce);
  return Buffer.concat([nonce, cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]).toString("base64");
}

/** Legacy mode (x-bc-encryptionmode: CBC): base64(iv16 ‖ AES-256-CBC-PKCS7). */
export function cbcDecrypt(key: Buffer, value: string): string {
  const raw = Buffer.from(value, "base64");
  if (raw.length < 32 || raw.length % 16 !== 0) throw new Error("bad length");
  const decipher = crypto.createDecipheriv("aes-256-cbc", key, raw.subarray(0, 16));
  return Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]).toString("utf8");
}

/** Verify-result personal fields: base64(AES-256-CTR(key, iv, utf8)), no prefix, no tag (reference §2.7). */
export function ctrEncrypt(key: Buffer, iv: Buffer, plain: string): string {
  const cipher = crypto.createCipheriv("aes-256-ctr", key, iv);
  return Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]).toString("base64");
}

export function ctrDecrypt(key: Buffer, iv: Buffer, value: string): string {
  const decipher = crypto.createDecipheriv("aes-256-ctr", key, iv);
  return Buffer.concat([decipher.update(Buffer.from(value, "base64")), decipher.final()]).toString("utf8");
}

// ---------------------------------------------------------------------------------------------
// Minimal DER writer, enough for a PKCS#7 / CMS SignedData (RFC 5652) with a self-signed signer.

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n >>= 8;
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
export const tlv = (tag: number, value: Buffer): Buffer =>
  Buffer.concat([Buffer.from([tag]), derLength(value.length), value]);
export const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
export const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat([...items].sort(Buffer.compare)));
export const octets = (b: Buffer) => tlv(0x04, b);
export const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, "utf8"));
export const printable = (s: string) => tlv(0x13, Buffer.from(s, "ascii"));
export const nul = () => Buffer.from([0x05, 0x00]);
export const explicit = (n: number, inner: Buffer) => tlv(0xa0 + n, inner);
export function integer(v: number | Buffer): Buffer {
  let b: Buffer;
  if (typeof v === "number") {
    const hex = v.toString(16);
    b = Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex");
  } else b = v;
  while (b.length > 1 && b[0] === 0 && (b[1]! & 0x80) === 0) b = b.subarray(1);
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}
export function oid(dotted: string): Buffer {
  const parts = dotted.split(".").map(Number);
  const out: number[] = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    let rest = Math.floor(p / 128);
    while (rest > 0) {
      chunk.unshift((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 128);
    }
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}
function time(d: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, "0");
  const body = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  const y = d.getUTCFullYear();
  return y >= 1950 && y < 2050
    ? tlv(0x17, Buffer.from(`${String(y).slice(2)}${body}`))
    : tlv(0x18, Buffer.from(`${y}${body}`));
}

export const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  sha256: "2.16.840.1.101.3.4.2.1",
  rsaEncryption: "1.2.840.113549.1.1.1",
  sha256WithRSA: "1.2.840.113549.1.1.11",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  countryName: "2.5.4.6",
  organizationName: "2.5.4.10",
  commonName: "2.5.4.3",
} as const;

const algo = (id: string) => seq(oid(id), nul());
const rdn = (type: string, value: Buffer) => set(seq(oid(type), value));

type Signer = { key: crypto.KeyObject; cert: Buffer; issuer: Buffer; serial: Buffer };
const signers = new Map<string, Signer>();
let keyPair: { privateKey: crypto.KeyObject; publicKey: crypto.KeyObject } | undefined;

/** A per-process RSA signer with a self-signed X.509 certificate for one subject name. */
function signerFor(subjectName: string, now: Date): Signer {
  const cached = signers.get(subjectName);
  if (cached) return cached;
  // one RSA key per process (key generation is slow); one self-signed certificate per signer name
  keyPair ??= crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const { privateKey, publicKey } = keyPair;
  const name = seq(
    rdn(OID.countryName, printable("KR")),
    rdn(OID.organizationName, utf8("Kakao Sandbox CA")),
    rdn(OID.commonName, utf8(subjectName)),
  );
  const serial = Buffer.concat([Buffer.from([0x01]), crypto.randomBytes(15)]);
  const notBefore = new Date(now.getTime() - 86_400_000);
  const notAfter = new Date(now.getTime() + 365 * 86_400_000);
  const tbs = seq(
    explicit(0, integer(2)), // v3
    integer(serial),
    algo(OID.sha256WithRSA),
    name,
    seq(time(notBefore), time(notAfter)),
    name,
    publicKey.export({ type: "spki", format: "der" }),
  );
  const sig = crypto.sign("sha256", tbs, privateKey);
  const cert = seq(tbs, algo(OID.sha256WithRSA), tlv(0x03, Buffer.concat([Buffer.from([0]), sig])));
  const signer = { key: privateKey, cert, issuer: name, serial };
  signers.set(subjectName, signer);
  return signer;
}

/**
 * A real DER PKCS#7 SignedData (ContentInfo 1.2.840.113549.1.7.2) over `content`, signed with
 * signed attributes (contentType, messageDigest, signingTime) by a self-signed sandbox certificate.
 * `openssl asn1parse -inform DER` parses it, `openssl cms -verify -noverify -inform DER` verifies it.
 */
export function buildSignedData(content: Buffer, opts: { signer: string; signingTime: Date }): Buffer {
  const s = signerFor(opts.signer, opts.signingTime);
  const digest = crypto.createHash("sha256").update(content).digest();
  const attrs = [
    seq(oid(OID.contentType), set(oid(OID.data))),
    seq(oid(OID.signingTime), set(time(opts.signingTime))),
    seq(oid(OID.messageDigest), set(octets(digest))),
  ];
  const signedAttrsSet = set(...attrs); // DER SET OF is what gets signed (tag 0x31)
  const signature = crypto.sign("sha256", signedAttrsSet, s.key);
  const signerInfo = seq(
    integer(1),
    seq(s.issuer, integer(s.serial)),
    algo(OID.sha256),
    Buffer.concat([Buffer.from([0xa0]), signedAttrsSet.subarray(1)]), // [0] IMPLICIT
    algo(OID.rsaEncryption),
    octets(signature),
  );
  const signedData = seq(
    integer(1),
    set(algo(OID.sha256)),
    seq(oid(OID.data), explicit(0, octets(content))),
    tlv(0xa0, s.cert), // certificates [0] IMPLICIT SET OF Certificate
    set(signerInfo),
  );
  return seq(oid(OID.signedData), explicit(0, signedData));
}
