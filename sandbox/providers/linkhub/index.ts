// Linkhub-family consent providers, see README.md.
//   auth        : POST /BAROCERT/Token, POST /KAKAOCERT/Token (Authorization: LINKHUB {LinkID} {hmac}), GET /Time
//   Barocert    : POST /KAKAO/CMS/{cc} · GET /KAKAO/CMS/{cc}/{rid} · POST /KAKAO/CMS/Verify/{cc}/{rid} (Java: POST /KAKAO/CMS/{cc}/{rid})
//   KakaoCert   : POST /SignToken/Request · GET /SignToken/Status/{rid} · GET /SignToken/Verify/{rid}[/{signature}]
//   customer    : GET /kakaotalk[?phone=] · /kakaotalk/r/{rid} (+ POST sign|decline) · /kakaotalk/app/{txId}?return= (+ POST sign|decline)
//   test control: GET /__sandbox/linkhub/requests · POST /__sandbox/linkhub/requests/{rid}/sign|decline|view|fail|lose-verify-answer
//   faults      : provider "barocert" | "kakaocert", op "token" | "request" | "status" | "verify" (match: the request path)
import crypto from "node:crypto";
import type { Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ProviderModule, SandboxContext } from "../../context.ts";
import { sleep } from "../../faults.ts";
import { readConfig, type LinkhubSandboxConfig } from "./config.ts";
import {
  barocertSignature,
  cbcDecrypt,
  ctrEncrypt,
  gcmDecrypt,
  kakaocertSignature,
  linkhubTokenSignature,
  sameSignature,
} from "./crypto.ts";
import { appResultPage, appSheet, chatPage, notFoundPage, phoneEntryPage, requestSheet } from "./pages.ts";
import { ConsentStore, VERIFY_WINDOW_MS, end, kstStamp, markViewed, sign, type ConsentRequest } from "./store.ts";

/**
 * Error codes, documented in README.md. Linkhub auth: the published Linkhub common codes where one fits the
 * situation (-10000010 partner unknown, -10000033 token not interpretable, -10000034 no token: Popbill's
 * published table of the same auth service); the other auth situations have no published code and use
 * numbers outside the published table (-100000 9x, our choice). Barocert / KakaoCert numbers: our choice.
 */
export const CODES = {
  // Linkhub auth
  LINKID_UNKNOWN: -10000010,
  AUTH_MALFORMED: -10000091,
  AUTH_SIGNATURE: -10000092,
  AUTH_DATE: -10000093,
  TOKEN_BODY: -10000094,
  ACCESS_ID: -10000095,
  TOKEN_INVALID: -10000033,
  TOKEN_MISSING: -10000034,
  // Barocert Kakao CMS (-401…) / legacy KakaoCert (-310…): same suffixes
  SIGNATURE: 1,
  HEADERS: 2,
  CLIENT_CODE: 3,
  BODY: 4,
  REQUIRED: 5,
  DECRYPT: 6,
  FORMAT: 7,
  RETURN_URL: 8,
  RECEIPT_UNKNOWN: 10,
  NOT_COMPLETE: 11,
  ALREADY_VERIFIED: 12,
  VERIFY_WINDOW: 13,
  EXPIRED: 14,
  DECLINED: 15,
  FAILED: 16,
  SIGNATURE_REQUIRED: 17,
  SIGNATURE_MISMATCH: 18,
  SIGNATURE_UNEXPECTED: 19,
  NOT_SUPPORTED: 98,
  FAULT: 99,
} as const;
type Product = "barocert" | "kakaocert";
type Suffix = Exclude<keyof typeof CODES, `${"LINKID" | "AUTH" | "TOKEN" | "ACCESS"}_${string}`>;
export const productCode = (p: Product, s: Suffix): number => (p === "barocert" ? -40100000 : -31000000) - CODES[s];

type Token = {
  token: string;
  serviceID: "BAROCERT" | "KAKAOCERT";
  linkID: string;
  accessId: string;
  scope: string[];
  expiresAtMs: number;
};
/** Token lifetime (wall clock: the SDKs compare `expiration` with the real local time, not the sandbox clock). */
export const TOKEN_TTL_MS = 3 * 3_600_000;
/** Accepted skew of x-lh-date / x-bc-date against the wall clock. */
export const DATE_SKEW_MS = 10 * 60_000;

const CMS_ENCRYPTED = [
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
const CMS_LABEL: Record<string, string> = {
  receiverHP: "수신자 휴대폰번호",
  receiverName: "수신자 성명",
  receiverBirthday: "수신자 생년월일",
  reqTitle: "인증요청 메시지 제목",
  expireIn: "만료시간",
  requestCorp: "청구기관명",
  bankName: "출금은행명",
  bankAccountNum: "출금계좌번호",
  bankAccountName: "출금계좌 예금주명",
  bankAccountBirthday: "출금계좌 예금주 생년월일",
  bankServiceType: "출금 유형",
};

const PHONE = /^01\d{8,9}$/;
function isBirthday(s: string): boolean {
  if (!/^\d{8}$/.test(s)) return false;
  const d = new Date(Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8)));
  return (
    d.getUTCFullYear() === +s.slice(0, 4) &&
    d.getUTCMonth() === +s.slice(4, 6) - 1 &&
    d.getUTCDate() === +s.slice(6, 8) &&
    +s.slice(0, 4) >= 1900
  );
}
const chars = (s: string) => [...s].length;

class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export function createLinkhubProvider(): ProviderModule {
  return {
    name: "linkhub",
    title: "Linkhub · Barocert 카카오 출금동의 / KakaoCert 전자서명",
    mount(app: Hono, ctx: SandboxContext) {
      const store = new ConsentStore();
      const tokens = new Map<string, Token>();
      const cfg = () => readConfig();

      const send = (c: Context, status: ContentfulStatusCode, body: unknown) => c.json(body as object, status);
      const rawBody = async (c: Context) => Buffer.from(await c.req.arrayBuffer());
      const rawPath = (c: Context) => new URL(c.req.url).pathname;
      const fail = (c: Context, e: ApiError) => send(c, e.status, { code: e.code, message: e.message });

      /** Fault hooks around one provider operation (modes per sandbox/faults.ts). */
      async function guarded(
        c: Context,
        product: Product,
        op: string,
        run: () => Promise<Response> | Response,
      ): Promise<Response> {
        // `match` is compared with the request path, so a test can fault one receipt's calls
        const fault = ctx.faults.take(product, op, rawPath(c));
        if (fault) ctx.log("linkhub fault", { product, op, mode: fault.mode });
        if (fault?.mode === "hang") {
          await sleep(fault.delayMs);
          return send(c, 504, {
            code: productCode(product, "FAULT"),
            message: "gateway timeout (sandbox fault: hang)",
          });
        }
        if (fault?.mode === "http500")
          return send(c, 500, {
            code: productCode(product, "FAULT"),
            message: "internal server error (sandbox fault)",
          });
        if (fault?.mode === "error") {
          const code = Number(fault.code);
          return send(c, 400, {
            code: Number.isFinite(code) && code < 0 ? code : productCode(product, "FAULT"),
            message: fault.message ?? "sandbox fault: error",
          });
        }
        let res: Response;
        try {
          res = await run();
        } catch (e) {
          if (e instanceof ApiError) res = fail(c, e);
          else throw e;
        }
        if (fault?.mode === "timeout") await sleep(fault.delayMs);
        return res;
      }

      function checkDate(value: string | undefined, code: number, header: string) {
        const t = value ? Date.parse(value) : NaN;
        if (!value || Number.isNaN(t))
          throw new ApiError(401, code, `${header} 헤더가 없거나 형식이 올바르지 않습니다.`);
        if (Math.abs(t - Date.now()) > DATE_SKEW_MS)
          throw new ApiError(401, code, `${header} 시각이 서버 시각과 ${DATE_SKEW_MS / 60000}분 이상 차이납니다.`);
      }

      // ---------------------------------------------------------------- Linkhub auth
      async function issueToken(c: Context, serviceID: Token["serviceID"]): Promise<Response> {
        const conf = cfg();
        const body = await rawBody(c);
        const m = /^LINKHUB (\S+) (\S+)$/.exec(c.req.header("authorization") ?? "");
        if (!m)
          throw new ApiError(
            401,
            CODES.AUTH_MALFORMED,
            "Authorization 헤더 형식이 올바르지 않습니다. (LINKHUB {LinkID} {Signature})",
          );
        const [, linkID, sig] = m as unknown as [string, string, string];
        if (linkID !== conf.linkId)
          throw new ApiError(401, CODES.LINKID_UNKNOWN, `등록되지 않은 LinkID 입니다. (${linkID})`);
        const date = c.req.header("x-lh-date");
        checkDate(date, CODES.AUTH_DATE, "x-lh-date");
        const version = c.req.header("x-lh-version");
        if (version !== "2.0") throw new ApiError(401, CODES.AUTH_MALFORMED, "x-lh-version 헤더는 2.0 이어야 합니다.");
        const expected = linkhubTokenSignature(conf.secretKey, {
          body,
          date: date!,
          forwarded: c.req.header("x-lh-forwarded"),
          version,
          uri: `/${serviceID}/Token`,
        });
        if (!sameSignature(sig, expected))
          throw new ApiError(
            401,
            CODES.AUTH_SIGNATURE,
            "인증 서명이 일치하지 않습니다. LinkID/SecretKey를 확인하세요.",
          );
        let parsed: { access_id?: unknown; scope?: unknown };
        try {
          parsed = JSON.parse(body.toString("utf8"));
        } catch {
          throw new ApiError(400, CODES.TOKEN_BODY, "토큰 요청 본문이 JSON이 아닙니다.");
        }
        const scope = parsed?.scope;
        if (!Array.isArray(scope) || !scope.every((s) => typeof s === "string") || scope.length === 0)
          throw new ApiError(400, CODES.TOKEN_BODY, "scope가 올바르지 않습니다.");
        const accessId = typeof parsed.access_id === "string" ? parsed.access_id : "";
        if (serviceID === "KAKAOCERT" && accessId !== conf.kakaocertClientCode)
          throw new ApiError(
            403,
            CODES.ACCESS_ID,
            `등록되지 않은 이용기관코드 입니다. (access_id: ${accessId || "없음"})`,
          );
        if (serviceID === "BAROCERT" && !scope.includes("partner"))
          throw new ApiError(400, CODES.TOKEN_BODY, "scope에 partner가 없습니다.");
        const t: Token = {
          token: crypto.randomBytes(24).toString("base64url"),
          serviceID,
          linkID,
          accessId,
          scope: scope as string[],
          expiresAtMs: Date.now() + TOKEN_TTL_MS,
        };
        tokens.set(t.token, t);
        ctx.log("linkhub token", { serviceID, linkID, accessId });
        return send(c, 200, {
          session_token: t.token,
          serviceID,
          linkID,
          usercode: accessId || linkID,
          ipaddress: c.req.header("x-lh-forwarded") ?? "127.0.0.1",
          expiration: new Date(t.expiresAtMs).toISOString(),
          scope: t.scope,
        });
      }
      app.post("/BAROCERT/Token", (c) => guarded(c, "barocert", "token", () => issueToken(c, "BAROCERT")));
      app.post("/KAKAOCERT/Token", (c) => guarded(c, "kakaocert", "token", () => issueToken(c, "KAKAOCERT")));
      app.get("/Time", (c) => c.text(new Date().toISOString().replace(/\.\d{3}Z$/, "Z")));

      function bearer(c: Context, serviceID: Token["serviceID"]): Token {
        const h = c.req.header("authorization") ?? "";
        const m = /^Bearer (\S+)$/.exec(h);
        if (!m) throw new ApiError(401, CODES.TOKEN_MISSING, "세션토큰이 없습니다. (Authorization: Bearer)");
        const t = tokens.get(m[1]!);
        if (!t || t.serviceID !== serviceID)
          throw new ApiError(401, CODES.TOKEN_INVALID, "세션토큰이 유효하지 않습니다.");
        if (Date.now() > t.expiresAtMs) throw new ApiError(401, CODES.TOKEN_INVALID, "세션토큰이 만료되었습니다.");
        return t;
      }

      // ---------------------------------------------------------------- Barocert Kakao CMS
      async function barocertPost(c: Context): Promise<{ body: Buffer; conf: LinkhubSandboxConfig; token: Token }> {
        const conf = cfg();
        const token = bearer(c, "BAROCERT");
        const body = await rawBody(c);
        const date = c.req.header("x-bc-date");
        const auth = c.req.header("x-bc-auth");
        if (!auth || !c.req.header("x-bc-version"))
          throw new ApiError(401, productCode("barocert", "HEADERS"), "x-bc-auth / x-bc-version 헤더가 없습니다.");
        checkDate(date, productCode("barocert", "HEADERS"), "x-bc-date");
        if (token.linkID !== conf.linkId)
          throw new ApiError(401, CODES.TOKEN_INVALID, "세션토큰의 LinkID가 유효하지 않습니다.");
        const expected = barocertSignature(conf.secretKey, { body, date: date!, path: rawPath(c) });
        if (!sameSignature(auth, expected))
          throw new ApiError(
            401,
            productCode("barocert", "SIGNATURE"),
            "x-bc-auth 서명이 일치하지 않습니다. SecretKey를 확인하세요.",
          );
        return { body, conf, token };
      }
      function checkClientCode(cc: string, conf: LinkhubSandboxConfig) {
        if (cc !== conf.barocertClientCode)
          throw new ApiError(403, productCode("barocert", "CLIENT_CODE"), `등록되지 않은 이용기관코드 입니다. (${cc})`);
      }
      function cmsRecord(cc: string, rid: string): ConsentRequest {
        const r = store.get(rid, ctx.now());
        if (!r || r.kind !== "cms" || r.clientCode !== cc)
          throw new ApiError(
            404,
            productCode("barocert", "RECEIPT_UNKNOWN"),
            `접수아이디가 존재하지 않습니다. (${rid})`,
          );
        return r;
      }

      app.post("/KAKAO/CMS/Verify/:cc/:rid", (c) => guarded(c, "barocert", "verify", () => cmsVerify(c)));
      app.post("/KAKAO/CMS/:cc/:rid", (c) => guarded(c, "barocert", "verify", () => cmsVerify(c)));
      app.post("/KAKAO/CMS/:cc", (c) =>
        guarded(c, "barocert", "request", async () => {
          const { body, conf } = await barocertPost(c);
          const cc = c.req.param("cc");
          checkClientCode(cc, conf);
          let input: Record<string, unknown>;
          try {
            input = JSON.parse(body.toString("utf8"));
            if (!input || typeof input !== "object" || Array.isArray(input)) throw new Error();
          } catch {
            throw new ApiError(400, productCode("barocert", "BODY"), "요청 본문이 JSON 객체가 아닙니다.");
          }
          const mode = (c.req.header("x-bc-encryptionmode") ?? "GCM").toUpperCase();
          const plain: Record<string, string> = {};
          for (const f of CMS_ENCRYPTED) {
            const v = input[f];
            if (v === undefined || v === null || v === "") continue;
            if (typeof v !== "string")
              throw new ApiError(
                400,
                productCode("barocert", "FORMAT"),
                `${CMS_LABEL[f] ?? f}은(는) 문자열이어야 합니다.`,
              );
            try {
              plain[f] = mode === "CBC" ? cbcDecrypt(conf.secretKey, v) : gcmDecrypt(conf.secretKey, v);
            } catch {
              if (!conf.allowPlaintext)
                throw new ApiError(
                  400,
                  productCode("barocert", "DECRYPT"),
                  `${CMS_LABEL[f] ?? f} 복호화에 실패했습니다. SecretKey로 AES-256-${mode === "CBC" ? "CBC" : "GCM"} 암호화해야 합니다. (${f})`,
                );
              plain[f] = v;
            }
          }
          const reqTitle = typeof input.reqTitle === "string" ? input.reqTitle : "";
          const expireIn = input.expireIn;
          for (const f of [
            "receiverHP",
            "receiverName",
            "receiverBirthday",
            "reqTitle",
            "expireIn",
            "requestCorp",
            "bankName",
            "bankAccountNum",
            "bankAccountName",
            "bankAccountBirthday",
            "bankServiceType",
          ]) {
            const present =
              f === "reqTitle"
                ? reqTitle !== ""
                : f === "expireIn"
                  ? expireIn !== undefined && expireIn !== null
                  : !!plain[f];
            if (!present)
              throw new ApiError(
                400,
                productCode("barocert", "REQUIRED"),
                `${CMS_LABEL[f]}이(가) 입력되지 않았습니다. (${f})`,
              );
          }
          const bad = (m: string) => new ApiError(400, productCode("barocert", "FORMAT"), m);
          if (!PHONE.test(plain.receiverHP!))
            throw bad("수신자 휴대폰번호 형식이 올바르지 않습니다. (숫자만, 010으로 시작하는 10~11자리)");
          if (chars(plain.receiverName!) > 80) throw bad("수신자 성명은 80자 이하입니다.");
          if (!isBirthday(plain.receiverBirthday!)) throw bad("수신자 생년월일 형식이 올바르지 않습니다. (yyyyMMdd)");
          if (chars(reqTitle) > 40) throw bad("인증요청 메시지 제목은 40자 이하입니다.");
          if (plain.extraMessage && chars(plain.extraMessage) > 500) throw bad("커스텀 메시지는 500자 이하입니다.");
          if (typeof expireIn !== "number" || !Number.isInteger(expireIn) || expireIn < 1 || expireIn > 1000)
            throw bad("만료시간은 1~1000초 사이의 정수입니다.");
          if (chars(plain.requestCorp!) > 100 || chars(plain.bankName!) > 100 || chars(plain.bankAccountName!) > 100)
            throw bad("청구기관명/은행명/예금주명은 100자 이하입니다.");
          if (!/^[0-9-]{1,31}$/.test(plain.bankAccountNum!))
            throw bad("출금계좌번호 형식이 올바르지 않습니다. (숫자, 31자 이하)");
          if (!isBirthday(plain.bankAccountBirthday!))
            throw bad("출금계좌 예금주 생년월일 형식이 올바르지 않습니다. (yyyyMMdd)");
          if (!["CMS", "FIRM", "GIRO"].includes(plain.bankServiceType!))
            throw bad("출금 유형은 CMS, FIRM, GIRO 중 하나입니다.");
          const appUseYN = input.appUseYN === true;
          const returnURL = typeof input.returnURL === "string" && input.returnURL ? input.returnURL : undefined;
          if (appUseYN && !returnURL)
            throw new ApiError(
              400,
              productCode("barocert", "RETURN_URL"),
              "앱투앱 인증은 복귀 URL(returnURL)이 필요합니다.",
            );
          if (returnURL && chars(returnURL) > 1000) throw bad("복귀 URL은 1000자 이하입니다.");
          const now = ctx.now();
          const rec = store.add({
            kind: "cms",
            receiptID: store.newReceiptId("cms", cc, now),
            clientCode: cc,
            clientName: conf.barocertClientName,
            sender: plain.requestCorp!,
            title: reqTitle,
            message: plain.extraMessage,
            receiverName: plain.receiverName!,
            receiverHP: plain.receiverHP!,
            receiverBirthday: plain.receiverBirthday!,
            expireIn,
            appUseYN,
            returnURL,
            cms: {
              requestCorp: plain.requestCorp!,
              bankName: plain.bankName!,
              bankAccountNum: plain.bankAccountNum!,
              bankAccountName: plain.bankAccountName!,
              bankAccountBirthday: plain.bankAccountBirthday!,
              bankServiceType: plain.bankServiceType!,
            },
            requestedAt: now,
            expireAt: new Date(now.getTime() + expireIn * 1000),
          });
          ctx.log("barocert cms request", { receiptID: rec.receiptID, appUseYN });
          return send(
            c,
            200,
            rec.txId
              ? { receiptID: rec.receiptID, scheme: `${ctx.publicUrl}/kakaotalk/app/${rec.txId}` }
              : { receiptID: rec.receiptID },
          );
        }),
      );

      app.get("/KAKAO/CMS/:cc/:rid", (c) =>
        guarded(c, "barocert", "status", () => {
          bearer(c, "BAROCERT");
          const cc = c.req.param("cc");
          checkClientCode(cc, cfg());
          const r = cmsRecord(cc, c.req.param("rid"));
          return send(c, 200, {
            receiptID: r.receiptID,
            clientCode: r.clientCode,
            state: r.state,
            requestDT: kstStamp(r.requestedAt),
            viewDT: kstStamp(r.viewedAt),
            completeDT: kstStamp(r.completedAt),
            expireDT: kstStamp(r.expireAt),
            verifyDT: kstStamp(r.verifiedAt),
          });
        }),
      );

      /** Test control `lose-verify-answer`: the verify happened, but the caller gets a 500 instead of its result. */
      function takeLostAnswer(r: ConsentRequest): boolean {
        if (!r.loseNextVerifyAnswer) return false;
        r.loseNextVerifyAnswer = false;
        ctx.log("linkhub verify answer lost (test control)", { receiptID: r.receiptID });
        return true;
      }
      const lostAnswer = (c: Context, p: Product) =>
        send(c, 500, {
          code: productCode(p, "FAULT"),
          message: "internal server error after the verify was performed (sandbox test control)",
        });

      /**
       * The once-only rule (both products: seed 000 §3, seed 001 §3.1) and the ten-minute window — only
       * for Barocert CMS (seed 000 §3); seed 001 (legacy KakaoCert) documents no verify window.
       */
      function checkVerifiable(p: Product, r: ConsentRequest, now: Date) {
        if (r.verifiedAt)
          throw new ApiError(
            409,
            productCode(p, "ALREADY_VERIFIED"),
            "이미 검증된 전자서명입니다. 검증 API는 1회만 호출할 수 있습니다.",
          );
        if (r.state === 0)
          throw new ApiError(
            409,
            productCode(p, "NOT_COMPLETE"),
            "전자서명이 완료되지 않았습니다. 상태가 완료(1)인 요청만 검증할 수 있습니다.",
          );
        if (r.state === 2) throw new ApiError(409, productCode(p, "EXPIRED"), "만료된 전자서명 요청입니다.");
        if (r.state === 3) throw new ApiError(409, productCode(p, "DECLINED"), "이용자가 거절한 전자서명 요청입니다.");
        if (r.state === 4) throw new ApiError(409, productCode(p, "FAILED"), "처리에 실패한 전자서명 요청입니다.");
        if (p === "barocert" && now.getTime() - r.completedAt!.getTime() > VERIFY_WINDOW_MS)
          throw new ApiError(
            409,
            productCode(p, "VERIFY_WINDOW"),
            "전자서명 완료일시로부터 10분이 지나 검증할 수 없습니다.",
          );
      }

      async function cmsVerify(c: Context): Promise<Response> {
        const { conf } = await barocertPost(c);
        const cc = c.req.param("cc")!;
        checkClientCode(cc, conf);
        const r = cmsRecord(cc, c.req.param("rid")!);
        const now = ctx.now();
        r.verifyCalls += 1;
        checkVerifiable("barocert", r, now);
        r.verifiedAt = now;
        r.verifySuccesses += 1;
        const enc = (s: string) => ctrEncrypt(conf.resultKey, conf.resultIv, s);
        ctx.log("barocert cms verify", { receiptID: r.receiptID });
        if (takeLostAnswer(r)) return lostAnswer(c, "barocert");
        return send(c, 200, {
          receiptID: r.receiptID,
          state: r.state,
          signedData: r.signedData,
          ci: enc(r.ci),
          receiverName: enc(r.receiverName),
          receiverYear: enc(r.receiverBirthday.slice(0, 4)),
          receiverDay: enc(r.receiverBirthday.slice(4, 8)),
          receiverHP: enc(r.receiverHP),
          receiverGender: enc(r.gender),
          receiverForeign: enc("N"),
          receiverTelcoType: enc("SKT"),
        });
      }

      app.all("/KAKAO/*", (c) =>
        send(c, 404, {
          code: productCode("barocert", "NOT_SUPPORTED"),
          message: `샌드박스는 카카오 출금동의(CMS)만 지원합니다. (${c.req.method} ${c.req.path})`,
        }),
      );

      // ---------------------------------------------------------------- legacy KakaoCert e-sign
      async function kakaocertPost(c: Context): Promise<{ body: Buffer; token: Token; conf: LinkhubSandboxConfig }> {
        const conf = cfg();
        const token = bearer(c, "KAKAOCERT");
        const body = await rawBody(c);
        const date = c.req.header("x-lh-date");
        const m = /^(\S+) (\S+)$/.exec(c.req.header("x-kc-auth") ?? "");
        const version = c.req.header("x-lh-version");
        if (!m || !version)
          throw new ApiError(401, productCode("kakaocert", "HEADERS"), "x-kc-auth / x-lh-version 헤더가 없습니다.");
        checkDate(date, productCode("kakaocert", "HEADERS"), "x-lh-date");
        if (m[1] !== token.linkID || m[1] !== conf.linkId)
          throw new ApiError(401, productCode("kakaocert", "SIGNATURE"), "x-kc-auth의 LinkID가 세션토큰과 다릅니다.");
        const expected = kakaocertSignature(conf.secretKey, { body, date: date!, version });
        if (!sameSignature(m[2]!, expected))
          throw new ApiError(
            401,
            productCode("kakaocert", "SIGNATURE"),
            "x-kc-auth 서명이 일치하지 않습니다. SecretKey를 확인하세요.",
          );
        return { body, token, conf };
      }
      function esignRecord(token: Token, rid: string): ConsentRequest {
        const r = store.get(rid, ctx.now());
        if (!r || r.kind !== "esign" || r.clientCode !== token.accessId)
          throw new ApiError(
            404,
            productCode("kakaocert", "RECEIPT_UNKNOWN"),
            `접수아이디가 존재하지 않습니다. (${rid})`,
          );
        return r;
      }

      app.post("/SignToken/Request", (c) =>
        guarded(c, "kakaocert", "request", async () => {
          const { body, token, conf } = await kakaocertPost(c);
          let input: Record<string, unknown>;
          try {
            input = JSON.parse(body.toString("utf8"));
            if (!input || typeof input !== "object" || Array.isArray(input)) throw new Error();
          } catch {
            throw new ApiError(400, productCode("kakaocert", "BODY"), "요청 본문이 JSON 객체가 아닙니다.");
          }
          const str = (k: string) =>
            typeof input[k] === "string" ? (input[k] as string) : input[k] == null ? "" : String(input[k]);
          const req = (k: string, label: string) => {
            if (!str(k))
              throw new ApiError(
                400,
                productCode("kakaocert", "REQUIRED"),
                `${label}이(가) 입력되지 않았습니다. (${k})`,
              );
            return str(k);
          };
          const bad = (m: string) => new ApiError(400, productCode("kakaocert", "FORMAT"), m);
          const callCenterNum = req("CallCenterNum", "고객센터 전화번호");
          if (input.Expires_in == null)
            throw new ApiError(
              400,
              productCode("kakaocert", "REQUIRED"),
              "인증요청 만료시간이 입력되지 않았습니다. (Expires_in)",
            );
          const expiresIn = input.Expires_in;
          const birthday = req("ReceiverBirthDay", "수신자 생년월일");
          const hp = req("ReceiverHP", "수신자 휴대폰번호");
          const name = req("ReceiverName", "수신자 성명");
          const tok = req("Token", "원문");
          const title = req("TMSTitle", "인증요청 메시지 제목");
          if (chars(callCenterNum) > 20) throw bad("고객센터 전화번호는 20자 이하입니다.");
          if (typeof expiresIn !== "number" || !Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > 1000)
            throw bad("인증요청 만료시간은 1~1000초 사이의 정수입니다.");
          if (!isBirthday(birthday)) throw bad("수신자 생년월일 형식이 올바르지 않습니다. (YYYYMMDD)");
          if (!PHONE.test(hp))
            throw bad("수신자 휴대폰번호 형식이 올바르지 않습니다. (숫자만, 010으로 시작하는 10~11자리)");
          if (chars(name) > 20) throw bad("수신자 성명은 20자 이하입니다.");
          if (chars(tok) > 500) throw bad("원문(Token)은 500자 이하입니다.");
          if (chars(title) > 40) throw bad("인증요청 메시지 제목은 40자 이하입니다.");
          if (chars(str("TMSMessage")) > 500) throw bad("인증요청 메시지 부가내용은 500자 이하입니다.");
          if (chars(str("PayLoad")) > 200) throw bad("메모(PayLoad)는 200자 이하입니다.");
          if (str("SubClientID") && !/^\d{12}$/.test(str("SubClientID")))
            throw bad("별칭코드(SubClientID)는 12자리 숫자입니다.");
          const appUseYN = input.isAppUseYN === true;
          const now = ctx.now();
          const subClientID = str("SubClientID") || undefined;
          const rec = store.add({
            kind: "esign",
            receiptID: store.newReceiptId("esign", token.accessId, now),
            clientCode: token.accessId,
            clientName: conf.kakaocertClientName,
            sender:
              subClientID && !appUseYN ? `${conf.kakaocertClientName} (${subClientID})` : conf.kakaocertClientName,
            title,
            message: appUseYN ? undefined : str("TMSMessage") || undefined,
            receiverName: name,
            receiverHP: hp,
            receiverBirthday: birthday,
            expireIn: expiresIn,
            appUseYN,
            esign: {
              token: tok,
              callCenterNum,
              callCenterName: str("CallCenterName") || undefined,
              subClientID,
              allowSimpleRegistYN: input.isAllowSimpleRegistYN === true,
              verifyNameYN: input.isVerifyNameYN === true,
              payload: str("PayLoad") || undefined,
            },
            requestedAt: now,
            expireAt: new Date(now.getTime() + expiresIn * 1000),
          });
          ctx.log("kakaocert esign request", { receiptId: rec.receiptID, appUseYN });
          return send(c, 200, rec.txId ? { receiptId: rec.receiptID, tx_id: rec.txId } : { receiptId: rec.receiptID });
        }),
      );

      app.get("/SignToken/Status/:rid", (c) =>
        guarded(c, "kakaocert", "status", () => {
          const token = bearer(c, "KAKAOCERT");
          const r = esignRecord(token, c.req.param("rid"));
          const e = r.esign!;
          return send(c, 200, {
            receiptID: r.receiptID,
            clientCode: r.clientCode,
            clientName: r.clientName,
            subClientName: e.subClientID ? r.sender : null,
            subClientCode: e.subClientID ?? null,
            state: r.state,
            expires_in: r.expireIn,
            callCenterNum: e.callCenterNum,
            callCenterName: e.callCenterName ?? null,
            tmstitle: r.title,
            tmsmessage: r.message ?? null,
            allowSimpleRegistYN: e.allowSimpleRegistYN,
            verifyNameYN: e.verifyNameYN,
            requestDT: kstStamp(r.requestedAt),
            expireDT: kstStamp(r.expireAt),
            regDT: kstStamp(r.requestedAt),
            viewDT: kstStamp(r.viewedAt),
            completeDT: kstStamp(r.completedAt),
            verifyDT: kstStamp(r.verifiedAt),
            payload: e.payload ?? null,
            appUseYN: r.appUseYN,
            tx_id: r.txId ?? null,
          });
        }),
      );

      // GET /SignToken/Verify/{rid}[/{signature}] — the SDK appends the signature raw (it may contain '/', '+', '=').
      app.get("/SignToken/Verify/*", (c) =>
        guarded(c, "kakaocert", "verify", () => {
          const token = bearer(c, "KAKAOCERT");
          const tail = rawPath(c).slice("/SignToken/Verify/".length);
          const slash = tail.indexOf("/");
          const rid = slash < 0 ? tail : tail.slice(0, slash);
          let signature = slash < 0 ? "" : tail.slice(slash + 1);
          if (signature.includes("%")) {
            try {
              signature = decodeURIComponent(signature);
            } catch {
              /* keep raw */
            }
          }
          const r = esignRecord(token, rid);
          const now = ctx.now();
          r.verifyCalls += 1;
          checkVerifiable("kakaocert", r, now);
          if (r.appUseYN) {
            if (!signature)
              throw new ApiError(
                400,
                productCode("kakaocert", "SIGNATURE_REQUIRED"),
                "앱투앱 요청은 카카오톡 앱에서 받은 서명값으로 검증해야 합니다.",
              );
            if (signature !== r.signature)
              throw new ApiError(400, productCode("kakaocert", "SIGNATURE_MISMATCH"), "서명값이 일치하지 않습니다.");
          } else if (signature) {
            throw new ApiError(
              400,
              productCode("kakaocert", "SIGNATURE_UNEXPECTED"),
              "톡메시지 요청은 서명값 없이 검증합니다.",
            );
          }
          r.verifiedAt = now;
          r.verifySuccesses += 1;
          ctx.log("kakaocert esign verify", { receiptId: r.receiptID });
          if (takeLostAnswer(r)) return lostAnswer(c, "kakaocert");
          return send(c, 200, { receiptId: r.receiptID, signedData: r.signedData });
        }),
      );
      for (const p of ["/SignToken/*", "/SignDirectDebit/*", "/SignIdentity/*"])
        app.all(p, (c) =>
          send(c, 404, {
            code: productCode("kakaocert", "NOT_SUPPORTED"),
            message: `샌드박스는 KakaoCert 전자서명(SignToken)만 지원합니다. (${c.req.method} ${c.req.path})`,
          }),
        );

      // ---------------------------------------------------------------- simulated KakaoTalk
      const normPhone = (s: string | undefined) => (s ?? "").replace(/\D/g, "");
      const talkVisible = (r: ConsentRequest) => !r.appUseYN; // app-to-app requests send no KakaoTalk message

      app.get("/kakaotalk", (c) => {
        const now = ctx.now();
        const phone = normPhone(c.req.query("phone"));
        if (!phone) {
          const counts = new Map<string, number>();
          for (const r of store.list(now))
            if (talkVisible(r)) counts.set(r.receiverHP, (counts.get(r.receiverHP) ?? 0) + (r.state === 0 ? 1 : 0));
          return c.html(phoneEntryPage([...counts].map(([p, pending]) => ({ phone: p, pending }))));
        }
        return c.html(chatPage(phone, store.list(now, { phone }).filter(talkVisible), now));
      });
      app.get("/kakaotalk/r/:rid", (c) => {
        const now = ctx.now();
        const r = store.get(c.req.param("rid"), now);
        if (!r) return c.html(notFoundPage("요청을 찾을 수 없습니다."), 404);
        markViewed(r, now);
        return c.html(requestSheet(r, now, normPhone(c.req.query("phone")) || r.receiverHP));
      });
      app.post("/kakaotalk/r/:rid/:action{sign|decline}", async (c) => {
        const now = ctx.now();
        const r = store.get(c.req.param("rid"), now);
        if (!r) return c.html(notFoundPage("요청을 찾을 수 없습니다."), 404);
        const form = await c.req.parseBody();
        if (c.req.param("action") === "sign") sign(r, now);
        else end(r, now, 3);
        const phone = normPhone(typeof form.phone === "string" ? form.phone : "") || r.receiverHP;
        return c.redirect(`/kakaotalk?phone=${phone}#r${r.receiptID}`, 303);
      });

      // App-to-app: the "KakaoTalk app" the merchant opens with the scheme (Barocert) or tx_id (KakaoCert).
      app.get("/kakaotalk/app/:txId", (c) => {
        const now = ctx.now();
        const r = store.byTxId(c.req.param("txId"), now);
        if (!r) return c.html(notFoundPage("앱투앱 요청(tx_id)을 찾을 수 없습니다."), 404);
        markViewed(r, now);
        return c.html(
          appSheet(r, now, c.req.query("return") ?? r.returnURL ?? "", c.req.query("platform") ?? "android"),
        );
      });
      app.post("/kakaotalk/app/:txId/:action{sign|decline}", async (c) => {
        const now = ctx.now();
        const r = store.byTxId(c.req.param("txId"), now);
        if (!r) return c.html(notFoundPage("앱투앱 요청(tx_id)을 찾을 수 없습니다."), 404);
        const form = await c.req.parseBody();
        const returnUrl = (typeof form.return === "string" && form.return) || r.returnURL || "";
        const platform = typeof form.platform === "string" ? form.platform : "android";
        const signed = c.req.param("action") === "sign" ? sign(r, now).ok : (end(r, now, 3), false);
        const params = appReturnParams(r, signed, platform);
        if (!returnUrl) return c.html(appResultPage(r, params));
        return c.redirect(withParams(returnUrl, params), 303);
      });

      // ---------------------------------------------------------------- test controls
      app.get("/__sandbox/linkhub/requests", (c) => {
        const now = ctx.now();
        const phone = normPhone(c.req.query("phone")) || undefined;
        return c.json({ now: now.toISOString(), requests: store.list(now, { phone }).map(debugView) });
      });
      app.post("/__sandbox/linkhub/requests/:rid/lose-verify-answer", (c) => {
        const r = store.get(c.req.param("rid"), ctx.now());
        if (!r) return c.json({ ok: false, error: "unknown receiptID" }, 404);
        r.loseNextVerifyAnswer = true;
        return c.json({ ok: true, request: debugView(r) });
      });
      app.post("/__sandbox/linkhub/requests/:rid/:action{sign|decline|view|fail}", async (c) => {
        const now = ctx.now();
        const r = store.get(c.req.param("rid"), now);
        if (!r) return c.json({ ok: false, error: "unknown receiptID" }, 404);
        const body = (await c.req.json().catch(() => ({}))) as { gender?: unknown };
        const action = c.req.param("action");
        if (action === "view") {
          markViewed(r, now);
          return c.json({ ok: true, request: debugView(r) });
        }
        const gender = body.gender === "MALE" || body.gender === "FEMALE" ? body.gender : undefined;
        const t = action === "sign" ? sign(r, now, { gender }) : end(r, now, action === "decline" ? 3 : 4);
        if (!t.ok)
          return c.json({ ok: false, error: `request is not pending (state ${r.state})`, request: debugView(r) }, 409);
        return c.json({
          ok: true,
          request: debugView(r),
          appReturn: r.appUseYN ? appReturnParams(r, action === "sign", "android") : undefined,
        });
      });
    },
  };
}

/** Query parameters KakaoTalk hands back to the merchant's return URL (README: app-to-app). */
function appReturnParams(r: ConsentRequest, signed: boolean, platform: string): Record<string, string> {
  if (r.kind === "cms") return {}; // Barocert: returnURL is opened as given; the merchant then polls status
  if (!signed) return { tx_id: r.txId!, error: "cancel" };
  return platform === "ios" ? { tx_id: r.txId!, sig: r.signature! } : { tx_id: r.txId!, signature: r.signature! };
}

function withParams(url: string, params: Record<string, string>): string {
  const q = new URLSearchParams(params).toString();
  if (!q) return url;
  const [base, hash] = url.split("#", 2) as [string, string | undefined];
  return `${base}${base.includes("?") ? "&" : "?"}${q}${hash !== undefined ? `#${hash}` : ""}`;
}

function debugView(r: ConsentRequest) {
  return {
    product: r.kind === "cms" ? "barocert" : "kakaocert",
    receiptID: r.receiptID,
    clientCode: r.clientCode,
    state: r.state,
    title: r.title,
    sender: r.sender,
    receiverName: r.receiverName,
    receiverHP: r.receiverHP,
    receiverBirthday: r.receiverBirthday,
    appUseYN: r.appUseYN,
    txId: r.txId ?? null,
    returnURL: r.returnURL ?? null,
    requestedAt: r.requestedAt.toISOString(),
    expireAt: r.expireAt.toISOString(),
    viewedAt: r.viewedAt?.toISOString() ?? null,
    completedAt: r.completedAt?.toISOString() ?? null,
    verifiedAt: r.verifiedAt?.toISOString() ?? null,
    verifyCalls: r.verifyCalls,
    verifySuccesses: r.verifySuccesses,
    loseNextVerifyAnswer: !!r.loseNextVerifyAnswer,
    endedAt: r.endedAt?.toISOString() ?? null,
    signature: r.signature ?? null,
    gender: r.gender,
    cms: r.cms ?? null,
    esign: r.esign ?? null,
  };
}

const provider = createLinkhubProvider();
export default provider;
