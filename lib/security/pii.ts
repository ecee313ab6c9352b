// Personal data encrypted at rest, with the app's keys (PII_KEYS / PII_KEY_ID, validated in lib/env.ts).
// Server-only: holds key material. (Not `import "server-only"`: the worker and scripts import lib/ under
// plain Node, where that package throws; the guard below refuses a browser bundle at runtime instead.)
//
//   const sealed = sealPii("12345601234567");          // → "pii1.k1.…" for a TEXT column
//   const plain  = openPii(sealed);                     // only where the full value is really needed
//   accountLast4("123456-01-234567") → "4567"          // store beside it for lists and search
//
// Kinds ("bank-account" default, "birth-date", "phone", "name") are authenticated: open with the kind
// you sealed with. openPii throws PiiError (UNKNOWN_KEY / TAMPERED / MALFORMED); never log the value.
import { env } from "@/lib/env";
import {
  accountLast4,
  isSealed,
  keyIdOf,
  type Keyring,
  needsReseal,
  open,
  parseKeyring,
  PiiError,
  type PiiKind,
  seal,
} from "./pii-crypto";

if (typeof window !== "undefined")
  throw new Error("lib/security/pii.ts holds encryption keys and must not be bundled for the browser");

export { accountLast4, isSealed, keyIdOf, PiiError, type PiiKind };

let cached: { spec: string; id: string; ring: Keyring } | undefined;

/** The configured keyring (PII_KEYS, PII_KEY_ID); cached per configuration. */
export function piiKeyring(): Keyring {
  const e = env();
  const spec = e.PII_KEYS;
  const id = e.PII_KEY_ID;
  if (cached && cached.spec === spec && cached.id === id) return cached.ring;
  const ring = parseKeyring(spec, id || undefined);
  cached = { spec, id, ring };
  return ring;
}

/** Encrypts with the current key: "pii1.<keyId>.<base64url>". */
export function sealPii(plaintext: string, kind: PiiKind = "bank-account"): string {
  return seal(piiKeyring(), plaintext, kind);
}

/** Decrypts a value sealed by sealPii (any key still listed in PII_KEYS). */
export function openPii(sealed: string, kind: PiiKind = "bank-account"): string {
  return open(piiKeyring(), sealed, kind);
}

/** Like openPii for nullable columns: null stays null. */
export function openPiiOrNull(sealed: string | null | undefined, kind: PiiKind = "bank-account"): string | null {
  return sealed == null ? null : openPii(sealed, kind);
}

/** True when the value is sealed with an older key (the data step re-seals those). */
export function piiNeedsReseal(sealed: string): boolean {
  return needsReseal(piiKeyring(), sealed);
}

/** The two columns an account number is stored as: sealed value and its last four digits in clear. */
export function sealAccountNumber(accountNumber: string): { sealed: string; last4: string } {
  return { sealed: sealPii(accountNumber, "bank-account"), last4: accountLast4(accountNumber) };
}
