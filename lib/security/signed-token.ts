// One signed-token scheme for what the app hands out and later trusts without a database row: the
// order-access and consent-access cookies and the payment attempt tokens in provider return URLs.
// HMAC-SHA256 over "<version>:<purpose>:<value>" (the purpose keeps a token for one use from passing
// as another), base64url, 132 bits kept, prefixed with its version so the scheme can change later
// without misreading old tokens; compared in constant time.
import { createHmac, timingSafeEqual } from "node:crypto";

export type TokenPurpose = "order-access" | "consent-access" | "payment-attempt";

const VERSION = "v1";
const MAC_LENGTH = 22; // 132 bits of base64url

function mac(secret: string, purpose: TokenPurpose, value: string): string {
  return createHmac("sha256", secret).update(`${VERSION}:${purpose}:${value}`).digest("base64url").slice(0, MAC_LENGTH);
}

/** A token proving `value` was issued by us for `purpose` (URL- and cookie-safe: [A-Za-z0-9_-]). */
export function signToken(secret: string, purpose: TokenPurpose, value: string): string {
  return `${VERSION}${mac(secret, purpose, value)}`;
}

/** Whether `token` is ours for this purpose and value (any other version, length or signature: false). */
export function verifyToken(
  secret: string,
  purpose: TokenPurpose,
  value: string,
  token: string | null | undefined,
): boolean {
  if (!token || !token.startsWith(VERSION) || token.length !== VERSION.length + MAC_LENGTH) return false;
  const expected = Buffer.from(mac(secret, purpose, value));
  const got = Buffer.from(token.slice(VERSION.length));
  return expected.length === got.length && timingSafeEqual(expected, got);
}

// A cookie holding several signed values: "<value>~<token>.<value>~<token>…" (values must not contain
// "." or "~"). The newest `max` entries are kept.
const SEP = ".";
const PAIR = "~";

const entriesOf = (raw: string | undefined) => (raw ?? "").split(SEP).filter(Boolean);

/** The list with `value` (re-)signed at its end. */
export function addSigned(
  secret: string,
  purpose: TokenPurpose,
  raw: string | undefined,
  value: string,
  max = 20,
): string {
  const kept = entriesOf(raw).filter((e) => !e.startsWith(`${value}${PAIR}`));
  return [...kept.slice(-(max - 1)), `${value}${PAIR}${signToken(secret, purpose, value)}`].join(SEP);
}

/** Whether the list carries a valid token for `value`. */
export function hasSigned(secret: string, purpose: TokenPurpose, raw: string | undefined, value: string): boolean {
  return entriesOf(raw).some((entry) => {
    const [v, token] = entry.split(PAIR);
    return v === value && verifyToken(secret, purpose, value, token);
  });
}

/** Every value the list proves (tokens checked). */
export function signedValues(secret: string, purpose: TokenPurpose, raw: string | undefined): string[] {
  return entriesOf(raw)
    .map((entry) => entry.split(PAIR))
    .filter(([v, token]) => !!v && verifyToken(secret, purpose, v, token))
    .map(([v]) => v!);
}
