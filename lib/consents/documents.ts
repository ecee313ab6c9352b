// Documents a customer can sign with KakaoCert. The exact text goes to KakaoTalk as the signed
// `Token` (≤ 500 chars) and is stored with its SHA-256, so the signature can be tied to the text.
import crypto from "node:crypto";

export type SignDocument = { key: string; version: string; title: string; tmsTitle: string; text: string };

export const SIGN_DOCUMENTS: readonly SignDocument[] = [
  {
    key: "service-contract",
    version: "2025-01",
    title: "정기배송 서비스 이용계약서",
    tmsTitle: "정기배송 서비스 이용계약 전자서명",
    text: [
      "[카카오 체크아웃 정기배송 서비스 이용계약서 v2025-01]",
      "1. 회사는 고객이 선택한 상품을 매월 정해진 날 배송합니다.",
      "2. 이용요금은 매월 배송일 3일 전에 등록된 결제수단 또는 자동이체로 청구됩니다.",
      "3. 고객은 다음 배송일 5일 전까지 언제든 해지할 수 있으며, 해지 후에는 더 이상 청구되지 않습니다.",
      "4. 신선식품은 수령 후 7일 이내 품질 문제가 있을 때 교환 또는 환불됩니다.",
      "5. 회사는 계약 이행에 필요한 최소한의 개인정보만 보관하며 계약 종료 후 관계 법령에 따라 파기합니다.",
      "본인은 위 계약 내용을 확인하였으며 이에 동의합니다.",
    ].join("\n"),
  },
  {
    key: "terms",
    version: "2025-01",
    title: "이용약관 및 개인정보 처리 동의서",
    tmsTitle: "이용약관 동의 전자서명",
    text: [
      "[카카오 체크아웃 이용약관 및 개인정보 처리 동의 v2025-01]",
      "1. 본인은 카카오 체크아웃 상점 이용약관에 동의합니다.",
      "2. 수집 항목: 성명, 휴대폰 번호, 생년월일, 배송지.",
      "3. 이용 목적: 주문 처리, 배송, 고객 상담, 법령상 의무 이행.",
      "4. 보유 기간: 거래 종료 후 5년(전자상거래법).",
      "본인은 위 내용을 확인하였으며 이에 동의합니다.",
    ].join("\n"),
  },
];

export const findDocument = (key: string | undefined) => SIGN_DOCUMENTS.find((d) => d.key === key);

export const sha256Hex = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest("hex");
