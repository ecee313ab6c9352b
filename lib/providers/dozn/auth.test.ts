import { describe, expect, it } from "vitest";
import { checkAgencyAuth } from "./auth";

describe("checkAgencyAuth", () => {
  const cfg = { credential: "secret", allowedIps: ["10.0.0.5", "127.0.0.1"] };
  it("accepts allowed IP + Bearer credential", () => {
    expect(checkAgencyAuth({ authorization: "Bearer secret", remoteIp: "::ffff:127.0.0.1" }, cfg)).toEqual({ ok: true });
  });
  it("rejects other IPs with 403 and wrong/missing credential with 401 (E003 envelope)", () => {
    expect(checkAgencyAuth({ authorization: "Bearer secret", remoteIp: "10.0.0.6" }, cfg)).toMatchObject({ ok: false, reason: "ip", httpStatus: 403, body: { res_code: "E003" } });
    expect(checkAgencyAuth({ authorization: "Bearer nope", remoteIp: "10.0.0.5" }, cfg)).toMatchObject({ ok: false, reason: "credential", httpStatus: 401 });
    expect(checkAgencyAuth({ authorization: "secret", remoteIp: "10.0.0.5" }, cfg)).toMatchObject({ ok: false, reason: "credential" });
    expect(checkAgencyAuth({ authorization: undefined, remoteIp: "10.0.0.5" }, cfg)).toMatchObject({ ok: false });
  });
  it("no allow-list = any IP; an empty credential never authenticates", () => {
    expect(checkAgencyAuth({ authorization: "Bearer s", remoteIp: null }, { credential: "s" })).toEqual({ ok: true });
    expect(checkAgencyAuth({ authorization: "Bearer ", remoteIp: null }, { credential: "" }).ok).toBe(false);
  });
});
