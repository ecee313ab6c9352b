// Korean labels for the codes staff would otherwise read raw. The code itself stays visible as a
// small secondary label (staff quote it to the provider); unknown codes fall back to the code.
export const providerLabel: Record<string, string> = {
  KAKAOPAY: "카카오페이 온라인",
  PAYUP_KCP: "카카오페이 (PayUp·KCP)",
};
export const providerShort: Record<string, string> = { KAKAOPAY: "카카오페이", PAYUP_KCP: "PayUp·KCP" };

export const methodLabel: Record<string, string> = {
  CARD: "카드",
  MONEY: "카카오페이머니",
  KAKAO_CARD: "카드",
  KAKAO_MONEY: "카카오페이머니",
  POINT: "포인트",
};
export const deviceLabel: Record<string, string> = { PC: "PC", MOBILE: "모바일" };

export function paymentMethodText(method: string | null | undefined, device?: string | null): string {
  const m = method ? (methodLabel[method] ?? method) : "결제수단 미확인";
  return device ? `${m} · ${deviceLabel[device] ?? device}` : m;
}

const providerWord: Record<string, string> = {
  kakaopay: "카카오페이",
  payup: "PayUp",
  kcp: "KCP",
  order: "주문",
  payment: "결제",
  refund: "환불",
  attention: "확인 필요",
};
const opWord: Record<string, string> = {
  ready: "결제 준비",
  approve: "승인 요청",
  cancel: "취소 요청",
  order: "상태 조회",
  lookup: "상태 조회",
  pay: "결제 요청",
  request: "주문 요청",
  status: "상태 조회",
  created: "생성",
  closed: "종료",
  expired: "시간 만료",
  superseded: "새 주문으로 대체",
  refunded: "환불됨",
  unused_refunded: "미사용 승인 환불",
  tid_entered: "거래번호 입력",
  requested: "요청",
  resolved: "처리 완료",
  approved: "승인",
  failed: "실패",
  aborted: "고객 취소",
  unknown: "결과 확인 중",
  settled: "정산",
};

/** "kakaopay.approve" → "카카오페이 승인 요청"; unknown parts are kept as they are. */
export function eventTypeLabel(type: string): string {
  const [head, ...rest] = type.split(".");
  const tail = rest.join(".");
  const h = providerWord[head ?? ""] ?? head;
  if (!tail) return h ?? type;
  return `${h} ${opWord[tail] ?? tail}`;
}

export const failureLabel: Record<string, string> = {
  TIMEOUT: "응답 시간 초과",
  NETWORK: "연결 실패",
  BAD_RESPONSE: "알 수 없는 응답",
  AMOUNT_MISMATCH: "금액 불일치",
  AMOUNT_TAMPERED: "금액 변조 의심",
  CANCELLED_AT_PROVIDER: "결제사에서 취소됨",
  CLOSED_BY_STAFF: "직원이 종료",
  EXPIRED: "시간 만료",
  ORDER_NOT_PAYABLE: "결제할 수 없는 주문",
  SUPERSEDED: "새 주문으로 대체",
  NO_TID: "거래번호 없음",
  NO_TRANSACTION_ID: "거래번호 없음",
  PARTIAL_NOT_SUPPORTED: "부분 취소 미지원",
  QUIT_PAYMENT: "고객이 결제 중단",
  FAIL_PAYMENT: "결제 실패",
  FAIL_AUTH_PASSWORD: "비밀번호 인증 실패",
  CANCEL_PAYMENT: "결제 취소",
  USER_CANCEL: "고객이 결제를 취소함",
  USER_CANCELLED: "고객이 결제를 취소함",
};

/** A failure for staff: Korean words first, the provider's code kept (for quoting to the provider). */
export function failureText(
  code: string | null | undefined,
  message: string | null | undefined,
): { label: string; code: string | null; detail: string | null } {
  const c = code ?? null;
  const known = c ? (failureLabel[c] ?? (/^HTTP_\d+$/.test(c) ? `결제사 서버 오류 (${c.slice(5)})` : null)) : null;
  const korean = message && /[가-힣]/.test(message) ? message : null;
  return {
    label: known ?? korean ?? "결제사 오류",
    code: c,
    detail: known && korean && korean !== known ? korean : null,
  };
}

/** "UNPAID → PAID" style fragments in timeline messages get the order / payment labels. */
export function translateStatusArrows(text: string, labels: Record<string, string>): string {
  return text.replace(/\b([A-Z_]{3,})\s*(→|->)\s*([A-Z_]{3,})\b/g, (m, a: string, _arrow: string, b: string) =>
    labels[a] || labels[b] ? `${labels[a] ?? a} → ${labels[b] ?? b}` : m,
  );
}
