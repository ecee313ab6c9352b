// Every environment variable the app reads, declared and validated once (t3 env style).
// Server-only: nothing here may be imported by a client component.
import { z } from "zod";
import { parseKeyring } from "./security/pii-crypto";

const url = z.string().url();
/** A setting that may be left empty (its feature is then off, or the doctor asks for it in production). */
const optional = z.string().default("");
const csv = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** A rate limit as "points/seconds" (e.g. "3/600": 3 per 10 minutes), with an optional lockout "…/block=900". */
const limit = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((s) => /^\d{1,6}\/\d{1,7}(\/block=\d{1,7})?$/.test(s), "rate limit must look like 3/600 or 5/900/block=900")
    .transform((s) => {
      const [points, seconds, block] = s.split("/");
      return {
        points: Number(points),
        seconds: Number(seconds),
        blockSeconds: block ? Number(block.slice(6)) : undefined,
      };
    })
    .refine((l) => l.points >= 1 && l.seconds >= 1, "rate limit points and seconds must be at least 1");

/** Origins (scheme://host[:port]) for CSP lists; each entry must be an absolute http(s) URL. */
const origins = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(/[\s,]+/)
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .refine(
    (list) => list.every((x) => /^https?:\/\/[^\s/;,']+$/i.test(x.replace(/\/$/, ""))),
    "list origins as https://host[:port], comma-separated",
  );

export const DEV_APP_SECRET = "dev-only-insecure-app-secret-change-me";
/** Used when PII_KEYS is unset outside production (a fixed, public key: never for real data). */
export const DEV_PII_KEYS = "devonly:rgwzOX5dTA8m3iPeLaa9vrj2QggEGwc2Awo/tLtxtRU=";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required"),
  /** Public base URL of this app as customers' browsers reach it (used for provider return URLs). */
  APP_URL: url.default("http://127.0.0.1:3000"),
  /** Signs the access cookies and keys the rate-limit counters. Required (≥ 32 chars, not the dev value) in production. */
  APP_SECRET: z
    .string()
    .min(16, "APP_SECRET must be at least 16 characters (32 in production)")
    .default(DEV_APP_SECRET),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Show the demo admin login on the login page (dev only). */
  SHOW_DEMO_LOGIN: z.enum(["0", "1"]).default("0"),
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8_000),
  /**
   * After the worker ends an attempt whose approve was sent (expired / refused at the provider), it
   * looks once more this many seconds later: a capture that still arrives is handled by the
   * late-capture rule instead of waiting for someone to click.
   */
  LATE_CHECK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),

  // KakaoPay online (open-api.kakaopay.com)
  KAKAOPAY_API_BASE: url.default("https://open-api.kakaopay.com"),
  KAKAOPAY_SECRET_KEY: z.string().min(1, "KAKAOPAY_SECRET_KEY is required"),
  KAKAOPAY_CID: z.string().length(10, "KAKAOPAY_CID must be 10 characters"),

  // PayUp (KakaoPay through KCP)
  PAYUP_API_BASE: url.default("https://api.payup.co.kr"),
  PAYUP_MERCHANT_ID: optional,
  PAYUP_API_CERT_KEY: optional,
  KCP_SCRIPT_URL: optional,

  // Dozn agency (KakaoPay bills)
  DOZN_API_BASE: optional,
  DOZN_BILLER_CODE: optional,
  DOZN_API_KEY: optional,
  /**
   * Optional credential the agency presents on our /kakao/* endpoints (seed 003 names none): empty =
   * none, the IP allow-list alone decides. Set only if agreed with Dozn; then it is required.
   */
  DOZN_AGENCY_CREDENTIAL: optional,
  /** The header that carries it (default Authorization). */
  DOZN_AGENCY_CREDENTIAL_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "DOZN_AGENCY_CREDENTIAL_HEADER must be a header name")
    .default("Authorization"),
  /** Its value, with {credential} replaced (default the raw credential; e.g. "Bearer {credential}"). */
  DOZN_AGENCY_CREDENTIAL_FORMAT: z
    .string()
    .refine((s) => s.includes("{credential}"), "DOZN_AGENCY_CREDENTIAL_FORMAT must contain {credential}")
    .default("{credential}"),
  /** IPs allowed to call /kakao/* (required: empty refuses every call); X-Forwarded-For is honoured only from TRUSTED_PROXY_IPS. */
  DOZN_AGENCY_IPS: csv,
  TRUSTED_PROXY_IPS: csv,
  /** The standalone biller API (scripts/biller-server.ts, `npm run biller`): /kakao/* without Next.js. */
  BILLER_PORT: z.coerce.number().int().min(0).max(65_535).default(3100),
  BILLER_HOST: z.string().min(1).default("127.0.0.1"),

  // Linkhub family (Barocert CMS consent, KakaoCert e-sign)
  LINKHUB_LINK_ID: optional,
  LINKHUB_SECRET_KEY: optional,
  BAROCERT_CLIENT_CODE: optional,
  BAROCERT_SERVICE_URL: optional,
  BAROCERT_AUTH_URL: optional,
  BAROCERT_RESULT_KEY: optional,
  BAROCERT_RESULT_IV: optional,
  KAKAOCERT_CLIENT_CODE: optional,
  KAKAOCERT_SERVICE_URL: optional,
  KAKAOCERT_AUTH_URL: optional,
  /**
   * App-to-app e-sign: where the phone opens KakaoTalk for a tx_id, with {tx_id} and {return}
   * (URL-encoded return page) placeholders. Empty: only KakaoTalk-message signing is offered.
   */
  KAKAOCERT_APP_LAUNCH_URL: optional,
  /** Shown as 고객센터 in KakaoCert messages. */
  CONSENT_CALL_CENTER: z.string().default("1588-0000"),
  /** The billing organisation (청구기관명) in CMS consents. */
  CONSENT_REQUEST_CORP: z.string().default("카카오 체크아웃"),

  // Mail (optional): staff invitations are also sent by mail when SMTP_URL is set.
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465; empty = no mail, the owner passes the link on. */
  SMTP_URL: z
    .string()
    .default("")
    .refine(
      (s) => s === "" || /^smtps?:\/\/[^\s]+$/i.test(s),
      "SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465",
    ),
  /** The From address of those mails, e.g. "카카오 체크아웃 <no-reply@example.com>" (required with SMTP_URL). */
  MAIL_FROM: optional,

  /**
   * Encryption of personal data at rest (lib/security/pii.ts, AES-256-GCM): "id:<base64 of 32 random
   * bytes>", comma-separated to keep older keys readable while rotating (e.g. "k2:…,k1:…"). Required in
   * production; elsewhere the public dev key DEV_PII_KEYS is used when unset.
   */
  PII_KEYS: optional,
  /** The id in PII_KEYS that new values are sealed with (default: the first listed). */
  PII_KEY_ID: optional,

  // Rate limits (lib/ratelimit; counters in PostgreSQL, shared by every instance). "points/seconds".
  /** Consent requests (each a KakaoTalk message and a billable provider call) per phone number. */
  RATE_LIMIT_CONSENT_PER_PHONE: limit("3/600"),
  /** Consent requests per client IP. */
  RATE_LIMIT_CONSENT_PER_IP: limit("20/600"),
  /** The consent waiting screen's status polls (each a provider call) per client IP. */
  RATE_LIMIT_CONSENT_REFRESH_PER_IP: limit("120/60"),
  /** Order lookups per client IP. */
  RATE_LIMIT_LOOKUP_PER_IP: limit("30/600"),
  /** Wrong phone numbers for one order number before its lookup is locked (block = lock length). */
  RATE_LIMIT_LOOKUP_PER_ORDER: limit("5/900/block=900"),
  /** Orders created and payment windows opened (provider `ready` calls) per client IP. */
  RATE_LIMIT_CHECKOUT_PER_IP: limit("20/600"),
  /** Failed admin logins per account + IP before that pair is locked out (block = lock length). */
  RATE_LIMIT_LOGIN_PER_ACCOUNT_IP: limit("5/900/block=900"),
  /** Failed admin logins per IP, whatever the account. */
  RATE_LIMIT_LOGIN_PER_IP: limit("50/3600/block=3600"),

  // Content-Security-Policy (proxy.ts). Defaults come from the provider URLs above.
  /** Extra origins the browser may post forms to / be redirected to after a form (KCP mobile pay_url hosts …). */
  CSP_FORM_ACTION: origins,
  /** Extra origins that may be framed (the KCP PC window's layers, a postcode service …). */
  CSP_FRAME_SRC: origins,
  /** Extra origins for scripts (KCP's payplus_web.jsp host); with 'strict-dynamic' only for old browsers. */
  CSP_SCRIPT_SRC: origins,
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Validated env; throws one readable error listing every problem (at first use). */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  // No bypass: production always needs its own secret (tests and benchmarks generate one, scripts/lib/demo-env.ts).
  if (
    parsed.data.NODE_ENV === "production" &&
    (parsed.data.APP_SECRET.length < 32 || parsed.data.APP_SECRET.startsWith("dev-only"))
  ) {
    throw new Error("Invalid environment:\n  APP_SECRET: set a random value of at least 32 characters in production");
  }
  if (
    parsed.data.SMTP_URL &&
    !/^[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>$/.test(parsed.data.MAIL_FROM.trim())
  ) {
    throw new Error(
      "Invalid environment:\n  MAIL_FROM: set the sender address (e.g. no-reply@example.com) when SMTP_URL is set",
    );
  }
  const data = parsed.data;
  if (!data.PII_KEYS) {
    if (data.NODE_ENV === "production")
      throw new Error(
        "Invalid environment:\n  PII_KEYS: set at least one key (id:<base64 of 32 random bytes>, e.g. k1:$(openssl rand -base64 32)) in production",
      );
    data.PII_KEYS = DEV_PII_KEYS;
  }
  try {
    const ring = parseKeyring(data.PII_KEYS, data.PII_KEY_ID || undefined);
    const devKey = parseKeyring(DEV_PII_KEYS).keys.values().next().value!;
    if (data.NODE_ENV === "production" && [...ring.keys.values()].some((k) => k.equals(devKey)))
      throw new Error("PII_KEYS: the public dev key cannot be used in production");
  } catch (e) {
    throw new Error(`Invalid environment:\n  ${e instanceof Error ? e.message : String(e)}`);
  }
  cached = data;
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache() {
  cached = undefined;
}
