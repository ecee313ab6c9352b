// Linkhub (Barocert Kakao CMS, legacy KakaoCert) → the consents port (lib/consents/port.ts): the one
// reading of Linkhub's failures, code tables and state numbers, shared by both adapters. The domain
// receives outcomes (no answer / configuration / refused and what a refusal means for a verify) with
// the Korean texts for customer and staff, never a Linkhub code to interpret.
import type {
  ConsentProvider,
  ConsentProviderFailure,
  ProviderState,
  ProviderStatus,
  VerifyRefusal,
} from "../../consents/port";
import { linkhubCode, type LinkhubCodeKind, type LinkhubService } from "./codes";
import { stateName, type LinkhubFailure, type LinkhubResult } from "./linkhub";

/** Customer-facing and admin-facing reading of an adapter failure. */
export function describeFailure(
  f: LinkhubFailure,
  service?: LinkhubService,
): { code: string; customer: string; admin: string; retryable: boolean } {
  switch (f.kind) {
    case "timeout":
      return {
        code: "PROVIDER_TIMEOUT",
        customer: "카카오 인증 서버가 응답하지 않습니다. 잠시 후 다시 시도해 주세요.",
        admin: `제공자 응답 없음 (${f.reason === "unreachable" ? "연결 불가" : "시간 초과"}): ${f.message}`,
        retryable: true,
      };
    case "config":
      return {
        code: "CONFIG",
        customer: "지금은 카카오톡 인증을 요청할 수 없습니다. 잠시 후 다시 시도하시거나 고객센터로 문의해 주세요.",
        admin: `연동 설정 오류: ${f.message}`,
        retryable: false,
      };
    case "invalid":
      return { code: "INVALID", customer: f.message, admin: `입력값 오류 (${f.field}): ${f.message}`, retryable: true };
    case "provider": {
      // by the code's entry in the provider's table; an unknown code gets a neutral text and the raw answer for staff
      const known = service ? linkhubCode(service, f.code) : undefined;
      return {
        code: `PROVIDER_${f.code}`,
        customer: known?.customer ?? "카카오 인증 요청이 처리되지 않았습니다. 잠시 후 다시 시도해 주세요.",
        admin: known
          ? `${known.staff} (제공자 코드 ${f.code}${known.confirmed ? "" : ", 번호 미확인"}: ${f.message})`
          : `알 수 없는 제공자 코드 ${f.code}: ${f.message} — 제공자에 문의해 확인하세요.`,
        retryable: true,
      };
    }
  }
}

/**
 * How a verify refusal reads: by the code's *situation* in the provider's code table (codes.ts), never
 * by numeric ranges. The Barocert/KakaoCert numbers there are the sandbox's (UNCONFIRMED), so "already
 * verified" is also recognised by its message, and a code we do not know has no meaning (the domain
 * treats it as UNKNOWN: retried, then 확인 필요), never a definite refusal.
 */
const VERIFY_MEANING: Partial<Record<LinkhubCodeKind, VerifyRefusal>> = {
  verify_used: "used",
  verify_not_complete: "not-complete",
  verify_late: "late",
  request_expired: "expired",
  request_declined: "declined",
  request_failed: "failed",
  signature_required: "signature-required",
  signature_mismatch: "signature-mismatch",
  signature_unexpected: "signature-unexpected",
};
const ALREADY_VERIFIED_TEXT = /이미\s*검증|검증.{0,30}(1회|한\s*번)|already\s+verified/i;

export function isAlreadyVerified(service: LinkhubService, code: number, message: string): boolean {
  return linkhubCode(service, code)?.kind === "verify_used" || ALREADY_VERIFIED_TEXT.test(message);
}

export function verifyRefusalOf(service: LinkhubService, code: number, message: string): VerifyRefusal | undefined {
  if (isAlreadyVerified(service, code, message)) return "used";
  const known = linkhubCode(service, code);
  return known ? VERIFY_MEANING[known.kind] : undefined;
}

/** A Linkhub failure as the port's failure (the SDK's transport errors already classified by linkhub.ts). */
export function toConsentFailure(f: LinkhubFailure, service: LinkhubService): ConsentProviderFailure {
  const d = describeFailure(f, service);
  const base = {
    ok: false as const,
    code: d.code,
    customer: d.customer,
    admin: d.admin,
    retryable: d.retryable,
    message: f.message,
  };
  switch (f.kind) {
    case "timeout":
      return { ...base, kind: "no-answer", resultCode: d.code, maybeReached: f.transport.maybeReached };
    case "config":
      return { ...base, kind: "config", resultCode: d.code };
    case "invalid":
      return { ...base, kind: "invalid", resultCode: d.code };
    case "provider": {
      const meaning = verifyRefusalOf(service, f.code, f.message);
      return { ...base, kind: "refused", resultCode: String(f.code), ...(meaning && { verifyRefusal: meaning }) };
    }
  }
}

const STATE: Record<ReturnType<typeof stateName>, ProviderState> = {
  waiting: "waiting",
  complete: "signed",
  expired: "expired",
  declined: "refused",
  failed: "failed",
  unknown: "unknown",
};

/** A status answer (state 0 waiting, 1 complete, 2 expired, 3 declined, 4 failed) as the port's status. */
export function toProviderStatus(s: {
  state: number;
  requestedAt?: Date;
  viewedAt?: Date;
  completedAt?: Date;
  expiresAt?: Date;
  verifiedAt?: Date;
}): ProviderStatus {
  return {
    ok: true,
    state: STATE[stateName(s.state)],
    stateCode: String(s.state),
    ...(s.requestedAt && { requestedAt: s.requestedAt }),
    ...(s.viewedAt && { viewedAt: s.viewedAt }),
    ...(s.completedAt && { completedAt: s.completedAt }),
    ...(s.expiresAt && { expiresAt: s.expiresAt }),
    ...(s.verifiedAt && { verifiedAt: s.verifiedAt }),
  };
}

/** The customer's text for a stored failure code PROVIDER_<code>, from the service's table. */
export function customerTextFor(service: LinkhubService, failureCode: string): string | undefined {
  if (!failureCode.startsWith("PROVIDER_")) return undefined;
  return linkhubCode(service, Number(failureCode.slice("PROVIDER_".length)))?.customer;
}

/** The receiver as the Linkhub SDKs name it. */
export const sdkReceiver = (i: { receiverName: string; receiverPhone: string; receiverBirthday: string }) => ({
  receiverName: i.receiverName,
  receiverHP: i.receiverPhone,
  receiverBirthday: i.receiverBirthday,
});

type SdkStatus = Parameters<typeof toProviderStatus>[0];

/** What both adapters do alike: their name, the status call and the stored-code texts. */
export function linkhubPortBase(
  service: LinkhubService,
  status: (receiptId: string) => Promise<LinkhubResult<SdkStatus>>,
): Pick<ConsentProvider<unknown>, "name" | "status" | "customerTextFor"> {
  return {
    name: service,
    async status(receiptId) {
      const r = await status(receiptId);
      return r.ok ? toProviderStatus(r) : toConsentFailure(r, service);
    },
    customerTextFor: (failureCode) => customerTextFor(service, failureCode),
  };
}
