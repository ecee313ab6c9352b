export { createKakaoPayGateway, parseKst, READY_TTL_MS, KAKAOPAY_BASIS, type KakaoPayConfig } from "./client";
export * from "./codes";
