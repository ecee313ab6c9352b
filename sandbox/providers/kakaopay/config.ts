// KakaoPay sandbox configuration, read from env lazily (on every request) with dev defaults.
export const DEFAULTS = {
  /** comma-separated secret keys accepted in `Authorization: SECRET_KEY <key>` */
  SANDBOX_KAKAOPAY_SECRET_KEYS: "DEVSANDBOXKAKAOPAYSECRETKEY0001",
  /** comma-separated merchant codes (cid) accepted by every API */
  SANDBOX_KAKAOPAY_CIDS: "TC0ONETIME",
} as const;

export type KakaoPaySandboxConfig = {
  secretKeys: Set<string>;
  cids: Set<string>;
};

function list(spec: string): Set<string> {
  return new Set(
    spec
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): KakaoPaySandboxConfig {
  return {
    secretKeys: list(env.SANDBOX_KAKAOPAY_SECRET_KEYS || DEFAULTS.SANDBOX_KAKAOPAY_SECRET_KEYS),
    cids: list(env.SANDBOX_KAKAOPAY_CIDS || DEFAULTS.SANDBOX_KAKAOPAY_CIDS),
  };
}
