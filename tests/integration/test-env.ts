import { appEnv, relaxedRateLimits } from "../../scripts/lib/demo-env.ts";

export function testEnv(databaseUrl: string, sandboxUrl: string): Record<string, string> {
  return {
    ...appEnv({ databaseUrl, sandboxUrl, appUrl: "http://127.0.0.1:3999" }),
    ...relaxedRateLimits(), // tests of the limits set their own
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    PROVIDER_TIMEOUT_MS: "1500",
  };
}
