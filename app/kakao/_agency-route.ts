// Wiring for the agency's calls to us (POST /kakao/notice | prepay | pay-result): read the raw
// request, hand it to lib/bills/agency-endpoint, answer in the agency's JSON envelope.
// A route handler cannot see the socket: the caller's IP comes from X-Forwarded-For, so without a
// configured credential these routes answer the agency only behind a proxy listed in TRUSTED_PROXY_IPS
// (lib/providers/dozn/auth.ts). The standalone biller API (scripts/biller-server.ts) sees the peer.
import { handleAgencyCall } from "@/lib/bills/agency-endpoint";
import type { BillerEndpoint } from "@/lib/providers/dozn";
import { readAgencyBody } from "../_lib/body";

const headers = { "Content-Type": "application/json;charset=utf-8", "Cache-Control": "no-store" };

export function agencyRoute(endpoint: BillerEndpoint) {
  return async function POST(req: Request): Promise<Response> {
    // Read with the endpoint's 64 KB cap while reading, JSON only (app/_lib/body.ts).
    const { text: rawBody, tooLarge } = await readAgencyBody(req);
    const { status, body } = await handleAgencyCall({
      endpoint,
      rawBody,
      bodyTooLarge: tooLarge,
      header: (name) => req.headers.get(name),
      forwardedFor: req.headers.get("x-forwarded-for"),
    });
    return new Response(JSON.stringify(body), { status, headers });
  };
}
