// What the customer's screens show for a consent: one place for the wording of every state.
import type { ConsentRequest, ConsentStatus } from "../generated/prisma/client";
import { isFinal } from "./state";
import { providerFor } from "./providers";

// "checking": signed, the result is being confirmed (never "failed" while the verify is unknown);
// "review": the provider used the verify but we did not receive its result — staff follow up (확인 필요).
export type ConsentScreen =
  "waiting" | "checking" | "review" | "verified" | "mismatch" | "expired" | "rejected" | "failed";

export type ConsentView = {
  id: string;
  kind: "CMS" | "ESIGN";
  channel: "TALK" | "APP";
  status: ConsentStatus;
  screen: ConsentScreen;
  final: boolean;
  expiresAt: string | null;
  viewed: boolean;
  title: string;
  /** The screen's title as a sentence, with its particles ("자동이체 출금동의가 완료되었습니다"). */
  heading: string;
  message: string;
};

/** 이/가 after a Korean word: 이 after a final consonant (전자서명이), 가 after a vowel (출금동의가). */
export function subjectParticle(word: string): string {
  const last = word.trim().at(-1) ?? "";
  const code = last.charCodeAt(0) - 0xac00;
  if (code < 0 || code > 11171) return `${word}이(가)`;
  return `${word}${code % 28 === 0 ? "가" : "이"}`;
}

const FAILURE_TEXT: Record<string, string> = {
  PROVIDER_TIMEOUT: "카카오 인증 서버가 응답하지 않아 요청하지 못했습니다. 잠시 후 다시 시도해 주세요.",
  CONFIG: "지금은 카카오톡 인증을 요청할 수 없습니다. 고객센터로 문의해 주세요.",
  CONFIG_RESULT_KEY: "서명은 받았지만 본인 확인을 하지 못해 동의가 완료되지 않았습니다. 고객센터로 문의해 주세요.",
  VERIFY_LATE: "서명 후 10분 안에 확인하지 못해 동의가 완료되지 않았습니다. 다시 요청해 주세요.",
  PROVIDER_FAILED: "카카오톡 인증 처리 중 오류가 발생했습니다. 다시 요청해 주세요.",
  REQUEST_LOST: "요청을 처리하지 못했습니다. 다시 요청해 주세요.",
  SIGNATURE_REQUIRED: "서명 결과를 확인하지 못해 동의가 완료되지 않았습니다. 다시 요청해 주세요.",
  SIGNATURE_UNEXPECTED: "서명 결과를 확인하지 못해 동의가 완료되지 않았습니다. 다시 요청해 주세요.",
};

export function consentView(c: ConsentRequest): ConsentView {
  const what = c.kind === "CMS" ? "자동이체 출금동의" : "전자서명";
  const headings: Record<ConsentScreen, string> = {
    waiting: c.channel === "APP" ? "카카오톡 앱에서 서명해 주세요" : "카카오톡을 확인해 주세요",
    checking: "서명을 확인하고 있습니다",
    verified: `${subjectParticle(what)} 완료되었습니다`,
    mismatch: "본인 확인에 실패했습니다",
    expired: `${what} 요청이 만료되었습니다`,
    rejected: `${what} 요청을 거절했습니다`,
    failed: `${subjectParticle(what)} 완료되지 않았습니다`,
    review: `${what} 결과를 확인하고 있습니다`,
  };
  let screen: ConsentScreen;
  let message: string;
  switch (c.status) {
    case "REQUESTING":
    case "WAITING":
    case "VIEWED":
      screen = "waiting";
      message =
        c.channel === "APP"
          ? "카카오톡 앱에서 서명을 마치면 이 화면으로 돌아옵니다."
          : c.status === "VIEWED"
            ? "카카오톡에서 요청을 열었습니다. 서명을 마쳐 주세요."
            : "카카오톡으로 보낸 인증 요청을 확인하고 서명해 주세요.";
      break;
    case "COMPLETED":
    case "VERIFYING":
      screen = "checking";
      message = "서명을 확인하고 있습니다. 잠시만 기다려 주세요.";
      break;
    case "VERIFY_UNKNOWN":
      screen = "checking";
      message = "서명은 완료되었고, 카카오 인증 서버에서 결과를 확인하고 있습니다. 이 화면을 닫아도 확인은 계속됩니다.";
      break;
    case "NEEDS_REVIEW":
      screen = "review";
      message = `서명은 완료되었지만 ${what} 결과를 카카오 인증 서버에서 받는 중 문제가 있어 담당자가 확인하고 있습니다. 다시 서명하지 않으셔도 되며, 확인이 끝나면 안내해 드립니다.`;
      break;
    case "VERIFIED":
      screen = "verified";
      message =
        c.kind === "CMS"
          ? "자동이체 출금동의가 완료되었습니다. 다음 청구부터 등록한 계좌에서 출금됩니다."
          : `${c.documentTitle ?? "문서"} 전자서명이 완료되었습니다.`;
      break;
    case "IDENTITY_MISMATCH":
      screen = "mismatch";
      message = c.mismatchedFields.includes("accountHolder")
        ? "카카오톡에서 서명한 분과 출금계좌 예금주가 달라 출금동의가 무효 처리되었습니다. 예금주 본인 명의로 다시 신청해 주세요."
        : "카카오톡에서 서명한 분의 정보가 입력한 정보(이름·생년월일·휴대폰)와 달라 동의가 무효 처리되었습니다. 본인 정보로 다시 신청해 주세요.";
      break;
    case "EXPIRED":
      screen = "expired";
      message = `서명 가능 시간(${Math.round(c.expireInSec / 60)}분)이 지나 ${what} 요청이 만료되었습니다. 다시 요청해 주세요.`;
      break;
    case "REJECTED":
      screen = "rejected";
      message = `카카오톡에서 ${what} 요청을 거절했습니다. 원하시면 다시 요청할 수 있습니다.`;
      break;
    default:
      screen = "failed";
      message =
        (c.failureCode && FAILURE_TEXT[c.failureCode]) ??
        (c.failureCode?.startsWith("PROVIDER_")
          ? providerCustomerText(c)
          : `${subjectParticle(what)} 완료되지 않았습니다. 다시 요청해 주세요.`);
  }
  return {
    id: c.id,
    kind: c.kind,
    channel: c.channel,
    status: c.status,
    screen,
    final: isFinal(c.status),
    expiresAt: c.expiresAt?.toISOString() ?? null,
    viewed: !!c.viewedAt,
    title: c.kind === "CMS" ? "자동이체 출금동의" : (c.documentTitle ?? "전자서명"),
    heading: headings[screen],
    message,
  };
}

/** A provider refusal, read by the provider's code table (its Korean next step), or a neutral text for a code we do not know. */
function providerCustomerText(c: ConsentRequest): string {
  return (
    providerFor(c.kind).customerTextFor(c.failureCode!) ?? "카카오 인증 요청이 처리되지 않았습니다. 다시 시도해 주세요."
  );
}
