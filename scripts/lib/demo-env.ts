import { createHash, randomBytes } from "node:crypto";
// The matching pair of settings for the app and the sandbox in dev and tests: demo credentials
// that only the local sandbox accepts. Real deployments set the app's variables to real keys and
// real provider base URLs instead (see README).
export const DEMO_KEYS = {
  kakaopaySecretKey: "DEVSANDBOXKAKAOPAYSECRETKEY0001",
  kakaopayCid: "TC0ONETIME",
  payupMerchantId: "kakaocheckout",
  payupApiCertKey: "DEVPAYUPCERTKEY000000000000000001",
  // Dozn agency (KakaoPay bills): our biller code + link API key, and the agency's allowed IPs (the
  // sandbox agency calls from loopback). Seed 003 gives the agency → biller calls no credential, so
  // dev and the tests use none; doznAgencyCredential is only for setups that configure one (bench).
  doznBillerCode: "KCBILLER01",
  doznApiKey: "DEVDOZNAPIKEY0001",
  doznAgencyCredential: "DEVDOZNAGENCYCREDENTIAL0001",
  doznAgencyIps: "127.0.0.1,::1",
  // Linkhub family (Barocert CMS consent, KakaoCert e-sign): the public SDK sample LinkID/SecretKey
  // and Barocert's published result-decryption sample key/IV (not secrets).
  linkhubLinkId: "TESTER",
  linkhubSecretKey: "SwWxqU+0TErBXy/9TVjIPEnI0VTUMMSQZtJf3Ed8q3I=",
  barocertClientCode: "023040000001",
  kakaocertClientCode: "020040000001",
  barocertResultKey: "ngLuIsOvtgCjiXtrCHeTq2hw11hK7p2/hqijiEOZcWI=",
  barocertResultIv: "LqPCk23cZpWZh4YKtPIaBg==",
};

/** billerUrl: where the sandbox agency calls /kakao/* (the standalone biller API, or the app itself). */
export function sandboxEnv(opts: { port: number; appUrl: string; billerUrl?: string }): Record<string, string> {
  return {
    SANDBOX_PORT: String(opts.port),
    SANDBOX_PUBLIC_URL: `http://127.0.0.1:${opts.port}`,
    SANDBOX_KAKAOPAY_SECRET_KEYS: DEMO_KEYS.kakaopaySecretKey,
    SANDBOX_KAKAOPAY_CIDS: DEMO_KEYS.kakaopayCid,
    SANDBOX_PAYUP_MERCHANTS: `${DEMO_KEYS.payupMerchantId}:${DEMO_KEYS.payupApiCertKey}`,
    SANDBOX_DOZN_BILLERS: `${DEMO_KEYS.doznBillerCode}:${DEMO_KEYS.doznApiKey}`,
    SANDBOX_DOZN_BILLER_BASE_URL: opts.billerUrl ?? opts.appUrl,
    SANDBOX_LINKHUB_LINK_ID: DEMO_KEYS.linkhubLinkId,
    SANDBOX_LINKHUB_SECRET_KEY: DEMO_KEYS.linkhubSecretKey,
    SANDBOX_BAROCERT_CLIENT_CODE: DEMO_KEYS.barocertClientCode,
    SANDBOX_KAKAOCERT_CLIENT_CODE: DEMO_KEYS.kakaocertClientCode,
    SANDBOX_BAROCERT_RESULT_KEY: DEMO_KEYS.barocertResultKey,
    SANDBOX_BAROCERT_RESULT_IV: DEMO_KEYS.barocertResultIv,
  };
}

/**
 * Rate limits loose enough for test suites and benchmarks that drive many checkouts, lookups and
 * consent requests from 127.0.0.1 with the demo phone number. Tests of the limits set their own.
 */
export function relaxedRateLimits(): Record<string, string> {
  return {
    RATE_LIMIT_CONSENT_PER_PHONE: "1000/600",
    RATE_LIMIT_CONSENT_PER_IP: "10000/600",
    RATE_LIMIT_CONSENT_REFRESH_PER_IP: "100000/60",
    RATE_LIMIT_LOOKUP_PER_IP: "10000/600",
    RATE_LIMIT_LOOKUP_PER_ORDER: "1000/900/block=900",
    RATE_LIMIT_CHECKOUT_PER_IP: "10000/600",
    RATE_LIMIT_LOGIN_PER_ACCOUNT_IP: "1000/900/block=900",
    RATE_LIMIT_LOGIN_PER_IP: "10000/3600/block=3600",
  };
}

/**
 * appSecret: signs cookies and keys rate limits; by default a fresh random one per process that
 * calls this (tests and benchmarks run with NODE_ENV=production, which refuses the dev secret).
 */
export function appEnv(opts: {
  databaseUrl: string;
  sandboxUrl: string;
  appUrl: string;
  appSecret?: string;
}): Record<string, string> {
  const appSecret = opts.appSecret ?? randomBytes(32).toString("base64url");
  return {
    DATABASE_URL: opts.databaseUrl,
    APP_URL: opts.appUrl,
    APP_SECRET: appSecret,
    ...demoPiiKeys(appSecret),
    SHOW_DEMO_LOGIN: "1",
    KAKAOPAY_API_BASE: opts.sandboxUrl,
    KAKAOPAY_SECRET_KEY: DEMO_KEYS.kakaopaySecretKey,
    KAKAOPAY_CID: DEMO_KEYS.kakaopayCid,
    PAYUP_API_BASE: opts.sandboxUrl,
    PAYUP_MERCHANT_ID: DEMO_KEYS.payupMerchantId,
    PAYUP_API_CERT_KEY: DEMO_KEYS.payupApiCertKey,
    KCP_SCRIPT_URL: `${opts.sandboxUrl}/kcp/payplus_web.jsp`,
    DOZN_API_BASE: opts.sandboxUrl,
    DOZN_BILLER_CODE: DEMO_KEYS.doznBillerCode,
    DOZN_API_KEY: DEMO_KEYS.doznApiKey,
    DOZN_AGENCY_IPS: DEMO_KEYS.doznAgencyIps,
    LINKHUB_LINK_ID: DEMO_KEYS.linkhubLinkId,
    LINKHUB_SECRET_KEY: DEMO_KEYS.linkhubSecretKey,
    BAROCERT_CLIENT_CODE: DEMO_KEYS.barocertClientCode,
    BAROCERT_SERVICE_URL: opts.sandboxUrl,
    BAROCERT_AUTH_URL: opts.sandboxUrl,
    BAROCERT_RESULT_KEY: DEMO_KEYS.barocertResultKey,
    BAROCERT_RESULT_IV: DEMO_KEYS.barocertResultIv,
    KAKAOCERT_CLIENT_CODE: DEMO_KEYS.kakaocertClientCode,
    KAKAOCERT_SERVICE_URL: opts.sandboxUrl,
    KAKAOCERT_AUTH_URL: opts.sandboxUrl,
    // app-to-app: the sandbox's simulated KakaoTalk app (the real scheme format is unpublished)
    KAKAOCERT_APP_LAUNCH_URL: `${opts.sandboxUrl}/kakaotalk/app/{tx_id}?return={return}`,
  };
}

/**
 * Dev and tests: the personal-data encryption key (PII_KEYS, lib/security/pii.ts) derived from the app
 * secret, so every process given the same secret (app, worker, biller, a test file) reads the same
 * rows, and `npm run dev` keeps its key across restarts (.data/dev-app-secret). Production sets
 * PII_KEYS to its own random key(s) instead (README, `npm run doctor`).
 */
export function demoPiiKeys(appSecret: string): { PII_KEYS: string; PII_KEY_ID: string } {
  const key = createHash("sha256").update(`kakao-checkout demo pii key\0${appSecret}`).digest("base64");
  return { PII_KEYS: `demo:${key}`, PII_KEY_ID: "demo" };
}
