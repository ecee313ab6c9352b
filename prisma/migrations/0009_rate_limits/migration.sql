-- Rate-limit counters shared by every app instance (lib/ratelimit, rate-limiter-flexible's
-- RateLimiterPostgres with tableCreated: true). The columns are the library's own layout: key is
-- "<limiter>:<HMAC of the subject>" (no phone number or e-mail in clear), points the count in the
-- current window, expire the window's (or lockout's) end in epoch milliseconds.
CREATE TABLE "rate_limits" (
  "key"    VARCHAR(255) NOT NULL,
  "points" INTEGER NOT NULL DEFAULT 0,
  "expire" BIGINT,
  CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits" ("expire");
