// Legacy KakaoCert e-signature adapter over the official `kakaocert` SDK (unmodified):
// requestESign (talk message or app-to-app) → getESignState (poll) → verifyESign (once).
// SDK quirks stay here: the module-global linkhub TokenBuilder (re-initialised before every call so
// several adapters can coexist), the singleton service, falsy JSON fields dropped, a custom https
// ServiceURL silently ignored by the SDK, callbacks that never fire when the service is down.
import kakaocert, { type LegacyKakaocertService } from "kakaocert";
import linkhub from "linkhub";
import {
  badReceiptAnswer,
  configFailure,
  credentialsFailure,
  sdkRunner,
  sdkUrl,
  statusFields,
} from "../linkhub/linkhub";
import type { ConsentState, LinkhubConfig, LinkhubFailure, LinkhubResult, StatusStamps } from "../linkhub/linkhub";
import { expiry, invalid, isInvalid, receiver, text } from "../linkhub/validation";

/** A custom https serviceUrl is not supported by the SDK (http://host:port for the sandbox, or empty). */
export type KakaoCertESignConfig = LinkhubConfig;

export type ESignRequestInput = {
  receiverName: string;
  receiverHP: string;
  /** yyyyMMdd (yyyy-MM-dd accepted) */
  receiverBirthday: string;
  /** TMSTitle, ≤ 40 chars */
  title: string;
  /** TMSMessage, talk message only, ≤ 500 */
  message?: string;
  /** the text the customer signs (Token), ≤ 500 */
  document: string;
  /** shown as 고객센터, ≤ 20 */
  callCenterNum: string;
  /** seconds, 1–1000 (default 300) */
  expiresIn?: number;
  /** 12-digit alias code registered in the admin site */
  subClientId?: string;
  /** true: certificate issuance with phone verification only */
  allowSimpleRegist?: boolean;
  /** true (default): Kakao checks the real name against receiverName */
  verifyName?: boolean;
  /** memo, ≤ 200 */
  payload?: string;
  /** app-to-app: the response carries txId; verify with the signature KakaoTalk returns */
  appToApp?: boolean;
};

export type ESignReceipt = { receiptId: string; txId?: string };
export type ESignStatus = {
  receiptId: string;
  clientCode: string;
  clientName?: string;
  state: number;
  stateName: ConsentState;
  appToApp: boolean;
  txId?: string;
  expiresIn?: number;
  payload?: string;
} & StatusStamps;
export type ESignVerified = { receiptId: string; signedData: string };

export type KakaoCertESign = {
  request(input: ESignRequestInput): Promise<LinkhubResult<ESignReceipt>>;
  status(receiptId: string): Promise<LinkhubResult<ESignStatus>>;
  /** Once per receipt. App-to-app: pass the signature KakaoTalk returned (`signature` on Android, `sig` on iOS). */
  verify(receiptId: string, signature?: string): Promise<LinkhubResult<ESignVerified>>;
};

type Prepared = {
  ok: true;
  sdk: LegacyKakaocertService;
  clientCode: string;
  timeoutMs: number;
  linkhubConfig: { LinkID: string; SecretKey: string; UseLocalTimeYN: true; AuthURL?: string };
};

function prepare(config: KakaoCertESignConfig): Prepared | LinkhubFailure {
  const cfgErr = configFailure;
  const credentials = credentialsFailure(config, "KakaoCert", "KAKAOCERT_CLIENT_CODE");
  if (credentials) return credentials;
  const service = sdkUrl(config.serviceUrl, "KAKAOCERT_SERVICE_URL");
  if (!service.ok) return cfgErr(service.message);
  // the legacy SDK ignores any https ServiceURL and calls its built-in production host instead
  if (
    service.url?.startsWith("https://") &&
    !/^https:\/\/(static-|ga-)?kakaocert-api\.linkhub\.co\.kr$/.test(service.url)
  )
    return cfgErr(`KakaoCert SDK는 사용자 지정 https ServiceURL을 무시합니다: ${service.url}`);
  const auth = sdkUrl(config.authUrl, "KAKAOCERT_AUTH_URL");
  if (!auth.ok) return cfgErr(auth.message);
  const serviceUrl = service.url?.startsWith("https://") ? undefined : service.url;
  kakaocert.config({
    LinkID: config.linkId,
    SecretKey: config.secretKey,
    IPRestrictOnOff: config.ipRestrict ?? true,
    UseStaticIP: config.useStaticIp ?? false,
    UseLocalTimeYN: true,
    ServiceURL: serviceUrl,
    AuthURL: auth.url,
  });
  const sdk = kakaocert.KakaocertService.call({});
  return {
    ok: true,
    sdk,
    clientCode: config.clientCode,
    timeoutMs: config.timeoutMs ?? 10_000,
    linkhubConfig: { LinkID: config.linkId, SecretKey: config.secretKey, UseLocalTimeYN: true, AuthURL: auth.url },
  };
}

export function createKakaoCertESign(config: KakaoCertESignConfig): KakaoCertESign {
  const prepared = prepare(config);
  const now = config.now ?? (() => new Date());

  // the SDK fetches tokens through linkhub's module-global TokenBuilder: point it at *our* auth
  // config right before the (synchronous) token lookup of each call
  const run = sdkRunner(prepared, (p) => linkhub.initialize(p.linkhubConfig));

  return {
    async request(input) {
      if (!prepared.ok) return prepared;
      const who = receiver(input, { nameMax: 20, now: now() });
      if (isInvalid(who)) return who;
      const { receiverName, receiverHP, receiverBirthday } = who;
      const title = text("title", "인증요청 메시지 제목", input.title, 40);
      if (isInvalid(title)) return title;
      const message = text("message", "인증요청 메시지 부가내용", input.message, 500, false);
      if (isInvalid(message)) return message;
      const document = text("document", "서명할 내용", input.document, 500);
      if (isInvalid(document)) return document;
      const callCenterNum = text("callCenterNum", "고객센터 전화번호", input.callCenterNum, 20);
      if (isInvalid(callCenterNum)) return callCenterNum;
      const expiresIn = expiry("expiresIn", input.expiresIn);
      if (isInvalid(expiresIn)) return expiresIn;
      const subClientId = (input.subClientId ?? "").trim();
      if (subClientId && !/^\d{12}$/.test(subClientId)) return invalid("subClientId", "별칭코드는 12자리 숫자입니다.");
      const payload = text("payload", "메모", input.payload, 200, false);
      if (isInvalid(payload)) return payload;
      // wire names are capitalised; the SDK drops falsy values (false booleans, empty strings never reach the wire)
      const body: Record<string, unknown> = {
        CallCenterNum: callCenterNum,
        Expires_in: expiresIn,
        ReceiverBirthDay: receiverBirthday,
        ReceiverHP: receiverHP,
        ReceiverName: receiverName,
        TMSTitle: title,
        TMSMessage: input.appToApp ? undefined : message || undefined,
        SubClientID: subClientId || undefined,
        Token: document,
        isAllowSimpleRegistYN: input.allowSimpleRegist === true,
        isVerifyNameYN: input.verifyName ?? true,
        PayLoad: payload || undefined,
      };
      const appToApp = input.appToApp === true;
      const r = await run<Record<string, unknown>>((p, ok, err) =>
        p.sdk.requestESign(p.clientCode, body, appToApp, ok, err),
      );
      if (!r.ok) return r;
      const receiptId = String(r.value.receiptId ?? r.value.receiptID ?? "");
      if (!/^\d{1,32}$/.test(receiptId)) return badReceiptAnswer(receiptId);
      const txId = typeof r.value.tx_id === "string" && r.value.tx_id ? r.value.tx_id : undefined;
      if (appToApp && !txId)
        return { ok: false, kind: "provider", code: -1, message: "앱투앱 요청인데 tx_id가 없습니다." };
      return { ok: true, receiptId, txId };
    },

    async status(receiptId) {
      if (!prepared.ok) return prepared;
      if (!/^\d{1,32}$/.test(receiptId)) return invalid("receiptId", "접수아이디는 숫자입니다.");
      const r = await run<Record<string, unknown>>((p, ok, err) =>
        p.sdk.getESignState(p.clientCode, receiptId, ok, err),
      );
      if (!r.ok) return r;
      const s = r.value;
      return {
        ok: true,
        ...statusFields(s, receiptId),
        clientName: typeof s.clientName === "string" ? s.clientName : undefined,
        appToApp: s.appUseYN === true,
        txId: typeof s.tx_id === "string" && s.tx_id ? s.tx_id : undefined,
        expiresIn: typeof s.expires_in === "number" ? s.expires_in : undefined,
        payload: typeof s.payload === "string" ? s.payload : undefined,
      };
    },

    async verify(receiptId, signature) {
      if (!prepared.ok) return prepared;
      if (!/^\d{1,32}$/.test(receiptId)) return invalid("receiptId", "접수아이디는 숫자입니다.");
      const sig = (signature ?? "").trim();
      // the SDK appends the signature to the path raw: only base64/base64url characters are safe there
      if (sig && !/^[A-Za-z0-9+/=_-]+$/.test(sig)) return invalid("signature", "서명값 형식이 올바르지 않습니다.");
      const r = await run<Record<string, unknown>>((p, ok, err) =>
        sig
          ? p.sdk.verifyESign(p.clientCode, receiptId, sig, ok, err)
          : p.sdk.verifyESign(p.clientCode, receiptId, ok, err),
      );
      if (!r.ok) return r;
      const signedData = typeof r.value.signedData === "string" ? r.value.signedData : "";
      if (!signedData) return { ok: false, kind: "provider", code: -1, message: "검증 응답에 signedData가 없습니다." };
      return { ok: true, receiptId: String(r.value.receiptId ?? receiptId), signedData };
    },
  };
}
