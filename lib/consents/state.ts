// The consent state machine in one place. Every status write goes through a compare-and-set
// (`updateMany where status in sourcesOf(to)`), so pollers on several app instances cannot both
// move a request, and a final state is never left.
import type { ConsentStatus } from "../generated/prisma/enums";

export const transitions: Record<ConsentStatus, readonly ConsentStatus[]> = {
  REQUESTING: ["WAITING", "FAILED"],
  WAITING: ["VIEWED", "COMPLETED", "EXPIRED", "REJECTED", "FAILED"],
  VIEWED: ["COMPLETED", "EXPIRED", "REJECTED", "FAILED"],
  COMPLETED: ["VERIFYING", "FAILED"],
  // back to COMPLETED only when the verify call got no answer at all (state unknown: retry once more)
  VERIFYING: ["VERIFIED", "IDENTITY_MISMATCH", "FAILED", "COMPLETED", "WAITING"],
  VERIFIED: [],
  IDENTITY_MISMATCH: [],
  EXPIRED: [],
  REJECTED: [],
  FAILED: [],
};

export function canTransition(from: ConsentStatus, to: ConsentStatus): boolean {
  return transitions[from].includes(to);
}

export function sourcesOf(to: ConsentStatus): ConsentStatus[] {
  return (Object.keys(transitions) as ConsentStatus[]).filter((from) => transitions[from].includes(to));
}

export const FINAL: readonly ConsentStatus[] = ["VERIFIED", "IDENTITY_MISMATCH", "EXPIRED", "REJECTED", "FAILED"];
export const PENDING: readonly ConsentStatus[] = ["WAITING", "VIEWED"];
export const isFinal = (s: ConsentStatus) => FINAL.includes(s);

export const consentStatusLabel: Record<ConsentStatus, string> = {
  REQUESTING: "요청 중",
  WAITING: "서명 대기",
  VIEWED: "확인함",
  COMPLETED: "서명 완료",
  VERIFYING: "검증 중",
  VERIFIED: "검증 완료",
  IDENTITY_MISMATCH: "본인 불일치",
  EXPIRED: "만료",
  REJECTED: "거절",
  FAILED: "실패",
};

export const consentKindLabel = { CMS: "자동이체 출금동의", ESIGN: "전자서명" } as const;

/** Provider state (0 waiting, 1 complete, 2 expired, 3 declined, 4 failed) → our status. */
export function statusFromProvider(state: number, viewed: boolean): ConsentStatus | undefined {
  switch (state) {
    case 0:
      return viewed ? "VIEWED" : "WAITING";
    case 1:
      return "COMPLETED";
    case 2:
      return "EXPIRED";
    case 3:
      return "REJECTED";
    case 4:
      return "FAILED";
    default:
      return undefined;
  }
}
