// Structured logs (pino). Secrets and personal data are redacted by path; callers should not log
// them in the first place.
import pino from "pino";

const redactPaths = [
  "*.secretKey", "*.apiCertKey", "*.apiKey", "*.password", "*.passwordHash", "*.token", "*.pgToken", "*.pg_token",
  "*.authorization", "*.Authorization", "*.buyerName", "*.buyerPhone", "*.buyerEmail", "*.phone", "*.email",
  "*.birthday", "*.accountNumber", "*.cookie",
];

export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  redact: { paths: redactPaths, censor: "[redacted]" },
  base: { app: "kakao-checkout" },
});
