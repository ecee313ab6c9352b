// The anti-corruption layer between the Dozn agency's wire and the bills domain (lib/bills/port.ts),
// both directions:
//   biller endpoints (agency → us)   parseBillerCall: raw body → validated wire → NoticeQuery /
//                                    PrepayQuery / PayResultDelivery;  answerToWire: AgencyAnswer →
//                                    {res_code, message, data} (seed §5-§7)
//   link API (us → agency)           createDoznLinkAgency: LinkRequest → client → LinkResult, a refusal
//                                    as BILL_LINK_FAILED with the agency's res_code explained for staff
// snake_case and res_codes do not leave this folder.
import { err, ok, type AppError } from "../../errors";
import {
  linkFailed,
  type AgencyAnswer,
  type BillKey,
  type BillLinkAgency,
  type LinkFailure,
  type LinkMode,
  type LinkResult,
  type NoticeBill,
  type NoticeQuery,
  type PayResultDelivery,
  type PrepayQuery,
} from "../../bills/port";
import { ADMIN_ACTION_TEXT, CARD_COMPANIES, messageFor, type DoznAdminAction } from "./codes";
import type { DoznClient } from "./client";
import {
  billKeyOf,
  noticeResultSchema,
  parseBillerRequest,
  payResultToDomain,
  respond,
  respondParseError,
  type BillerEndpoint,
  type DoznResponse,
  type NoticeRequest,
  type NoticeResult,
  type PayResultRequest,
  type PrepayRequest,
} from "./schemas";

// ------------------------------------------------------------------- biller endpoints: wire → domain

/** The bill key as the domain reads it (the echoed `parameters` ride along unread). */
export const billKeyFromWire = (d: Parameters<typeof billKeyOf>[0]): BillKey => billKeyOf(d);

export const noticeQueryFromWire = (req: NoticeRequest): NoticeQuery => ({
  key: billKeyFromWire(req),
  userBirth: req.user_birth,
});
export const prepayQueryFromWire = (req: PrepayRequest): PrepayQuery => ({
  key: billKeyFromWire(req),
  amount: req.amount,
});

export function payResultFromWire(req: PayResultRequest): PayResultDelivery {
  const { bill, idempotencyKey: _key, ...d } = payResultToDomain(req);
  return {
    ...d,
    key: bill,
    ...(req.pay_detail3 !== undefined && { payDetail3: req.pay_detail3 }),
    paidAtText: req.paid_at,
  };
}

export type BillerCall =
  | { ok: true; endpoint: "notice"; query: NoticeQuery }
  | { ok: true; endpoint: "prepay"; query: PrepayQuery }
  | { ok: true; endpoint: "pay-result"; delivery: PayResultDelivery }
  /** refused by the wire rules (E001/E006/E007/E008): answer `response` as is */
  | { ok: false; resCode: string; field?: string; response: DoznResponse };

/** Validates a biller endpoint's raw body against the seed's field rules and turns it into a domain request. */
export function parseBillerCall(endpoint: BillerEndpoint, rawBody: string): BillerCall {
  const parsed = parseBillerRequest(endpoint, rawBody);
  if (!parsed.ok)
    return {
      ok: false,
      resCode: parsed.res_code,
      ...(parsed.field !== undefined && { field: parsed.field }),
      response: respondParseError(parsed),
    };
  switch (endpoint) {
    case "notice":
      return { ok: true, endpoint, query: noticeQueryFromWire(parsed.data as NoticeRequest) };
    case "prepay":
      return { ok: true, endpoint, query: prepayQueryFromWire(parsed.data as PrepayRequest) };
    case "pay-result":
      return { ok: true, endpoint, delivery: payResultFromWire(parsed.data as PayResultRequest) };
  }
}

// ------------------------------------------------------------------- biller endpoints: domain → wire

/** The /kakao/notice `result` for a bill. */
export function noticeResultOf(bill: NoticeBill): NoticeResult {
  return {
    ...(bill.settlementCode !== null && { settlement_code: bill.settlementCode }),
    biller_user_key: bill.billerUserKey,
    ...(bill.billedYearMonth !== null && { billed_year_month: bill.billedYearMonth }),
    ...(bill.ordinal !== null && { ordinal: bill.ordinal }),
    biller_notice_key: bill.billerNoticeKey,
    title: bill.title,
    amount: bill.amount,
    tax_free_amount: bill.taxFreeAmount,
    vat_amount: bill.vatAmount,
    expire_type: bill.expireType,
    pay_expire_date: bill.payExpireDate,
    ...(bill.secondPayExpireDate !== null && { second_pay_expire_date: bill.secondPayExpireDate }),
    ...(bill.bankAccounts.length > 0 && { bank_accounts: bill.bankAccounts as NoticeResult["bank_accounts"] }),
    ...(bill.details.length > 0 && { details: bill.details as NoticeResult["details"] }),
  };
}

/** Our answer to /kakao/notice must always be on spec: the first problem, or null (checked when a bill is saved). */
export function noticeShapeError(bill: NoticeBill): string | null {
  const r = noticeResultSchema.safeParse(noticeResultOf(bill));
  return r.success ? null : (r.error.issues[0]?.message ?? "청구서 형식이 올바르지 않습니다.");
}

/** res_codes of our answers (seed §5.3, §6.3, §7.3). */
export function answerToWire(answer: AgencyAnswer): DoznResponse<unknown> {
  switch (answer.kind) {
    case "bill":
      return respond("OK", undefined, { result: noticeResultOf(answer.bill) });
    case "ok":
      return respond("OK");
    case "not-found":
      return respond("E502");
    case "ambiguous":
      return respond("E005");
    case "nothing-payable":
      return answer.amountDiffers
        ? respond("E403", "납부 가능 금액이 없습니다. (납부 요청 금액이 청구 금액과 다릅니다)")
        : respond("E403");
    case "above-payable":
      return respond("E501");
    case "past-due":
      return respond("E506");
  }
}

/** The seed's "납부 요청정보 조회 실패": we could not answer (database down …); the agency may redeliver. */
export const unavailableAnswer = (): DoznResponse => respond("E601");
/** A body above the endpoint's size cap. */
export const tooLargeAnswer = (): DoznResponse => respond("E006", "요청 본문이 너무 큽니다.");

/** Card company name for a pay_detail2 code (the code itself when unknown). */
export const cardCompanyName = (code: string): string => CARD_COMPANIES[code as keyof typeof CARD_COMPANIES] ?? code;

// ------------------------------------------------------------------------- link API: domain ⇄ wire

const offerFor = (action: DoznAdminAction): LinkMode | undefined =>
  action === "recreate" ? "recreate" : action === "create" ? "create" : undefined;

type Explained = Omit<LinkFailure, "resultCode"> & { message: string };

/** Korean explanation + next step for every res_code of the seed's create / re-create tables (a BILL_LINK_FAILED). */
export function explainLinkCode(code: string, fallbackOffer?: LinkMode): AppError {
  const specific: Record<string, Explained> = {
    E003: {
      message: "에이전시가 빌러 정보를 인식하지 못했습니다. (빌러 코드 또는 인증 키 오류)",
      actionText: ADMIN_ACTION_TEXT["check-config"],
    },
    E005: {
      message: "청구서 식별 코드 없이 요청해 같은 고객의 청구서가 2건 이상 조회되었습니다.",
      actionText: ADMIN_ACTION_TEXT["add-notice-key"],
    },
    E101: {
      message: "부가 파라미터를 에이전시가 저장하지 못했습니다.",
      actionText: ADMIN_ACTION_TEXT["fix-parameters"],
    },
    E811: {
      message: "다른 청구서가 이미 이 청구서 식별 코드로 등록되어 있습니다.",
      actionText: ADMIN_ACTION_TEXT["use-new-notice-key"],
    },
    E818: {
      message: "이 청구서는 이미 링크가 생성되어 있습니다.",
      actionText: "'링크 재생성'으로 새 링크를 받으세요.",
      offer: "recreate",
    },
    E812: {
      message: "에이전시에 등록되지 않은 청구서입니다. (아직 링크를 생성한 적이 없음)",
      actionText: "'링크 생성'을 먼저 하세요.",
      offer: "create",
    },
    E001: { message: "필수 값이 빠진 요청이라 에이전시가 거절했습니다.", actionText: ADMIN_ACTION_TEXT["fix-request"] },
    E006: {
      message: "최대 길이를 넘는 값이 있어 에이전시가 거절했습니다.",
      actionText: ADMIN_ACTION_TEXT["fix-request"],
    },
    E007: {
      message: "자리수가 맞지 않는 값(청구 연월, 만료일시 등)이 있어 에이전시가 거절했습니다.",
      actionText: ADMIN_ACTION_TEXT["fix-request"],
    },
    E008: {
      message: "에이전시가 요청을 해석하지 못했습니다. (JSON 형식 오류)",
      actionText: ADMIN_ACTION_TEXT["fix-request"],
    },
    E801: { message: "에이전시 내부 오류입니다.", actionText: ADMIN_ACTION_TEXT["retry-later"] },
    E806: {
      message: "에이전시가 카카오페이에 요청하다 시간이 초과되었습니다.",
      actionText: `${ADMIN_ACTION_TEXT["retry-later"]} 링크가 이미 만들어졌을 수 있으니 실패하면 '링크 재생성'을 쓰세요.`,
    },
    E807: { message: "에이전시가 요청 데이터를 해석하지 못했습니다.", actionText: ADMIN_ACTION_TEXT["fix-request"] },
    E808: {
      message: "에이전시가 카카오페이 응답을 해석하지 못했습니다.",
      actionText: ADMIN_ACTION_TEXT["retry-later"],
    },
    E809: { message: "에이전시가 카카오페이 응답을 받지 못했습니다.", actionText: ADMIN_ACTION_TEXT["retry-later"] },
    E817: {
      message: "에이전시가 이 청구서를 오류 건으로 분류했습니다.",
      actionText: ADMIN_ACTION_TEXT["contact-agency"],
    },
  };
  const s: Explained = specific[code] ?? {
    message: `에이전시 응답 ${code}: ${messageFor(code)}`,
    actionText: ADMIN_ACTION_TEXT["contact-agency"],
  };
  const offer = s.offer ?? fallbackOffer;
  return linkFailed({ resultCode: code, ...s, ...(offer && { offer }) });
}

/** The link API behind the domain's BillLinkAgency port. */
export function createDoznLinkAgency(client: DoznClient): BillLinkAgency {
  return {
    async issue(mode, req): Promise<LinkResult> {
      const res = mode === "create" ? await client.createLink(req) : await client.recreateLink(req);
      if (res.ok) return ok({ url: res.url, expireAt: res.expireAt, expireAtText: res.expireAtWire });
      switch (res.kind) {
        case "provider":
          return err(explainLinkCode(res.code, offerFor(res.action)));
        case "timeout":
          return err(
            linkFailed({
              resultCode: "TIMEOUT",
              message: `에이전시가 ${Math.round(res.timeoutMs / 1000)}초 안에 응답하지 않았습니다. 링크가 만들어졌는지 알 수 없습니다.`,
              actionText: "'링크 재생성'을 시도하세요. 등록되지 않았다는 답(E812)이면 '링크 생성'을 다시 하세요.",
              offer: "recreate",
            }),
          );
        case "network":
          return err(
            linkFailed({
              resultCode: "NETWORK",
              message: "에이전시에 연결하지 못했습니다.",
              actionText: ADMIN_ACTION_TEXT["retry-later"],
            }),
          );
        case "http":
          return err(
            linkFailed({
              resultCode: "HTTP",
              message: `에이전시가 알 수 없는 응답(HTTP ${res.status})을 보냈습니다.`,
              actionText: `${ADMIN_ACTION_TEXT["retry-later"]} 계속되면 에이전시에 문의하세요.`,
            }),
          );
      }
    },
  };
}
