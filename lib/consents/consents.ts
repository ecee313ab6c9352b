// The consents domain's use cases, one file each — request.ts (ask, ask again), poll.ts (bring a
// request up to date with its provider), verify.ts (the once-only verify), app-return.ts (back from
// KakaoTalk), review.ts (확인 필요) — re-exported here as the domain's public surface. Every status
// change goes through state.ts (`transition`: compare-and-set + timeline event in one transaction), so
// several app instances and workers polling the same request cannot both call the once-only verify.
// The providers are behind port.ts (composed in providers.ts).
export { EXPIRE_IN_SEC, UNRESOLVED_AFTER_MS, VERIFY_WINDOW_MS, verifyWindowMs, type ConsentDeps } from "./common";
export {
  RE_REQUESTABLE,
  reRequestConsent,
  requestCmsConsent,
  requestESign,
  requestFailureOf,
  type Links,
  type RequestFailure,
  type RequestOutcome,
} from "./request";
export { refreshConsent } from "./poll";
export { identityMismatches, verifyConsent, type VerifyOutcome } from "./verify";
export { completeAppReturn, type AppReturnOutcome } from "./app-return";
export { markConsentReviewed } from "./review";
