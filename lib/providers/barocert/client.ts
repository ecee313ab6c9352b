// Barocert Kakao CMS (자동이체 출금동의) adapter over the official `barocert` SDK (unmodified):
// requestCMS → getCMSStatus (poll) → verifyCMS (once, within 10 minutes of completion).
// SDK quirks stay here: singleton/global config, falsy fields dropped from JSON, ServiceURL/AuthURL
// forms, callbacks that never fire when the service is down, field encryption via the SDK's _encrypt.
import barocert, { type BarocertKakaocertService } from "barocert";
import { decryptResultField } from "../linkhub/crypto";
import {
  badReceiptAnswer,
  configFailure,
  credentialsFailure,
  decodeKey,
  sdkRunner,
  sdkUrl,
  statusFields,
} from "../linkhub/linkhub";
import type { ConsentState, LinkhubConfig, LinkhubFailure, LinkhubResult, StatusStamps } from "../linkhub/linkhub";
import { expiry, invalid, isInvalid, normalizeAccount, normalizeBirthday, receiver, text } from "../linkhub/validation";

export type BarocertCmsConfig = LinkhubConfig & {
  /** AES-256-CTR key/IV for the verify-result personal fields (base64 or hex; 32 / 16 bytes) */
  resultKey: string;
  resultIv: string;
};

export type BankServiceType = "CMS" | "FIRM" | "GIRO";

export type CmsRequestInput = {
  receiverName: string;
  /** digits, hyphens allowed */
  receiverHP: string;
  /** yyyyMMdd (yyyy-MM-dd accepted) */
  receiverBirthday: string;
  /** message title, ≤ 40 chars */
  reqTitle: string;
  extraMessage?: string;
  /** seconds, 1–1000 (recommended 300) */
  expireIn?: number;
  /** billing organisation (청구기관명) */
  requestCorp: string;
  bankName: string;
  bankAccountNum: string;
  bankAccountName: string;
  bankAccountBirthday: string;
  bankServiceType: BankServiceType;
  /** app-to-app: returns a scheme to open; returnURL required */
  appUseYN?: boolean;
  returnURL?: string;
};

export type CmsReceipt = { receiptId: string; scheme?: string };
export type CmsStatus = {
  receiptId: string;
  clientCode: string;
  state: number;
  stateName: ConsentState;
} & StatusStamps;
export type CmsIdentity = {
  ci?: string;
  name: string;
  /** yyyyMMdd */
  birthday: string;
  phone: string;
  gender: string;
  foreign?: string;
  telco?: string;
};
export type CmsVerified = {
  receiptId: string;
  state: number;
  /** base64 DER PKCS#7; keep it and hand signedDataToDer(signedData) to KFTC as a .der file */
  signedData: string;
  /** decrypted personal fields, or null when they could not be decrypted (see identityError) */
  identity: CmsIdentity | null;
  identityError?: string;
};

export type BarocertCms = {
  request(input: CmsRequestInput): Promise<LinkhubResult<CmsReceipt>>;
  status(receiptId: string): Promise<LinkhubResult<CmsStatus>>;
  /** Callable once per receipt, within 10 minutes of completion (provider rule). */
  verify(receiptId: string): Promise<LinkhubResult<CmsVerified>>;
  /** AES-256-GCM with the SecretKey, exactly as the SDK's _encrypt (for diagnostics/tests). */
  encrypt(plain: string): string;
};

const ENCRYPTED_FIELDS = [
  "receiverHP",
  "receiverName",
  "receiverBirthday",
  "extraMessage",
  "requestCorp",
  "bankName",
  "bankAccountNum",
  "bankAccountName",
  "bankAccountBirthday",
  "bankServiceType",
] as const;

type Prepared = {
  ok: true;
  sdk: BarocertKakaocertService;
  clientCode: string;
  key: Buffer;
  iv: Buffer;
  timeoutMs: number;
};

function prepare(config: BarocertCmsConfig): Prepared | LinkhubFailure {
  const cfgErr = configFailure;
  const credentials = credentialsFailure(config, "Barocert", "BAROCERT_CLIENT_CODE");
  if (credentials) return credentials;
  const key = decodeKey(config.resultKey, 32);
  const iv = decodeKey(config.resultIv, 16);
  if (!key) return cfgErr("결과 복호화 키는 32바이트(base64 또는 hex)여야 합니다. (BAROCERT_RESULT_KEY)");
  if (!iv) return cfgErr("결과 복호화 IV는 16바이트(base64 또는 hex)여야 합니다. (BAROCERT_RESULT_IV)");
  const service = sdkUrl(config.serviceUrl, "BAROCERT_SERVICE_URL");
  if (!service.ok) return cfgErr(service.message);
  const auth = sdkUrl(config.authUrl, "BAROCERT_AUTH_URL");
  if (!auth.ok) return cfgErr(auth.message);
  // index.js keeps one service per process (module-global `configuration` + `this._KakaocertService`):
  // configure, then construct against a private holder so each adapter owns its instance and config.
  barocert.config({
    LinkID: config.linkId,
    SecretKey: config.secretKey,
    IPRestrictOnOff: config.ipRestrict ?? true,
    UseStaticIP: config.useStaticIp ?? false,
    UseLocalTimeYN: true, // false makes the Node SDK build "https://http://…/Time" and throw
    ServiceURL: service.url,
    AuthURL: auth.url,
  });
  const sdk = barocert.KakaocertService.call({});
  return { ok: true, sdk, clientCode: config.clientCode, key, iv, timeoutMs: config.timeoutMs ?? 10_000 };
}

export function createBarocertCms(config: BarocertCmsConfig): BarocertCms {
  const prepared = prepare(config);
  const now = config.now ?? (() => new Date());

  /** One SDK call with timeout, token-cache hygiene and one retry when the server forgot our token. */
  const run = sdkRunner(prepared);

  function validate(input: CmsRequestInput): Record<string, string | number | boolean> | LinkhubFailure {
    const who = receiver(input, { nameMax: 80, now: now() });
    if (isInvalid(who)) return who;
    const { receiverName, receiverHP, receiverBirthday } = who;
    const reqTitle = text("reqTitle", "인증요청 메시지 제목", input.reqTitle, 40);
    if (isInvalid(reqTitle)) return reqTitle;
    const extraMessage = text("extraMessage", "커스텀 메시지", input.extraMessage, 500, false);
    if (isInvalid(extraMessage)) return extraMessage;
    const expireIn = expiry("expireIn", input.expireIn);
    if (isInvalid(expireIn)) return expireIn;
    const requestCorp = text("requestCorp", "청구기관명", input.requestCorp, 100);
    if (isInvalid(requestCorp)) return requestCorp;
    const bankName = text("bankName", "출금은행", input.bankName, 100);
    if (isInvalid(bankName)) return bankName;
    const bankAccountNum = normalizeAccount(input.bankAccountNum);
    if (!bankAccountNum) return invalid("bankAccountNum", "출금계좌번호를 숫자로 정확히 입력해 주세요. (6~31자리)");
    const bankAccountName = text("bankAccountName", "예금주명", input.bankAccountName, 100);
    if (isInvalid(bankAccountName)) return bankAccountName;
    const bankAccountBirthday = normalizeBirthday(input.bankAccountBirthday, now());
    if (!bankAccountBirthday)
      return invalid("bankAccountBirthday", "예금주 생년월일 8자리를 정확히 입력해 주세요. (예: 19900131)");
    if (!["CMS", "FIRM", "GIRO"].includes(input.bankServiceType))
      return invalid("bankServiceType", "출금 유형은 CMS, FIRM, GIRO 중 하나여야 합니다.");
    const returnURL = (input.returnURL ?? "").trim();
    if (input.appUseYN && !returnURL) return invalid("returnURL", "앱투앱 인증에는 복귀 URL이 필요합니다.");
    if (chars(returnURL) > 1000) return invalid("returnURL", "복귀 URL은 1000자 이하여야 합니다.");
    const out: Record<string, string | number | boolean> = {
      receiverHP,
      receiverName,
      receiverBirthday,
      reqTitle,
      expireIn,
      requestCorp,
      bankName,
      bankAccountNum,
      bankAccountName,
      bankAccountBirthday,
      bankServiceType: input.bankServiceType,
    };
    if (extraMessage) out.extraMessage = extraMessage;
    // the SDK's JSON drops falsy values: appUseYN=false never reaches the wire (server default = false)
    if (input.appUseYN) out.appUseYN = true;
    if (returnURL) out.returnURL = returnURL;
    return out;
  }

  return {
    encrypt(plain) {
      if (!prepared.ok) throw new Error(prepared.message);
      return prepared.sdk._encrypt(plain);
    },

    async request(input) {
      if (!prepared.ok) return prepared;
      const v = validate(input);
      if ("ok" in v) return v as LinkhubFailure;
      const body: Record<string, unknown> = { ...v };
      for (const f of ENCRYPTED_FIELDS)
        if (typeof body[f] === "string") body[f] = prepared.sdk._encrypt(body[f] as string);
      const r = await run<Record<string, unknown>>((p, ok, err) => p.sdk.requestCMS(p.clientCode, body, ok, err));
      if (!r.ok) return r;
      const receiptId = String(r.value.receiptID ?? "");
      if (!/^\d{32}$/.test(receiptId)) return badReceiptAnswer(receiptId);
      return {
        ok: true,
        receiptId,
        scheme: typeof r.value.scheme === "string" && r.value.scheme ? r.value.scheme : undefined,
      };
    },

    async status(receiptId) {
      if (!prepared.ok) return prepared;
      if (!/^\d{32}$/.test(receiptId)) return invalid("receiptId", "접수아이디는 32자리 숫자입니다.");
      const r = await run<Record<string, unknown>>((p, ok, err) =>
        p.sdk.getCMSStatus(p.clientCode, receiptId, ok, err),
      );
      if (!r.ok) return r;
      const s = r.value;
      return { ok: true, ...statusFields(s, receiptId) };
    },

    async verify(receiptId) {
      if (!prepared.ok) return prepared;
      if (!/^\d{32}$/.test(receiptId)) return invalid("receiptId", "접수아이디는 32자리 숫자입니다.");
      const r = await run<Record<string, unknown>>((p, ok, err) => p.sdk.verifyCMS(p.clientCode, receiptId, ok, err));
      if (!r.ok) return r;
      const v = r.value;
      const signedData = typeof v.signedData === "string" ? v.signedData : "";
      let identity: CmsIdentity | null = null;
      let identityError: string | undefined;
      try {
        identity = decryptIdentity(v, prepared.key, prepared.iv);
      } catch (e) {
        identityError = `개인정보 복호화 실패 (BAROCERT_RESULT_KEY/IV 확인): ${e instanceof Error ? e.message : String(e)}`;
      }
      return {
        ok: true,
        receiptId: String(v.receiptID ?? receiptId),
        state: Number(v.state),
        signedData,
        identity,
        identityError,
      };
    },
  };
}

const chars = (s: string) => [...s].length;

/** Decrypts and sanity-checks the personal fields (CTR cannot fail by itself: a wrong key yields garbage). */
export function decryptIdentity(v: Record<string, unknown>, key: Buffer, iv: Buffer): CmsIdentity {
  const dec = (f: string, required = true): string | undefined => {
    const x = v[f];
    if (typeof x !== "string" || !x) {
      if (required) throw new Error(`${f} 없음`);
      return undefined;
    }
    return decryptResultField(key, iv, x);
  };
  const name = dec("receiverName")!;
  const year = dec("receiverYear")!;
  const day = dec("receiverDay")!;
  const phone = dec("receiverHP")!;
  const gender = dec("receiverGender")!;
  if (name.includes("\uFFFD") || !/^\d{4}$/.test(year) || !/^\d{4}$/.test(day) || !/^\d{10,11}$/.test(phone))
    throw new Error("복호화 결과가 올바르지 않습니다");
  return {
    ci: dec("ci", false),
    name,
    birthday: `${year}${day}`,
    phone,
    gender,
    foreign: dec("receiverForeign", false),
    telco: dec("receiverTelcoType", false),
  };
}

/** The merchant must check the signer is the person it asked (S0): name, birth date and phone. */
export function identityMatches(
  identity: CmsIdentity | null,
  expected: { name: string; birthday: string; phone: string },
): boolean {
  if (!identity) return false;
  const digits = (s: string) => s.replace(/\D/g, "");
  return (
    identity.name.trim() === expected.name.trim() &&
    identity.birthday === digits(expected.birthday) &&
    identity.phone === digits(expected.phone)
  );
}
