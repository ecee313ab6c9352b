import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, cspSourcesFromEnv, newNonce, originOf, securityHeaders } from "./headers";

const e = {
  KCP_SCRIPT_URL: "",
  PAYUP_API_BASE: "https://api.payup.co.kr",
  KAKAOPAY_API_BASE: "https://open-api.kakaopay.com",
  KAKAOCERT_APP_LAUNCH_URL: "",
  CSP_FORM_ACTION: ["https://smpay.kcp.example"],
  CSP_FRAME_SRC: [],
  CSP_SCRIPT_SRC: [],
};

describe("content security policy", () => {
  it("allows scripts only by nonce with 'strict-dynamic', and lists the KCP hosts for forms and frames", () => {
    const nonce = newNonce();
    const csp = contentSecurityPolicy(nonce, cspSourcesFromEnv(e, null));
    const d = Object.fromEntries(csp.split("; ").map((x) => [x.split(" ")[0], x.split(" ").slice(1)]));
    expect(d["script-src"]).toEqual(expect.arrayContaining([`'nonce-${nonce}'`, "'strict-dynamic'"]));
    expect(d["script-src"]).not.toContain("'unsafe-inline'");
    expect(d["script-src"]).not.toContain("'unsafe-eval'");
    expect(d["form-action"]).toEqual([
      "'self'",
      "https://pay.kcp.co.kr",
      "https://api.payup.co.kr",
      "https://open-api.kakaopay.com",
      "https://smpay.kcp.example",
    ]);
    expect(d["frame-src"]).toEqual(["'self'", "https://pay.kcp.co.kr", "https://api.payup.co.kr"]);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy(nonce, cspSourcesFromEnv(e), { https: true })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy(nonce, cspSourcesFromEnv(e), { dev: true })).toContain("'unsafe-eval'");
  });

  it("the checkout's Kakao postcode search may load and frame its page", () => {
    const s = cspSourcesFromEnv(e);
    expect(s.frameSrc).toEqual(
      expect.arrayContaining(["https://postcode.map.kakao.com", "https://postcode.map.daum.net"]),
    );
    expect(s.scriptSrc).toContain("https://t1.kakaocdn.net");
    expect(cspSourcesFromEnv(e, "http://127.0.0.1:4010/postcode.js").frameSrc).not.toContain(
      "https://postcode.map.kakao.com",
    );
  });

  it("nonces are fresh, 128-bit, base64", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });

  it("takes origins only from http(s) URLs (a custom app scheme or a placeholder URL is fine)", () => {
    expect(originOf("http://127.0.0.1:4010/kcp/payplus_web.jsp")).toBe("http://127.0.0.1:4010");
    expect(originOf("kakaotalk://x/{tx_id}")).toBeNull();
    expect(originOf("http://127.0.0.1:9/kakaotalk/app/{tx_id}?return={return}")).toBe("http://127.0.0.1:9");
    expect(originOf("")).toBeNull();
  });

  it("HSTS only over https; Permissions-Policy and COOP always", () => {
    expect(securityHeaders({ https: false, pathname: "/" })).not.toHaveProperty("Strict-Transport-Security");
    const h = securityHeaders({ https: true, pathname: "/" });
    expect(h["Strict-Transport-Security"]).toMatch(/max-age=\d{8}/);
    expect(h["Permissions-Policy"]).toContain("camera=()");
    expect(h["Cross-Origin-Opener-Policy"]).toBe("same-origin");
    expect(securityHeaders({ https: true, pathname: "/pay/payup/x" })["Cross-Origin-Opener-Policy"]).toBe(
      "same-origin-allow-popups",
    );
  });
});
