// Every environment variable the app reads, declared and validated once (t3 env style).
// Server-only: nothing here may be imported by a client component.
import { z } from "zod";

const url = z.string().url();
const csv = z
  .string()
  .default("")
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required"),
  /** Public base URL of this app as customers' browsers reach it (used for provider return URLs). */
  APP_URL: url.default("http://127.0.0.1:3000"),
  /** Signs the order-access cookie. Required (≥ 32 chars) in production. */
  APP_SECRET: z.string().min(16).default("dev-only-insecure-app-secret-change-me"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Show the demo admin login on the login page (dev only). */
  SHOW_DEMO_LOGIN: z.enum(["0", "1"]).default("0"),
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8_000),

  // KakaoPay online (open-api.kakaopay.com)
  KAKAOPAY_API_BASE: url.default("https://open-api.kakaopay.com"),
  KAKAOPAY_SECRET_KEY: z.string().min(1, "KAKAOPAY_SECRET_KEY is required"),
  KAKAOPAY_CID: z.string().length(10, "KAKAOPAY_CID must be 10 characters"),

  // PayUp (KakaoPay through KCP)
  PAYUP_API_BASE: url.default("https://api.payup.co.kr"),
  PAYUP_MERCHANT_ID: z.string().default(""),
  PAYUP_API_CERT_KEY: z.string().default(""),
  KCP_SCRIPT_URL: z.string().default(""),

  // Dozn agency (KakaoPay bills)
  DOZN_API_BASE: z.string().default(""),
  DOZN_BILLER_CODE: z.string().default(""),
  DOZN_API_KEY: z.string().default(""),
  /** The credential the agency presents when it calls our /kakao/* endpoints. */
  DOZN_AGENCY_CREDENTIAL: z.string().default(""),
  /** IPs allowed to call /kakao/*; X-Forwarded-For is honoured only from TRUSTED_PROXY_IPS. */
  DOZN_AGENCY_IPS: csv,
  TRUSTED_PROXY_IPS: csv,
  /** The standalone biller API (scripts/biller-server.ts, `npm run biller`): /kakao/* without Next.js. */
  BILLER_PORT: z.coerce.number().int().min(0).max(65_535).default(3100),
  BILLER_HOST: z.string().min(1).default("127.0.0.1"),

  // Linkhub family (Barocert CMS consent, KakaoCert e-sign)
  LINKHUB_LINK_ID: z.string().default(""),
  LINKHUB_SECRET_KEY: z.string().default(""),
  BAROCERT_CLIENT_CODE: z.string().default(""),
  BAROCERT_SERVICE_URL: z.string().default(""),
  BAROCERT_AUTH_URL: z.string().default(""),
  BAROCERT_RESULT_KEY: z.string().default(""),
  BAROCERT_RESULT_IV: z.string().default(""),
  KAKAOCERT_CLIENT_CODE: z.string().default(""),
  KAKAOCERT_SERVICE_URL: z.string().default(""),
  KAKAOCERT_AUTH_URL: z.string().default(""),
  /**
   * App-to-app e-sign: where the phone opens KakaoTalk for a tx_id, with {tx_id} and {return}
   * (URL-encoded return page) placeholders. Empty: only KakaoTalk-message signing is offered.
   */
  KAKAOCERT_APP_LAUNCH_URL: z.string().default(""),
  /** Shown as 고객센터 in KakaoCert messages. */
  CONSENT_CALL_CENTER: z.string().default("1588-0000"),
  /** The billing organisation (청구기관명) in CMS consents. */
  CONSENT_REQUEST_CORP: z.string().default("카카오 체크아웃"),
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
  if (parsed.data.NODE_ENV === "production" && parsed.data.APP_SECRET.startsWith("dev-only") && process.env.ALLOW_DEV_SECRET !== "1") {
    throw new Error("Invalid environment:\n  APP_SECRET: set a random value of at least 32 characters in production");
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache() {
  cached = undefined;
}
