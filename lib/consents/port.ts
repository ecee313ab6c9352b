// The consents domain's port to a signing provider (today the Linkhub family: Barocert Kakao CMS for
// 자동이체 출금동의, legacy KakaoCert for 전자서명). The domain sees outcomes — signed, waiting,
// expired, refused, no answer, "the verify was already used" … — never the provider's codes, state
// numbers or field names: those stay in the adapters (lib/providers/barocert/consent.ts,
// lib/providers/kakaocert/consent.ts, shared Linkhub tables in lib/providers/linkhub/). This file is
// the only one of lib/consents a provider folder may import; lib/consents/providers.ts composes them.

/** What the provider says about a request. */
export type ProviderState = "waiting" | "signed" | "expired" | "refused" | "failed" | "unknown";

export type ProviderStatus = {
  ok: true;
  state: ProviderState;
  /** the provider's own state value, kept as text for the timeline (opaque to the domain) */
  stateCode: string;
  requestedAt?: Date;
  viewedAt?: Date;
  completedAt?: Date;
  expiresAt?: Date;
  /** set when a verify already happened at the provider */
  verifiedAt?: Date;
};

/** What a refused call means for a verify (read from the adapter's code table). */
export type VerifyRefusal =
  | "used" // the once-only verify was already used (by an earlier call whose answer we lost)
  | "not-complete" // the signature is not complete yet
  | "late" // past the provider's verify window
  | "expired"
  | "declined"
  | "failed"
  | "signature-required" // an app-to-app request verified without the signature
  | "signature-mismatch" // the app-to-app signature does not match
  | "signature-unexpected"; // a talk-message request verified with a signature

export type ConsentProviderFailure = {
  ok: false;
  /**
   * no-answer: nothing came back (timeout, unreachable): whether the call happened is UNKNOWN ·
   * config: refused before any call, retrying with the same settings cannot help ·
   * invalid: input refused before any call · refused: the provider answered with an error
   */
  kind: "no-answer" | "config" | "invalid" | "refused";
  /** Our code for the failure (stored as failureCode): PROVIDER_TIMEOUT, CONFIG, INVALID, PROVIDER_<code> */
  code: string;
  /** What the timeline records as its result code (the provider's own code when it answered). */
  resultCode: string;
  /** Korean, for the customer */
  customer: string;
  /** Korean, for staff */
  admin: string;
  retryable: boolean;
  /** the provider's (or adapter's) own text */
  message: string;
  /** refused: what it means for a verify; absent when the code is not in the adapter's table (unknown) */
  verifyRefusal?: VerifyRefusal;
  /** no-answer: false only when the call certainly never reached the provider */
  maybeReached?: boolean;
};

/** The person who signed, from a CMS verify (personal data: compare, never log). */
export type SignerIdentity = { name: string; birthday: string; phone: string };

export type ProviderVerified = {
  ok: true;
  /** base64 DER PKCS#7 */
  signedData: string;
  /** CMS: the signer (null when the provider's answer could not be decrypted: a configuration problem); e-sign: absent */
  identity?: SignerIdentity | null;
};

export type ProviderReceipt = { ok: true; receiptId: string; /** app-to-app */ txId?: string };

export type CmsConsentInput = {
  receiverName: string;
  receiverPhone: string;
  receiverBirthday: string;
  title: string;
  extraMessage?: string;
  expireInSec: number;
  requestCorp: string;
  bankName: string;
  bankAccountNum: string;
  bankAccountName: string;
  bankAccountBirthday: string;
  bankServiceType: "CMS";
};

export type ESignConsentInput = {
  receiverName: string;
  receiverPhone: string;
  receiverBirthday: string;
  title: string;
  message: string;
  document: string;
  callCenter: string;
  expireInSec: number;
  verifyName: boolean;
  /** echoed back by the provider */
  payload: string;
  appToApp: boolean;
};

export type ConsentProvider<Input> = {
  /** short name, the prefix of its timeline events ("barocert.status" …) */
  readonly name: string;
  request(input: Input): Promise<ProviderReceipt | ConsentProviderFailure>;
  status(receiptId: string): Promise<ProviderStatus | ConsentProviderFailure>;
  /** Once per receipt. App-to-app: the signature KakaoTalk handed back. */
  verify(receiptId: string, signature?: string): Promise<ProviderVerified | ConsentProviderFailure>;
  /** The customer's text for a stored failure code (PROVIDER_<code>), or undefined when the code is unknown. */
  customerTextFor(failureCode: string): string | undefined;
};

export type CmsProvider = ConsentProvider<CmsConsentInput>;
export type ESignProvider = ConsentProvider<ESignConsentInput>;
