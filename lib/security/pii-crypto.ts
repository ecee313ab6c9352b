// Field-level encryption of personal data at rest (bank account numbers, …): AES-256-GCM with a
// keyring, so keys can rotate. Pure functions, no env: lib/security/pii.ts binds them to the app's
// configured keys (PII_KEYS / PII_KEY_ID), the data migration (lib/security/pii-backfill.ts) to the
// keys it is given.
//
// A sealed value is one self-describing string, stored in a TEXT column:
//
//     pii1.<keyId>.<base64url( iv[12] ‖ ciphertext ‖ tag[16] )>
//
// The key id sits beside the ciphertext, so old values stay readable after the current key changes
// (keep the old key in PII_KEYS until `reseal` has moved every row to the new one). The AAD is the
// kind of data ("bank-account" …), so a sealed value cannot be passed off as another kind; it is not
// bound to a row, so a re-request may copy the sealed value as it is.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export const PII_PREFIX = "pii1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;

/** What a sealed value is: authenticated as additional data, so it must match when opening. */
export type PiiKind = "bank-account" | "birth-date" | "phone" | "name";

export type Keyring = { currentId: string; keys: ReadonlyMap<string, Buffer> };

export class PiiError extends Error {
  constructor(
    message: string,
    readonly code: "MALFORMED" | "UNKNOWN_KEY" | "TAMPERED" | "CONFIG",
  ) {
    super(message);
    this.name = "PiiError";
  }
}

/**
 * Parses PII_KEYS ("k2:<base64 32 bytes>,k1:<base64 32 bytes>") and PII_KEY_ID (the id new values are
 * sealed with; default the first listed). Throws PiiError("CONFIG") with a message naming the problem
 * (never the key material).
 */
export function parseKeyring(keysSpec: string, currentId?: string): Keyring {
  const keys = new Map<string, Buffer>();
  const entries = keysSpec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0)
    throw new PiiError("PII_KEYS is empty: list at least one key as id:<base64 of 32 random bytes>", "CONFIG");
  for (const entry of entries) {
    const at = entry.indexOf(":");
    const id = at > 0 ? entry.slice(0, at) : "";
    if (!KEY_ID.test(id))
      throw new PiiError("PII_KEYS: each entry must be id:<base64>, the id 1–16 of A-Z a-z 0-9 _ -", "CONFIG");
    const b64 = entry.slice(at + 1);
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64)) throw new PiiError(`PII_KEYS: key ${id} is not base64`, "CONFIG");
    const key = Buffer.from(b64.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (key.length !== 32)
      throw new PiiError(
        `PII_KEYS: key ${id} must be 32 bytes (base64 of 32 random bytes, e.g. openssl rand -base64 32), got ${key.length}`,
        "CONFIG",
      );
    if (keys.has(id)) throw new PiiError(`PII_KEYS: key id ${id} is listed twice`, "CONFIG");
    keys.set(id, key);
  }
  const current = currentId?.trim() || entries[0]!.slice(0, entries[0]!.indexOf(":"));
  if (!keys.has(current)) throw new PiiError(`PII_KEY_ID: ${current} is not one of the ids in PII_KEYS`, "CONFIG");
  return { currentId: current, keys };
}

/** A fresh key entry for PII_KEYS ("id:<base64>"). */
export function generateKeyEntry(id: string): string {
  if (!KEY_ID.test(id)) throw new PiiError("key id must be 1–16 of A-Z a-z 0-9 _ -", "CONFIG");
  return `${id}:${randomBytes(32).toString("base64")}`;
}

const aad = (kind: PiiKind) => Buffer.from(`${PII_PREFIX}/${kind}`, "utf8");

/** Encrypts with the keyring's current key (a fresh random IV every time). */
export function seal(ring: Keyring, plaintext: string, kind: PiiKind = "bank-account"): string {
  const key = ring.keys.get(ring.currentId);
  if (!key) throw new PiiError("the current PII key is missing from the keyring", "CONFIG");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(kind));
  const body = Buffer.concat([iv, cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${PII_PREFIX}.${ring.currentId}.${body.toString("base64url")}`;
}

/** True for a string in the sealed format (does not check it decrypts). */
export function isSealed(value: string | null | undefined): value is string {
  return typeof value === "string" && /^pii1\.[A-Za-z0-9_-]{1,16}\.[A-Za-z0-9_-]+$/.test(value);
}

/** The key id a sealed value was encrypted with. */
export function keyIdOf(sealed: string): string {
  if (!isSealed(sealed)) throw new PiiError("not a sealed value", "MALFORMED");
  return sealed.split(".")[1]!;
}

/**
 * Decrypts. Throws PiiError: MALFORMED (not a sealed value), UNKNOWN_KEY (its key id is not in the
 * keyring: a key was removed too early or the wrong keys are configured), TAMPERED (authentication
 * failed: altered ciphertext, wrong key material under that id, or another kind of data).
 */
export function open(ring: Keyring, sealed: string, kind: PiiKind = "bank-account"): string {
  if (!isSealed(sealed)) throw new PiiError("not a sealed value", "MALFORMED");
  const [, keyId, b64] = sealed.split(".") as [string, string, string];
  const key = ring.keys.get(keyId);
  if (!key) throw new PiiError(`sealed with key ${keyId}, which is not in PII_KEYS`, "UNKNOWN_KEY");
  const body = Buffer.from(b64, "base64url");
  if (body.length < IV_BYTES + TAG_BYTES) throw new PiiError("sealed value too short", "MALFORMED");
  const decipher = createDecipheriv("aes-256-gcm", key, body.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(kind));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new PiiError(`sealed value does not authenticate under key ${keyId}`, "TAMPERED");
  }
}

/** True when the value was sealed with a key other than the current one (re-seal it to rotate). */
export function needsReseal(ring: Keyring, sealed: string): boolean {
  return keyIdOf(sealed) !== ring.currentId;
}

/** Last four digits of an account number (kept in clear beside the sealed value, for lists and search). */
export function accountLast4(accountNumber: string): string {
  return accountNumber.replace(/\D/g, "").slice(-4);
}
