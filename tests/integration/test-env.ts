import { appEnv, relaxedRateLimits } from "../../scripts/lib/demo-env.ts";

export function testEnv(databaseUrl: string, sandboxUrl: string): Record<string, string> {
  return {
    ...appEnv({ databaseUrl, sandboxUrl, appUrl: "http://127.0.0.1:3999" }),
    ...relaxedRateLimits(), // tests of the limits set their own
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    PROVIDER_TIMEOUT_MS: "1500",
    // The route-handler tests play the app behind a reverse proxy (10.255.255.1, never itself in a
    // header) that overwrites X-Forwarded-For: only then do the Next /kakao/* routes take the agency's
    // credential-less calls (lib/providers/dozn/auth.ts). Other X-Forwarded-For handling is unchanged.
    TRUSTED_PROXY_IPS: "10.255.255.1",
  };
}
