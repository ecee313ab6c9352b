// The bills domain's port to the bill agency (today Dozn, seed 003): what the agency asks us on the
// biller endpoints and what we answer, and the link issuing we ask of it — in domain words only.
// The wire (snake_case, res_code, the agency's envelope) lives in lib/providers/dozn/biller.ts, which
// converts both ways; this file is the only one of lib/bills a provider folder may import.
import { appError, type AppError, type ErrorCode, type Result } from "../errors";

/** How the agency names a bill (any of the optional keys it sent must agree). */
export type BillKey = {
  billerUserKey: string;
  billedYearMonth?: string;
  ordinal?: string;
  billerNoticeKey?: string;
};

/** "Show me the bill" (the customer opened the link). */
export type NoticeQuery = { key: BillKey; /** YYYYMMDD, or "" when the customer has none on file */ userBirth: string };

/** "May the customer pay this amount now?" */
export type PrepayQuery = { key: BillKey; amount: number };

export type PayBy = "CARD" | "MONEY" | "MONEY_TRANSFER";
export type FeeType = "BEFORE" | "AFTER" | "NONE";

/** Money that moved at KakaoPay: a payment (P) or a cancel (C, negative payAmount). */
export type PayResultDelivery = {
  key: BillKey;
  /** KakaoPay's payment number (a cancel carries its payment's) */
  payId: number;
  payType: "P" | "C";
  payBy: PayBy;
  /** first six digits of the card number (not personal data) */
  cardBin?: string;
  cardCompany?: string;
  payDetail3?: string;
  /** the bill amount the agency says was requested */
  amount: number;
  /** P: positive amount paid; C: negative (-cancelled amount) */
  payAmount: number;
  feeType: FeeType;
  fee: number;
  feeTax: number;
  /** 정산예정일, YYYYMMDD (Korea) */
  adjustDate?: string;
  /** when it was paid / cancelled: YYYYMMDDHHmmss (Korea) as the agency sent it … */
  paidAtText: string;
  /** … and as an instant (may be before year 1 for garbled input: see sanity.storableInstant) */
  paidAt: Date;
};

/** The bill as the agency shows it to the customer (amount: what is payable now). */
export type NoticeBill = {
  settlementCode: string | null;
  billerUserKey: string;
  billedYearMonth: string | null;
  ordinal: string | null;
  billerNoticeKey: string;
  title: string;
  amount: number;
  taxFreeAmount: number;
  vatAmount: number;
  expireType: "D0" | "D1" | "D2";
  payExpireDate: string;
  secondPayExpireDate: string | null;
  /** as stored (the agency's shape, see prisma/schema bills) */
  bankAccounts: unknown[];
  details: unknown[];
};

/** Our answer to one agency call. */
export type AgencyAnswer =
  | { kind: "bill"; bill: NoticeBill } // notice
  | { kind: "ok" } // prepay: payable · pay-result: recorded (or already recorded)
  | { kind: "not-found" } // no such bill (or the birth date does not match)
  | { kind: "ambiguous" } // several bills match and no notice key tells them apart
  | { kind: "nothing-payable"; amountDiffers?: boolean } // paid already, or the amount is below what is payable
  | { kind: "above-payable" } // the amount is above what is payable (the agency re-reads the bill)
  | { kind: "past-due" }; // the last payable day has passed

export type PayResultOutcome =
  | "recorded" // a new payment / cancellation
  | "duplicate" // the same delivery again: already recorded
  | "pending-cancel" // a cancellation before its payment: kept, settled when the payment comes
  | "flagged-cancel" // a cancellation recorded that does not fit its payment (listed as CANCEL_MISMATCH)
  | "conflict" // contradicts what is recorded for this pay_id: kept in 확인 필요, answered OK
  | "no-bill"
  | "ambiguous";

/** The use cases behind the biller endpoints (lib/bills/notice.ts, prepay.ts, pay-result.ts). */
export type BillerUseCases = {
  notice(q: NoticeQuery): Promise<AgencyAnswer>;
  prepay(q: PrepayQuery): Promise<AgencyAnswer>;
  payResult(d: PayResultDelivery): Promise<AgencyAnswer & { outcome: PayResultOutcome }>;
};

// ------------------------------------------------------------------------- link issuing (us → agency)

export type LinkMode = "create" | "recreate";

export type LinkRequest = {
  billerUserKey: string;
  billedYearMonth?: string;
  ordinal?: string;
  billerNoticeKey: string;
  expireAt: Date;
};

/**
 * A link refusal's details (an AppError of lib/errors.ts, BILL_LINK_FAILED unless it is plainly NOT_FOUND /
 * VALIDATION): what the link form shows beside the error's message (what happened, in Korean).
 */
export type LinkFailure = {
  /** The agency's code (E818 …), or TIMEOUT / NETWORK / HTTP / CONFIG / NOT_FOUND / NOT_PAYABLE / VALIDATION. */
  resultCode: string;
  /** What to do next, in Korean. */
  actionText: string;
  /** The button to offer: E818 → re-create, E812 → create. */
  offer?: LinkMode;
};

/** A link refusal as the one error model's member (message: what happened). */
export function linkFailed(
  failure: LinkFailure & { message: string },
  code: Extract<ErrorCode, "BILL_LINK_FAILED" | "NOT_FOUND" | "VALIDATION"> = "BILL_LINK_FAILED",
): AppError {
  const { message, ...details } = failure;
  return appError(code, message, details);
}

/** The link details of an error (undefined for one that is not a link refusal, e.g. FORBIDDEN). */
export function linkFailureOf(e: AppError): LinkFailure | undefined {
  const d = e.details as Partial<LinkFailure> | undefined;
  return typeof d?.resultCode === "string" ? (d as LinkFailure) : undefined;
}

export type LinkIssued = {
  url: string;
  expireAt: Date;
  /** the expiry as the agency was told (for the timeline) */ expireAtText: string;
};
/** Issued, or a link refusal (linkFailed: details LinkFailure). */
export type LinkResult = Result<LinkIssued>;

export type BillLinkAgency = {
  issue(mode: LinkMode, req: LinkRequest): Promise<LinkResult>;
};
