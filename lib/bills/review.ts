// 확인 필요 for bills: what a person must look at, one BillReview row per problem, written in the
// same transaction that records the problem (so nothing is silent between a delivery and a list),
// and resolved by staff with a note or by itself when the problem goes away.
//
//   PAID_TWICE        a second payment (another pay_id) of a bill that was already paid
//   AMOUNT_MISMATCH   a payment whose amount differs from what was payable
//   CANCEL_UNMATCHED  a cancellation that came before its payment, still without it after the parking time
//   CANCEL_MISMATCH   a cancellation whose payment came but that does not fit it
//   CONFLICT          a pay-result that contradicts the one recorded for its pay_id (same pay_id,
//                     another amount or bill): answered OK and kept here (rows before migration 0015: E601)
//   FEE_SIGN          a fee whose sign does not match the pay type (P: fees ≥ 0, C: fees ≤ 0)
//   DATE_IMPLAUSIBLE  a paid_at far from now (e.g. year 0001), or an adjust_date (정산예정일) before paid_at
//
// `code` is the Dozn res_code we answered for that delivery (OK: recorded; E601 on rows written
// before every schema-valid pay-result was recorded).
// At most one open row per (kind, pay_id) (partial unique index, migration 0008).
import { db as defaultDb, type Db, type Tx } from "../db";
import { fail, ok, type Result } from "../errors";
import { addBillEvent } from "./events";

export const BILL_REVIEW_KINDS = [
  "PAID_TWICE",
  "AMOUNT_MISMATCH",
  "CANCEL_UNMATCHED",
  "CANCEL_MISMATCH",
  "CONFLICT",
  "FEE_SIGN",
  "DATE_IMPLAUSIBLE",
] as const;
export type BillReviewKind = (typeof BILL_REVIEW_KINDS)[number];

export const billReviewKindLabel: Record<BillReviewKind, string> = {
  PAID_TWICE: "이중 납부",
  AMOUNT_MISMATCH: "납부 금액 불일치",
  CANCEL_UNMATCHED: "결제 없는 취소",
  CANCEL_MISMATCH: "결제와 맞지 않는 취소",
  CONFLICT: "납부 결과 충돌",
  FEE_SIGN: "수수료 부호 이상",
  DATE_IMPLAUSIBLE: "결제일시·정산예정일 이상",
};

export type BillReviewInput = {
  billId: string;
  kind: BillReviewKind;
  payId: bigint;
  code: string;
  message: string;
  data?: Record<string, unknown>;
};

const won = (n: number | bigint) => `${n.toLocaleString("ko-KR")}원`;

/** The Korean text of each problem: what happened and what to do (also used by the hot path's SQL). */
export const reviewMessage = {
  paidTwice: (a: { payId: bigint | number | string; payAmount: number }) =>
    `이미 납부된 청구서에 추가 납부 ${won(a.payAmount)}이 들어왔습니다 (pay_id ${a.payId}). 고객에게 확인한 뒤 카카오페이(에이전시 더즌)에 이 결제의 취소를 요청하세요. 취소 결과가 오면 자동으로 해소됩니다.`,
  amountMismatch: (a: { payId: bigint | number | string; payAmount: number; payable: number }) =>
    `납부 금액 ${won(a.payAmount)}이 납부 가능 금액 ${won(a.payable)}과 다릅니다 (pay_id ${a.payId}). 청구 금액을 확인하고 차액 정산 또는 결제 취소를 진행하세요.`,
  cancelUnmatched: (a: { payId: bigint | number | string; amount: number; minutes: number }) =>
    `취소 ${won(a.amount)}(pay_id ${a.payId})이 도착했지만 ${a.minutes}분이 지나도록 해당 결제 결과가 오지 않았습니다. 에이전시(더즌)에 이 pay_id의 납부 결과 재전송을 요청하세요. 결제 결과가 오면 자동으로 반영·해소됩니다.`,
  cancelMismatch: (a: { payId: bigint | number | string; amount: number; reason: string }) =>
    `취소 ${won(a.amount)}(pay_id ${a.payId})을 결제에 반영할 수 없습니다: ${a.reason} 에이전시(더즌)에 확인하세요.`,
  conflict: (a: { payId: bigint | number | string; reason: string }) =>
    `납부 결과(pay_id ${a.payId})가 이미 기록된 내용과 다릅니다: ${a.reason} 받은 내용은 기록해 두고 정상(OK)으로 답했습니다. 에이전시(더즌)에 어느 쪽이 맞는지 확인하세요.`,
  feeSign: (a: { payId: bigint | number | string; payType: "P" | "C"; fee: number; feeTax: number }) =>
    `${a.payType === "P" ? "결제" : "취소"}(pay_id ${a.payId})의 수수료 ${won(a.fee)}, 수수료 부가세 ${won(a.feeTax)}의 부호가 맞지 않습니다 (${a.payType === "P" ? "결제는 0 이상" : "취소는 0 이하"}이어야 합니다). 기록은 했으니 정산 내역을 에이전시(더즌)에 확인하세요.`,
  dateImplausible: (a: { payId: bigint | number | string; payType: "P" | "C"; reasons: string[] }) =>
    `${a.payType === "P" ? "결제" : "취소"}(pay_id ${a.payId})의 날짜가 이상합니다: ${a.reasons.join(" ")} 받은 그대로 기록했으니 에이전시(더즌)에 확인하세요.`,
};

type ReviewWriter = Pick<Tx, "billReview">;

/** Opens a review (no-op when one is already open for the same kind and pay_id). Returns whether it was opened. */
export async function openBillReview(tx: ReviewWriter, r: BillReviewInput): Promise<boolean> {
  const n = await tx.billReview.createMany({
    data: [
      {
        billId: r.billId,
        kind: r.kind,
        payId: r.payId,
        code: r.code,
        message: r.message,
        ...(r.data && { data: r.data as object }),
      },
    ],
    skipDuplicates: true,
  });
  return n.count === 1;
}

/**
 * Resolves the open reviews matching `where` because the problem went away (the caller knows why),
 * with a timeline event per review. Returns how many were resolved.
 */
export async function resolveReviewsBySystem(
  tx: Tx,
  where: { billId: string; kinds: readonly BillReviewKind[]; payId?: bigint },
  why: string,
): Promise<number> {
  const now = new Date();
  const rows = await tx.billReview.updateManyAndReturn({
    where: {
      billId: where.billId,
      kind: { in: [...where.kinds] },
      resolvedAt: null,
      ...(where.payId !== undefined && { payId: where.payId }),
    },
    data: { resolvedAt: now, resolvedBy: "system", resolution: why },
    select: { id: true, kind: true, payId: true },
  });
  for (const r of rows) {
    await addBillEvent(tx, {
      billId: where.billId,
      type: "bill.review.resolved",
      message: `확인 필요 해소 (${billReviewKindLabel[r.kind as BillReviewKind] ?? r.kind}, pay_id ${r.payId}): ${why}`,
      data: { reviewId: r.id, kind: r.kind, payId: r.payId.toString(), by: "system" },
    });
  }
  return rows.length;
}

/**
 * After a cancellation was applied: a payment given back in full is no longer an extra or a wrong
 * amount, and a bill left with at most one payment that still holds money is no longer paid twice.
 */
export async function resolveAfterCancellation(
  tx: Tx,
  billId: string,
  payId: bigint,
  paymentStatus: string,
): Promise<number> {
  let n = 0;
  if (paymentStatus === "CANCELLED")
    n += await resolveReviewsBySystem(
      tx,
      { billId, kinds: ["PAID_TWICE", "AMOUNT_MISMATCH"], payId },
      `이 결제(pay_id ${payId})가 전액 취소되었습니다.`,
    );
  const live = await tx.billPayment.count({ where: { billId, status: { not: "CANCELLED" } } });
  if (live <= 1)
    n += await resolveReviewsBySystem(
      tx,
      { billId, kinds: ["PAID_TWICE"] },
      `취소 결과(pay_id ${payId})로 남은 납부가 ${live}건이 되어 이중 납부가 해소되었습니다.`,
    );
  return n;
}

export type BillReviewRow = {
  reviewId: string;
  billId: string;
  kind: BillReviewKind;
  kindLabel: string;
  /** What happened and what to do, in Korean. */
  message: string;
  /** The Dozn res_code we answered for the delivery (OK / E601). */
  code: string;
  payId: string;
  at: Date;
  billTitle: string;
  billerNoticeKey: string;
  customerName: string;
};

/** The open bill problems for the admin's 확인 필요 list, newest first. */
export async function billsNeedingReview(
  opts: { merchantId?: string; limit?: number } = {},
  deps: { db?: Db } = {},
): Promise<BillReviewRow[]> {
  const db = deps.db ?? defaultDb;
  const rows = await db.billReview.findMany({
    where: { resolvedAt: null, ...(opts.merchantId && { bill: { merchantId: opts.merchantId } }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? 200,
    include: { bill: { select: { title: true, billerNoticeKey: true, customer: { select: { name: true } } } } },
  });
  return rows.map((r) => ({
    reviewId: r.id,
    billId: r.billId,
    kind: r.kind as BillReviewKind,
    kindLabel: billReviewKindLabel[r.kind as BillReviewKind] ?? r.kind,
    message: r.message,
    code: r.code,
    payId: r.payId.toString(),
    at: r.createdAt,
    billTitle: r.bill.title,
    billerNoticeKey: r.bill.billerNoticeKey,
    customerName: r.bill.customer.name,
  }));
}

/** How many bill problems are open (the admin nav's count). */
export async function countBillsNeedingReview(
  opts: { merchantId?: string } = {},
  deps: { db?: Db } = {},
): Promise<number> {
  const db = deps.db ?? defaultDb;
  return db.billReview.count({
    where: { resolvedAt: null, ...(opts.merchantId && { bill: { merchantId: opts.merchantId } }) },
  });
}

/** Staff: "처리 완료" with a note; the note goes into the bill's timeline. */
export async function resolveBillReview(
  input: { reviewId: string; merchantId: string; adminId: string; note: string },
  deps: { db?: Db } = {},
): Promise<Result<{ billId: string }>> {
  const db = deps.db ?? defaultDb;
  const note = input.note.trim();
  if (note.length === 0) return fail("VALIDATION", "처리 내용을 입력해 주세요.");
  if (note.length > 1000) return fail("VALIDATION", "처리 내용은 1000자 이내로 입력해 주세요.");
  return db.$transaction(async (tx) => {
    const review = await tx.billReview.findFirst({
      where: { id: input.reviewId, bill: { merchantId: input.merchantId } },
    });
    if (!review) return fail("NOT_FOUND", "확인 필요 항목을 찾을 수 없습니다.");
    const n = await tx.billReview.updateMany({
      where: { id: review.id, resolvedAt: null },
      data: { resolvedAt: new Date(), resolvedBy: input.adminId, resolution: note },
    });
    if (n.count === 0) return fail("ALREADY_RESOLVED", "이미 처리된 항목입니다.");
    await addBillEvent(tx, {
      billId: review.billId,
      type: "bill.review.resolved",
      message: `확인 필요 처리 완료 (${billReviewKindLabel[review.kind as BillReviewKind] ?? review.kind}, pay_id ${review.payId}): ${note}`,
      data: { reviewId: review.id, kind: review.kind, payId: review.payId.toString(), by: input.adminId },
    });
    return ok({ billId: review.billId });
  });
}
