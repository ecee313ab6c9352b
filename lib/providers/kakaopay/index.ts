export { createKakaoPayGateway, parseKst, READY_TTL_MS, type KakaoPayConfig } from "./client";
