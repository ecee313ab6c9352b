// POST /api/consents/{id}/refresh — the waiting screen's poll: brings the request up to date with
// the provider (and verifies it once when signed). Only for the browser that asked for it.
import { NextResponse } from "next/server";
import { appError } from "@/lib/errors";
import { refreshConsent } from "@/lib/consents/consents";
import { consentView } from "@/lib/consents/view";
import { canSeeConsent } from "../../../../_lib/consent-access";
import { hit } from "@/lib/ratelimit";
import { refuseBody } from "../../../../_lib/body";
import { errorResponse, withErrors } from "../../../../_lib/http";
import { ipOf, tooManyRequests } from "../../../../_lib/ratelimit";

export const dynamic = "force-dynamic";

export const POST = withErrors(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const big = refuseBody(req); // a poll carries no body
  if (big) return errorResponse(big);
  const { id } = await params;
  if (!/^[a-z0-9]{20,40}$/.test(id) || !(await canSeeConsent(id)))
    return errorResponse(appError("NOT_FOUND", "요청을 찾을 수 없습니다."));
  // Each poll may ask the provider: per client IP, before anything is asked.
  const limited = await hit("consentRefreshPerIp", ipOf(req));
  if (!limited.ok) return tooManyRequests(limited.error);
  const c = await refreshConsent(id);
  if (!c) return errorResponse(appError("NOT_FOUND", "요청을 찾을 수 없습니다."));
  return NextResponse.json(consentView(c), { headers: { "Cache-Control": "no-store" } });
});
