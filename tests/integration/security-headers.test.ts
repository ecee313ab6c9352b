// What a browser receives: an enforced CSP with a fresh nonce per request, the headers around it,
// and the plain-HTML KCP window page whose every script carries that nonce (no inline handlers),
// with the KCP hosts it posts to and frames allowed by form-action / frame-src.
import { afterAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-harness").then((m) => m.nextHeaders));

import { NextRequest } from "next/server";
import { env, resetEnvCache } from "@/lib/env";
import { createOrder } from "@/lib/orders/create-order";
import { paymentProvider } from "@/lib/payments/providers";
import { startPayment } from "@/lib/payments/start-payment";
import { grant } from "@/lib/shop/order-access";
import { GET as kcpWindow } from "@/app/pay/[provider]/window/[paymentId]/route";
import { proxy } from "@/proxy";
import { BASE, dispatch, routeCall } from "./next-harness";
import { buyer, demoProducts, sandboxUrl } from "./helpers";

const directives = (csp: string) =>
  Object.fromEntries(csp.split("; ").map((x) => [x.split(" ")[0]!, x.split(" ").slice(1)]));

afterAll(() => {
  process.env.APP_URL = "http://127.0.0.1:3999";
  resetEnvCache();
});

describe("response headers", () => {
  it("every page gets an enforced CSP whose nonce is fresh and handed to the renderer", async () => {
    const a = await proxy(new NextRequest(`${BASE}/`, { headers: { accept: "text/html" } }));
    const b = await proxy(new NextRequest(`${BASE}/orders/lookup`));
    const csp = a.headers.get("content-security-policy")!;
    expect(a.headers.get("content-security-policy-report-only")).toBeNull();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp); // Next.js reads the nonce from here
    expect(b.headers.get("content-security-policy")).not.toContain(nonce);
    const d = directives(csp);
    expect(d["script-src"]).toEqual(expect.arrayContaining([`'nonce-${nonce}'`, "'strict-dynamic'"]));
    expect(d["form-action"]).toContain(sandboxUrl()); // KCP's mobile window, KakaoPay (the sandbox here)
    expect(d["frame-src"]).toContain(sandboxUrl()); // KCP's PC layer
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(a.headers.get("permissions-policy")).toContain("camera=()");
    expect(a.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(a.headers.get("strict-transport-security")).toBeNull(); // APP_URL is http here
  });

  it("HSTS and upgrade-insecure-requests when APP_URL is https; refusals and redirects carry the headers too", async () => {
    process.env.APP_URL = "https://shop.example.com";
    resetEnvCache();
    const page = await proxy(new NextRequest(`${BASE}/`));
    expect(page.headers.get("strict-transport-security")).toMatch(/^max-age=\d+; includeSubDomains$/);
    expect(page.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    const refused = await proxy(new NextRequest(`${BASE}/orders/KC%00`, { headers: { accept: "text/html" } }));
    expect(refused.status).toBe(400);
    expect(refused.headers.get("strict-transport-security")).toBeTruthy();
    expect(refused.headers.get("content-security-policy")).toContain("default-src 'none'");
    const redirect = await proxy(new NextRequest(`${BASE}/admin/orders`));
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get("strict-transport-security")).toBeTruthy();
    process.env.APP_URL = "http://127.0.0.1:3999";
    resetEnvCache();
  });

  it("a body over 1 MB is refused by the proxy before any page or action runs", async () => {
    const r = await proxy(
      new NextRequest(`${BASE}/checkout`, {
        method: "POST",
        headers: { "content-length": String(20 * 1024 * 1024), "next-action": "x" },
      }),
    );
    expect(r.status).toBe(413);
  });
});

describe("the KCP window page under the CSP", () => {
  for (const device of ["PC", "MOBILE"] as const) {
    it(`${device}: every script carries the request's nonce, no inline event handlers, its hosts are allowed`, async () => {
      const [p] = await demoProducts();
      const o = await createOrder({ buyer, lines: [{ productId: p!.id, quantity: 1 }] });
      if (!o.ok) throw new Error(o.error.message);
      const started = await startPayment(
        {
          orderNumber: o.value.orderNumber,
          device,
          userAgent: device === "PC" ? "Mozilla/5.0 (X11; Linux x86_64)" : "Mozilla/5.0 (iPhone)",
        },
        { gateway: paymentProvider("PAYUP_KCP"), appUrl: env().APP_URL },
      );
      if (!started.ok) throw new Error(started.error.message);
      const id = started.value.paymentId;
      const cookie = `kc_orders=${grant(env().APP_SECRET, undefined, o.value.orderNumber)}`;
      let csp = "";
      const r = await dispatch(
        new Request(`${BASE}/pay/payup/window/${id}`, { headers: { cookie, accept: "text/html" } }),
        async (req) => {
          csp = req.headers.get("content-security-policy") ?? "";
          return routeCall(kcpWindow as never, { provider: "payup", paymentId: id })(req);
        },
      );
      expect(r.status, r.body.slice(0, 300)).toBe(200);
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      const scripts = r.body.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
      expect(r.body).not.toMatch(/\son[a-z]+\s*=/i);
      const d = directives(csp);
      const action = /<form[^>]*\saction="([^"]+)"/.exec(r.body)?.[1];
      // mobile: KCP's pay_url; PC: our own return URL ('self')
      if (action)
        expect(
          new URL(action).origin === new URL(env().APP_URL).origin ? ["'self'"] : [new URL(action).origin],
        ).toEqual([expect.toBeOneOf(d["form-action"]!)]);
      if (device === "PC") {
        const src = /<script[^>]*\ssrc="([^"]+)"/.exec(r.body)![1]!;
        expect(d["frame-src"]).toContain(new URL(src).origin); // the layer it opens
      }
    });
  }
});
