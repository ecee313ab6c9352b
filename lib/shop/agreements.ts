// The agreements a guest checkout asks for (issue 11 item 3). Both are required: without them the
// order cannot be placed. The order stores each item's key, version, title and full text as shown, and
// when it was agreed (Order.agreements / Order.agreedAt). Change a text → bump its version.
export type Agreement = { key: "privacy" | "thirdParty"; version: string; title: string; text: string; required: true };

export const checkoutAgreements: readonly Agreement[] = [
  {
    key: "privacy",
    version: "2026-11-30",
    title: "개인정보 수집·이용 동의",
    text: [
      "수집 항목: 주문자 이름, 휴대폰 번호, 이메일, 받는 분 이름·연락처, 배송지 주소, 배송 메모",
      "이용 목적: 주문 확인, 상품 배송, 결제·취소·환불 처리, 주문 관련 안내와 문의 응대",
      "보유 기간: 전자상거래법에 따라 계약·청약철회 및 대금결제·재화 공급에 관한 기록은 5년, 소비자 불만·분쟁 처리에 관한 기록은 3년 보관한 뒤 파기합니다.",
      "동의를 거부할 수 있으나, 거부하면 주문할 수 없습니다.",
    ].join("\n"),
    required: true,
  },
  {
    key: "thirdParty",
    version: "2026-11-30",
    title: "개인정보 제3자 제공 동의",
    text: [
      "제공받는 자: 선택한 결제수단의 결제사 — ㈜카카오페이 (카카오페이), PayUp 및 NHN KCP㈜ (카카오페이 KCP 결제창)",
      "제공 목적: 결제 처리, 결제 취소·환불, 부정거래 방지",
      "제공 항목: 주문번호, 상품명, 결제 금액, 주문자 이름·휴대폰 번호·이메일 (KCP 결제창)",
      "보유 기간: 결제사가 관계 법령에 따라 보관하는 기간 (전자금융거래 기록 5년)",
      "동의를 거부할 수 있으나, 거부하면 결제할 수 없습니다.",
    ].join("\n"),
    required: true,
  },
];

export const agreementMessage: Record<Agreement["key"], string> = {
  privacy: "개인정보 수집·이용에 동의해 주세요.",
  thirdParty: "개인정보 제3자 제공에 동의해 주세요.",
};
