// Admin password hashes: scrypt at OWASP's current parameters (N=2^17, r=8, p=1, 32-byte key).
// Stored as scrypt$N$r$p$salt$hash, so older hashes (N=2^14) still verify and are upgraded at the
// next successful login (needsRehash).
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";

export const SCRYPT = { N: 2 ** 17, r: 8, p: 1, keylen: 32 } as const;
/** scrypt needs 128·N·r bytes (128 MiB at N=2^17); Node's default maxmem (32 MiB) refuses it. */
const maxmemFor = (N: number, r: number) => 128 * N * r + 16 * 1024 * 1024;
/** Stored parameters beyond these are refused rather than computed (a forged hash must not cost gigabytes). */
const LIMITS = { maxN: 2 ** 20, maxR: 16, maxP: 4 };

function scrypt(
  password: string,
  salt: Buffer,
  keylen: number,
  o: { N: number; r: number; p: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(
      password.normalize("NFC"),
      salt,
      keylen,
      { N: o.N, r: o.r, p: o.p, maxmem: maxmemFor(o.N, o.r) },
      (e, key) => (e ? reject(e) : resolve(key)),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, SCRYPT.keylen, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

function parse(stored: string) {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const valid =
    Number.isInteger(N) &&
    N > 1 &&
    (N & (N - 1)) === 0 &&
    N <= LIMITS.maxN &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= LIMITS.maxR &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= LIMITS.maxP;
  if (!valid) return null;
  const salt = Buffer.from(parts[4]!, "base64");
  const hash = Buffer.from(parts[5]!, "base64");
  if (salt.length < 8 || hash.length < 16) return null;
  return { N, r, p, salt, hash };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const actual = await scrypt(password, h.salt, h.hash.length, h);
  return actual.length === h.hash.length && timingSafeEqual(actual, h.hash);
}

/** True when a stored hash uses weaker parameters than today's (upgrade it after a successful login). */
export function needsRehash(stored: string): boolean {
  const h = parse(stored);
  return !h || h.N < SCRYPT.N || h.r < SCRYPT.r || h.p < SCRYPT.p || h.hash.length < SCRYPT.keylen;
}

/** A hash of a random password at today's parameters: verifying against it costs what a real check costs. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(16).toString("base64")));
}
