// Response security headers: an enforced Content-Security-Policy with a per-request nonce and
// 'strict-dynamic', plus HSTS (when the app is served over https), Permissions-Policy and COOP.
// proxy.ts sets them on every page, route and server action; pure functions, no Next imports.
import type { Env } from "../env";
import { paymentCsp, type PaymentCspEnv } from "../payments/csp";
import { DEFAULT_POSTCODE_SCRIPT_URL, postcodeScriptUrl } from "../shop/postcode";

/** Where Kakao's postcode search (checkout, lib/shop/postcode.ts) opens its page when its default script is used. */
export const KAKAO_POSTCODE_FRAMES = ["https://postcode.map.kakao.com", "https://postcode.map.daum.net"];

export type CspSources = {
  /** Where forms may post (and where a form's redirect may lead): the payment providers', the KakaoTalk app hand-off. */
  formAction: string[];
  /** What may be framed: the payment windows' layers (e.g. KCP's PC window) and the postcode search. */
  frameSrc: string[];
  /** Script hosts for browsers without 'strict-dynamic' (CSP2); CSP3 browsers trust only the nonce. */
  scriptSrc: string[];
};

/** scheme://host[:port] of an absolute http(s) URL, or null (custom app schemes, empty values). */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url.replace(/\{[^}]*\}/g, "x"));
    return u.protocol === "https:" || u.protocol === "http:" ? u.origin : null;
  } catch {
    return null;
  }
}

const uniq = (xs: Array<string | null | undefined>) => [
  ...new Set(xs.filter((x): x is string => Boolean(x)).map((x) => x.replace(/\/$/, ""))),
];

/**
 * Defaults from the providers' declarations (lib/payments/csp.ts: each payment provider's own, from its
 * settings — the sandbox in dev and tests), extended by CSP_FORM_ACTION / CSP_FRAME_SRC / CSP_SCRIPT_SRC:
 * production KCP uses more hosts than its script's (the mobile pay_url PayUp returns, the PC window's
 * frames), and they are not all published — configure them.
 */
export function cspSourcesFromEnv(
  e: PaymentCspEnv & Pick<Env, "KAKAOCERT_APP_LAUNCH_URL" | "CSP_FORM_ACTION" | "CSP_FRAME_SRC" | "CSP_SCRIPT_SRC">,
  postcodeScript: string | null = postcodeScriptUrl(),
): CspSources {
  const payments = paymentCsp(e);
  const origins = (key: "scriptSrc" | "formAction" | "frameSrc") =>
    payments.flatMap((p) => (p[key] ?? []).map(originOf));
  // The checkout's postcode search: its script (loaded by our nonced bundle, so 'strict-dynamic'
  // trusts it) embeds Kakao's page in an iframe. Another script URL brings its own frame hosts (CSP_FRAME_SRC).
  const postcodeFrames = postcodeScript === DEFAULT_POSTCODE_SCRIPT_URL ? KAKAO_POSTCODE_FRAMES : [];
  return {
    formAction: uniq([...origins("formAction"), originOf(e.KAKAOCERT_APP_LAUNCH_URL), ...e.CSP_FORM_ACTION]),
    frameSrc: uniq([...origins("frameSrc"), ...postcodeFrames, ...e.CSP_FRAME_SRC]),
    scriptSrc: uniq([...origins("scriptSrc"), originOf(postcodeScript), ...e.CSP_SCRIPT_SRC]),
  };
}

/** 128 random bits, base64 (what a CSP nonce source allows). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(
  nonce: string,
  s: CspSources,
  opts: { dev?: boolean; https?: boolean } = {},
): string {
  const directives: Array<[string, string[]]> = [
    ["default-src", ["'self'"]],
    // CSP3: only scripts with the nonce, and what they load. 'self'/hosts/https: are ignored there and
    // only serve CSP2 browsers. 'unsafe-eval' in dev only (React's dev tooling).
    [
      "script-src",
      [`'nonce-${nonce}'`, "'strict-dynamic'", "'self'", ...s.scriptSrc, ...(opts.dev ? ["'unsafe-eval'"] : [])],
    ],
    // Style attributes (React style props, KCP's layer) need 'unsafe-inline'; styles cannot run script.
    ["style-src", ["'self'", "'unsafe-inline'"]],
    ["img-src", ["'self'", "data:", "blob:"]],
    ["font-src", ["'self'", "data:"]],
    ["connect-src", ["'self'", ...(opts.dev ? ["ws:", "wss:"] : [])]],
    ["frame-src", ["'self'", ...s.frameSrc]],
    ["form-action", ["'self'", ...s.formAction]],
    ["frame-ancestors", ["'none'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'none'"]],
    ["manifest-src", ["'self'"]],
    ["worker-src", ["'self'", "blob:"]],
  ];
  const parts = directives.map(([k, v]) => `${k} ${v.join(" ")}`);
  if (opts.https) parts.push("upgrade-insecure-requests");
  return parts.join("; ");
}

export const PERMISSIONS_POLICY =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), browsing-topics=()";

/**
 * The headers besides the CSP (nosniff and Referrer-Policy come from next.config.mjs). COOP lets the
 * payment pages keep a provider pop-up's opener.
 */
export function securityHeaders(opts: { https: boolean; pathname: string }): Record<string, string> {
  return {
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": opts.pathname.startsWith("/pay/") ? "same-origin-allow-popups" : "same-origin",
    ...(opts.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
