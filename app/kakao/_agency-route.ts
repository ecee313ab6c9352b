// Wiring for the agency's calls to us (POST /kakao/notice | prepay | pay-result): read the raw
// request, hand it to lib/bills/agency-endpoint, answer in the agency's JSON envelope.
import { handleAgencyCall } from "@/lib/bills/agency-endpoint";
import type { BillerEndpoint } from "@/lib/providers/dozn";

const headers = { "Content-Type": "application/json;charset=utf-8", "Cache-Control": "no-store" };

export function agencyRoute(endpoint: BillerEndpoint) {
  return async function POST(req: Request): Promise<Response> {
    let rawBody: string;
    try {
      rawBody = await req.text();
    } catch {
      rawBody = "";
    }
    const { status, body } = await handleAgencyCall({
      endpoint,
      rawBody,
      authorization: req.headers.get("authorization"),
      forwardedFor: req.headers.get("x-forwarded-for"),
    });
    return new Response(JSON.stringify(body), { status, headers });
  };
}
