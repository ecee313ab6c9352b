// PayUp (KakaoPay via KCP) sandbox configuration, read from env lazily (on every request) with dev defaults.
// See README.md for what each knob drives.
export const DEFAULTS = {
  /** comma list of `merchantId:apiCertKey`. The seed's own `tester` merchant is included so the seed's
   *  signature vectors verify against the sandbox as-is. */
  SANDBOX_PAYUP_MERCHANTS: "kakaocheckout:DEVPAYUPCERTKEY000000000000000001,tester:25bcd7a82f5b4058818462cc7715964c",
  /** KCP site code PayUp answers in `site_cd` (the real PayUp test site code seen in captures). */
  SANDBOX_PAYUP_SITE_CD: "A8QOB",
  /** Allowed |now − timestamp| in seconds for the order `timestamp` (KST yyyyMMddHHmmss). 0 = do not check
   *  (what the real test server evidently does). */
  SANDBOX_PAYUP_TIMESTAMP_SKEW_SEC: "600",
  /** 5001 / 5002 bounds (KRW, inclusive). */
  SANDBOX_PAYUP_MIN_AMOUNT: "100",
  SANDBOX_PAYUP_MAX_AMOUNT: "5000000",
  /** 5003 / 5004: merchant daily / monthly approved total caps (KRW, KST calendar); checked at order time. */
  SANDBOX_PAYUP_DAILY_LIMIT: "20000000",
  SANDBOX_PAYUP_MONTHLY_LIMIT: "200000000",
  /** 5005: cap on the merchant's approved, not-yet-settled, not-cancelled amount (이행보증보험 한도). */
  SANDBOX_PAYUP_GUARANTEE_LIMIT: "50000000",
  /** A payment settles this many seconds after approval; cancelling a settled payment needs enough unsettled
   *  balance (1003). */
  SANDBOX_PAYUP_SETTLE_AFTER_SEC: String(2 * 24 * 3600),
  /** An order (window) can be authenticated / approved for this long after the order call. */
  SANDBOX_PAYUP_ORDER_TTL_SEC: "1800",
  /** HMAC key of the sandbox's opaque enc_info / enc_data tokens (random per process when empty). */
  SANDBOX_PAYUP_ENC_SECRET: "",
  /** "1": 8002 answers also carry transactionId / orderNumber / amount / authDateTime. Off by default: the seed lists
   *  none of them for 8002 (opt-in for tests of tolerance only). */
  SANDBOX_PAYUP_8002_DETAILS: "",
} as const;

export type PayUpSandboxConfig = {
  merchants: Map<string, string>;
  siteCd: string;
  timestampSkewSec: number;
  minAmount: number;
  maxAmount: number;
  dailyLimit: number;
  monthlyLimit: number;
  guaranteeLimit: number;
  settleAfterSec: number;
  orderTtlSec: number;
  encSecret: string;
  details8002: boolean;
};

const processSecret = `payup-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

function num(env: NodeJS.ProcessEnv, key: keyof typeof DEFAULTS): number {
  const n = Number(env[key] || DEFAULTS[key]);
  return Number.isFinite(n) ? n : Number(DEFAULTS[key]);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): PayUpSandboxConfig {
  const merchants = new Map<string, string>();
  for (const pair of (env.SANDBOX_PAYUP_MERCHANTS || DEFAULTS.SANDBOX_PAYUP_MERCHANTS).split(",")) {
    const at = pair.indexOf(":");
    if (at <= 0) continue;
    const id = pair.slice(0, at).trim();
    const key = pair.slice(at + 1).trim();
    if (id && key) merchants.set(id, key);
  }
  return {
    merchants,
    siteCd: env.SANDBOX_PAYUP_SITE_CD || DEFAULTS.SANDBOX_PAYUP_SITE_CD,
    timestampSkewSec: num(env, "SANDBOX_PAYUP_TIMESTAMP_SKEW_SEC"),
    minAmount: num(env, "SANDBOX_PAYUP_MIN_AMOUNT"),
    maxAmount: num(env, "SANDBOX_PAYUP_MAX_AMOUNT"),
    dailyLimit: num(env, "SANDBOX_PAYUP_DAILY_LIMIT"),
    monthlyLimit: num(env, "SANDBOX_PAYUP_MONTHLY_LIMIT"),
    guaranteeLimit: num(env, "SANDBOX_PAYUP_GUARANTEE_LIMIT"),
    settleAfterSec: num(env, "SANDBOX_PAYUP_SETTLE_AFTER_SEC"),
    orderTtlSec: num(env, "SANDBOX_PAYUP_ORDER_TTL_SEC"),
    encSecret: env.SANDBOX_PAYUP_ENC_SECRET || processSecret,
    details8002: (env.SANDBOX_PAYUP_8002_DETAILS || DEFAULTS.SANDBOX_PAYUP_8002_DETAILS) === "1",
  };
}
