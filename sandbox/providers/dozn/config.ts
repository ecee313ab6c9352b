// Dozn sandbox configuration: read from env lazily (each call), overridable per sandbox instance
// through POST /__sandbox/dozn/config (tests point the agency at their fake biller this way).
export type DoznSandboxConfig = {
  /** biller_code → Authorization value accepted on the link API */
  billers: Map<string, string>;
  /** Where the agency calls the biller endpoints (/kakao/notice, /kakao/prepay, /kakao/pay-result). */
  billerBaseUrl: string;
  /**
   * Optional credential the agency sends to the biller. Seed 003 §1.3 names none for agency → biller
   * calls (only allowed IPs), so the default is empty: the request carries no credential header at all.
   */
  agencyCredential: string;
  /** Header carrying it (default Authorization) and its value with {credential} replaced (default raw). */
  agencyCredentialHeader: string;
  agencyCredentialFormat: string;
  /** How long the agency waits for the biller (seed §2.1.1: "기본 3 초 내외"). */
  billerTimeoutMs: number;
};

export const DEFAULTS = {
  SANDBOX_DOZN_BILLERS: "KCBILLER01:DEVDOZNAPIKEY0001",
  SANDBOX_DOZN_BILLER_BASE_URL: "http://127.0.0.1:3000",
  SANDBOX_DOZN_AGENCY_CREDENTIAL: "",
  SANDBOX_DOZN_AGENCY_CREDENTIAL_HEADER: "Authorization",
  SANDBOX_DOZN_AGENCY_CREDENTIAL_FORMAT: "{credential}",
  SANDBOX_DOZN_BILLER_TIMEOUT_MS: "3000",
} as const;

export type ConfigOverrides = Partial<{
  billers: Record<string, string>;
  billerBaseUrl: string;
  agencyCredential: string;
  agencyCredentialHeader: string;
  agencyCredentialFormat: string;
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
    billerBaseUrl: (
      overrides.billerBaseUrl ??
      (env.SANDBOX_DOZN_BILLER_BASE_URL || DEFAULTS.SANDBOX_DOZN_BILLER_BASE_URL)
    ).replace(/\/+$/, ""),
    agencyCredential:
      overrides.agencyCredential ?? (env.SANDBOX_DOZN_AGENCY_CREDENTIAL || DEFAULTS.SANDBOX_DOZN_AGENCY_CREDENTIAL),
    agencyCredentialHeader:
      overrides.agencyCredentialHeader ||
      env.SANDBOX_DOZN_AGENCY_CREDENTIAL_HEADER ||
      DEFAULTS.SANDBOX_DOZN_AGENCY_CREDENTIAL_HEADER,
    agencyCredentialFormat:
      overrides.agencyCredentialFormat ||
      env.SANDBOX_DOZN_AGENCY_CREDENTIAL_FORMAT ||
      DEFAULTS.SANDBOX_DOZN_AGENCY_CREDENTIAL_FORMAT,
    billerTimeoutMs:
      overrides.billerTimeoutMs ??
      (Number.isFinite(timeout) && timeout > 0 ? timeout : Number(DEFAULTS.SANDBOX_DOZN_BILLER_TIMEOUT_MS)),
  };
}

/** The headers the agency sends on /kakao/*: the seed's (§5-§7: JSON both ways), plus the credential only when configured. */
export function billerRequestHeaders(
  cfg: Pick<DoznSandboxConfig, "agencyCredential" | "agencyCredentialHeader" | "agencyCredentialFormat">,
): Record<string, string> {
  const h: Record<string, string> = {
    "Content-Type": "application/json;charset=utf-8",
    Accept: "application/json;charset=utf-8",
  };
  if (cfg.agencyCredential)
    h[cfg.agencyCredentialHeader] = cfg.agencyCredentialFormat.split("{credential}").join(cfg.agencyCredential);
  return h;
}
