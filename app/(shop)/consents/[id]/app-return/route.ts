// GET /consents/{id}/app-return?tx_id=…&signature=…|sig=…|error=cancel — where the KakaoTalk app
// sends the phone back after an app-to-app e-sign. Verifies with the signature (once), then shows
// the result screen. A reload or a forged query cannot verify twice or fake a state.
import { completeAppReturn } from "@/lib/consents/consents";
import { grantConsentAccess } from "../../../../_lib/consent-access";
import { seeOther, withErrors } from "../../../../_lib/http";

export const dynamic = "force-dynamic";

export const GET = withErrors(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const q = new URL(req.url).searchParams;
  if (!/^[a-z0-9]{20,40}$/.test(id)) return seeOther("/consents");
  const r = await completeAppReturn(id, {
    txId: q.get("tx_id") ?? undefined,
    // Android hands back `signature`, iOS `sig`
    signature: q.get("signature") ?? q.get("sig") ?? undefined,
    error: q.get("error") ?? undefined,
  });
  if (!r.ok) return seeOther(`/consents?notice=${encodeURIComponent(r.error.message)}`);
  await grantConsentAccess(id); // the tx_id (known only to the browser that asked) proves it
  return seeOther(`/consents/${id}`);
});
