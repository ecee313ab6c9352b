// GET /api/admin/consents/{id}/der — signedData base64-decoded: the DER PKCS#7 file submitted to
// KFTC (금융결제원) as evidence of the withdrawal consent. Every download is on the timeline.
import { db } from "@/lib/db";
import { appError } from "@/lib/errors";
import { addConsentEvent } from "@/lib/consents/events";
import { signedDataToDer } from "@/lib/consents/providers";
import { audit, withAdmin } from "../../../../../_lib/admin";
import { errorResponse, withErrors } from "../../../../../_lib/http";

export const GET = withErrors(
  withAdmin(
    async (admin, _req: Request, { params }: { params: Promise<{ id: string }> }) => {
      const { id } = await params;
      if (!/^[a-z0-9]{20,40}$/.test(id)) return errorResponse(appError("NOT_FOUND", "요청을 찾을 수 없습니다."));
      const c = await db.consentRequest.findFirst({
        where: { id, merchantId: admin.merchantId },
        select: { id: true, kind: true, status: true, receiptId: true, signedData: true },
      });
      if (!c) return errorResponse(appError("NOT_FOUND", "요청을 찾을 수 없습니다."));
      if (!c.signedData) return errorResponse(appError("NOT_FOUND", "전자서명 값(signedData)이 없는 요청입니다."));
      let der: Buffer;
      try {
        der = signedDataToDer(c.signedData);
      } catch {
        return errorResponse(appError("BAD_REQUEST", "signedData가 DER 형식이 아니어서 파일을 만들 수 없습니다."));
      }
      await addConsentEvent(db, {
        consentId: c.id,
        type: "admin.der_download",
        message: `${admin.email}이(가) .der 파일을 내려받음 (${der.length} bytes)`,
      });
      await audit(admin, {
        action: "consent.der",
        summary: `.der 전자서명 파일 내려받기 (${c.status === "VERIFIED" ? "검증 완료" : "무효 · 기록용"})`,
        target: { type: "consent", id: c.id },
        detail: { bytes: der.length, status: c.status },
      });
      const prefix =
        c.status === "VERIFIED" ? (c.kind === "CMS" ? "cms-consent" : "esign") : `INVALID-${c.status.toLowerCase()}`;
      return new Response(new Uint8Array(der), {
        headers: {
          "Content-Type": "application/pkcs7-mime",
          "Content-Disposition": `attachment; filename="${prefix}-${c.receiptId ?? c.id}.der"`,
          "Content-Length": String(der.length),
          "Cache-Control": "no-store",
        },
      });
    },
    { perm: "evidence.download" },
  ),
);
