// Dozn sandbox configuration: read from env lazily (each call), overridable per sandbox instance
// through POST /__sandbox/dozn/config (tests point the agency at their fake biller this way).
export type DoznSandboxConfig = {
  /** biller_code → Authorization value accepted on the link API */
  billers: Map<string, string>;
  /** Where the agency calls the biller endpoints (/kakao/notice, /kakao/prepay, /kakao/pay-result). */
  billerBaseUrl: string;
  /** Shared credential the agency sends to the biller as `Authorization: Bearer <credential>`. */
  agencyCredential: string;
  /** How long the agency waits for the biller (the seed asks billers to answer within ~3 s). */
  billerTimeoutMs: number;
};

export const DEFAULTS = {
  SANDBOX_DOZN_BILLERS: "KCBILLER01:DEVDOZNAPIKEY0001",
  SANDBOX_DOZN_BILLER_BASE_URL: "http://127.0.0.1:3000",
  SANDBOX_DOZN_AGENCY_CREDENTIAL: "DEVDOZNAGENCYCREDENTIAL0001",
  SANDBOX_DOZN_BILLER_TIMEOUT_MS: "10000",
} as const;

export type ConfigOverrides = Partial<{
  billers: Record<string, string>;
  billerBaseUrl: string;
  agencyCredential: string;
  billerTimeoutMs: number;
}>;

export function parseBillers(spec: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of spec.split(",")) {
    const s = part.trim();
    if (!s) continue;
    const i = s.indexOf(":");
    if (i <= 0) continue;
    m.set(s.slice(0, i).trim(), s.slice(i + 1).trim());
  }
  return m;
}

export function readConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): DoznSandboxConfig {
  const billers = overrides.billers
    ? new Map(Object.entries(overrides.billers))
    : parseBillers(env.SANDBOX_DOZN_BILLERS || DEFAULTS.SANDBOX_DOZN_BILLERS);
  const timeout = Number(env.SANDBOX_DOZN_BILLER_TIMEOUT_MS || DEFAULTS.SANDBOX_DOZN_BILLER_TIMEOUT_MS);
  return {
    billers,
    billerBaseUrl: (overrides.billerBaseUrl ?? (env.SANDBOX_DOZN_BILLER_BASE_URL || DEFAULTS.SANDBOX_DOZN_BILLER_BASE_URL)).replace(/\/+$/, ""),
    agencyCredential: overrides.agencyCredential ?? (env.SANDBOX_DOZN_AGENCY_CREDENTIAL || DEFAULTS.SANDBOX_DOZN_AGENCY_CREDENTIAL),
    billerTimeoutMs: overrides.billerTimeoutMs ?? (Number.isFinite(timeout) && timeout > 0 ? timeout : 10000),
  };
}
