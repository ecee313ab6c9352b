import { describe, expect, it } from "vitest";
import { checkAgencyAuth, credentialHeaderValue } from "./auth";

const socket = (remoteIp: string | null, credentialValue: string | null = null) => ({
  remoteIp,
  ipSource: "socket" as const,
  credentialValue,
});
const forwarded = (remoteIp: string | null, credentialValue: string | null = null) => ({
  remoteIp,
  ipSource: "forwarded" as const,
  credentialValue,
});

describe("checkAgencyAuth (seed 003 §1.3: allowed IPs; no credential by default)", () => {
  const ips = ["10.0.0.5", "127.0.0.1"];

  it("the seed's request (no Authorization) from an allowed socket peer is accepted; any other address is refused 403 E003", () => {
    expect(checkAgencyAuth(socket("::ffff:127.0.0.1"), { allowedIps: ips })).toEqual({ ok: true });
    expect(checkAgencyAuth(socket("10.0.0.5", "whatever"), { allowedIps: ips })).toEqual({ ok: true }); // a header we did not ask for is ignored
    expect(checkAgencyAuth(socket("10.0.0.6"), { allowedIps: ips })).toMatchObject({
      ok: false,
      reason: "ip",
      httpStatus: 403,
      body: { res_code: "E003", data: null },
    });
    expect(checkAgencyAuth(socket(null), { allowedIps: ips })).toMatchObject({ ok: false, reason: "ip" });
  });

  it("an empty allow-list refuses everything (the IP list is the required control)", () => {
    expect(checkAgencyAuth(socket("127.0.0.1"), { allowedIps: [] })).toMatchObject({
      ok: false,
      reason: "no-allowlist",
      httpStatus: 403,
    });
    expect(checkAgencyAuth(socket("127.0.0.1", "s"), { allowedIps: [" "], credential: "s" })).toMatchObject({
      ok: false,
      reason: "no-allowlist",
    });
  });

  it("Next routes (IP from X-Forwarded-For): without a credential only behind a declared proxy", () => {
    expect(checkAgencyAuth(forwarded("127.0.0.1"), { allowedIps: ips })).toMatchObject({
      ok: false,
      reason: "untrusted-forwarded",
      httpStatus: 403,
    });
    expect(checkAgencyAuth(forwarded("127.0.0.1"), { allowedIps: ips, trustedProxies: ["10.9.9.9"] })).toEqual({
      ok: true,
    });
    expect(checkAgencyAuth(forwarded("10.0.0.6"), { allowedIps: ips, trustedProxies: ["10.9.9.9"] })).toMatchObject({
      ok: false,
      reason: "ip",
    });
    // with a credential the forwarded address is a second check, the credential the first
    expect(checkAgencyAuth(forwarded("127.0.0.1", "s3cret"), { allowedIps: ips, credential: "s3cret" })).toEqual({
      ok: true,
    });
    expect(checkAgencyAuth(forwarded("127.0.0.1"), { allowedIps: ips, credential: "s3cret" })).toMatchObject({
      ok: false,
      reason: "credential",
      httpStatus: 401,
    });
  });

  it("a configured credential is required, in the configured format, and the IP still counts", () => {
    const cfg = { allowedIps: ips, credential: "s3cret", credentialFormat: "Bearer {credential}" };
    expect(checkAgencyAuth(socket("10.0.0.5", "Bearer s3cret"), cfg)).toEqual({ ok: true });
    expect(checkAgencyAuth(socket("10.0.0.5", "s3cret"), cfg)).toMatchObject({
      ok: false,
      reason: "credential",
      httpStatus: 401,
      body: { res_code: "E003" },
    });
    expect(checkAgencyAuth(socket("10.0.0.5", "Bearer nope"), cfg)).toMatchObject({ ok: false, reason: "credential" });
    expect(checkAgencyAuth(socket("10.0.0.5"), cfg)).toMatchObject({ ok: false, reason: "credential" });
    expect(checkAgencyAuth(socket("10.0.0.6", "Bearer s3cret"), cfg)).toMatchObject({ ok: false, reason: "ip" });
    expect(checkAgencyAuth(socket("10.0.0.5", "s3cret"), { allowedIps: ips, credential: "s3cret" })).toEqual({
      ok: true,
    }); // default format: the raw value
  });

  it("credentialHeaderValue fills the format", () => {
    expect(credentialHeaderValue("k")).toBe("k");
    expect(credentialHeaderValue("k", "KakaoAK {credential}")).toBe("KakaoAK k");
  });
});
