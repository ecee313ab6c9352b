// The matching pair of settings for the app and the sandbox in dev and tests: demo credentials
// that only the local sandbox accepts. Real deployments set the app's variables to real keys and
// real provider base URLs instead (see README).
export const DEMO_KEYS = {
  kakaopaySecretKey: "DEVSANDBOXKAKAOPAYSECRETKEY0001",
  kakaopayCid: "TC0ONETIME",
};

export function sandboxEnv(opts: { port: number; appUrl: string }): Record<string, string> {
  return {
    SANDBOX_PORT: String(opts.port),
    SANDBOX_PUBLIC_URL: `http://127.0.0.1:${opts.port}`,
    SANDBOX_KAKAOPAY_SECRET_KEYS: DEMO_KEYS.kakaopaySecretKey,
    SANDBOX_KAKAOPAY_CIDS: DEMO_KEYS.kakaopayCid,
  };
}

export function appEnv(opts: { databaseUrl: string; sandboxUrl: string; appUrl: string }): Record<string, string> {
  return {
    DATABASE_URL: opts.databaseUrl,
    APP_URL: opts.appUrl,
    SHOW_DEMO_LOGIN: "1",
    KAKAOPAY_API_BASE: opts.sandboxUrl,
    KAKAOPAY_SECRET_KEY: DEMO_KEYS.kakaopaySecretKey,
    KAKAOPAY_CID: DEMO_KEYS.kakaopayCid,
  };
}
