// Staff enter the transaction id the provider's console shows for a payment the provider confirmed without
// one (PayUp: an 8002 "결제가 진행된 주문입니다" answer to a re-sent authorization carries none — seed 002).
// A mistyped id would cancel someone else's payment, so it must look like the provider's
// (PaymentProvider.manualTransactionId), and the amount and date staff read in the console must match
// ours; the entry goes in the timeline with who made it.
import { z } from "zod";
import { db as defaultDb, type Db, type Tx } from "../db";
import { appError, err, ok, type Result } from "../errors";
import { enqueue } from "../jobs/enqueue";
import { addEvent } from "./events";
import { closedByStaff, resolveSettled } from "./attention";
import { lockOrder, lockPayment } from "./locks";
import { paymentProvider } from "./providers";
import { createRefund, transitionPayment } from "./state";

export const transactionIdInputSchema = z.object({
  paymentId: z.string().regex(/^[\w-]{1,64}$/, "결제를 찾을 수 없습니다."),
  transactionId: z
    .string()
    .trim()
    .regex(/^[\w-]{1,64}$/, "거래번호를 확인해 주세요."),
  consoleAmount: z.coerce
    .number({ message: "결제사 관리자 화면의 결제 금액을 숫자로 입력해 주세요." })
    .int()
    .positive(),
  consoleDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "결제일을 YYYY-MM-DD 형식으로 입력해 주세요."),
});

const won = (n: number) => `${n.toLocaleString("ko-KR")}원`;
const kstDay = (d: Date) => new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10);

/** Locks the order of this merchant's payment (staff act on their own merchant's payments only); false: none. */
async function lockMerchantPaymentOrder(tx: Tx, merchantId: string, paymentId: string): Promise<boolean> {
  const p = await tx.payment.findFirst({ where: { id: paymentId, order: { merchantId } }, select: { orderId: true } });
  if (!p) return false;
  await lockOrder(tx, p.orderId);
  return true;
}

export async function enterTransactionId(
  input: z.input<typeof transactionIdInputSchema>,
  actor: { adminId: string; merchantId: string },
  deps: { db?: Db } = {},
): Promise<Result<{ message: string }>> {
  const db = deps.db ?? defaultDb;
  const parsed = transactionIdInputSchema.safeParse(input);
  if (!parsed.success) return err(appError("VALIDATION", parsed.error.issues[0]?.message));
  const { paymentId, transactionId, consoleAmount, consoleDate } = parsed.data;

  return db.$transaction(async (tx) => {
    if (!(await lockMerchantPaymentOrder(tx, actor.merchantId, paymentId)))
      return err(appError("NOT_FOUND", "결제를 찾을 수 없습니다."));
    await lockPayment(tx, paymentId);
    const p = await tx.payment.findFirstOrThrow({ where: { id: paymentId } });
    const provider = paymentProvider(p.provider);
    const format = provider.manualTransactionId;
    if (!format)
      return err(appError("BAD_REQUEST", `${provider.display.name} 결제에는 거래번호를 입력할 수 없습니다.`));
    if (!format.pattern.test(transactionId)) return err(appError("VALIDATION", format.hint));
    const tidDay = format.dayOf(transactionId);
    if (tidDay && tidDay !== consoleDate)
      return err(
        appError("VALIDATION", `거래번호의 날짜(${tidDay})가 입력한 결제일과 다릅니다. 거래번호를 다시 확인해 주세요.`),
      );
    if (p.tid) return err(appError("BAD_REQUEST", "이미 거래번호가 있는 결제입니다."));
    if (!["APPROVED", "CAPTURED_UNUSED"].includes(p.status))
      return err(appError("BAD_REQUEST", "승인된 결제에만 거래번호를 입력할 수 있습니다."));
    if (consoleAmount !== p.totalAmount)
      return err(
        appError(
          "VALIDATION",
          `결제사 관리자 화면의 결제 금액(${won(consoleAmount)})이 이 결제(${won(p.totalAmount)})와 다릅니다. 다른 결제의 거래번호일 수 있습니다.`,
        ),
      );
    const approvedDay = p.approvedAt ? kstDay(p.approvedAt) : null;
    if (approvedDay && Math.abs(Date.parse(approvedDay) - Date.parse(consoleDate)) > 86_400_000)
      return err(
        appError(
          "VALIDATION",
          `결제일(${consoleDate})이 승인 확인일(${approvedDay})과 하루 넘게 차이 납니다. 거래번호를 다시 확인해 주세요.`,
        ),
      );
    if (await tx.payment.findUnique({ where: { tid: transactionId } }))
      return err(appError("BAD_REQUEST", "다른 결제에 이미 등록된 거래번호입니다."));
    await tx.payment.update({ where: { id: p.id }, data: { tid: transactionId } });
    await addEvent(tx, {
      orderId: p.orderId,
      paymentId: p.id,
      type: "payment.tid_entered",
      message: `관리자가 ${provider.display.name} 거래번호 입력 (관리자 화면 금액 ${won(consoleAmount)}, 결제일 ${consoleDate} 확인)`,
      data: { by: actor.adminId, transactionId },
    });
    await resolveSettled(tx, p.id, "거래번호 입력됨", ["NO_TRANSACTION_ID"]);
    // Money captured that is not the order's payment can now be refunded automatically.
    if (p.status === "CAPTURED_UNUSED" && !(await tx.refund.findFirst({ where: { paymentId: p.id } }))) {
      const refund = await createRefund(
        tx,
        {
          paymentId: p.id,
          idempotencyKey: `auto:${p.id}`,
          amount: p.totalAmount,
          taxFreeAmount: 0,
          vatAmount: 0,
          reason: "늦은 승인 자동 환불",
          requestedBy: "system",
          kind: p.failureCode === "AMOUNT_MISMATCH" ? "AMOUNT_MISMATCH" : "LATE_CAPTURE",
        },
        {
          orderId: p.orderId,
          type: "refund.requested",
          message: `거래번호 입력으로 자동 환불 요청 ${won(p.totalAmount)}`,
        },
      );
      await enqueue(tx, "refund.settle", { refundId: refund.id }, { key: `refund:${refund.id}` });
    }
    return ok({ message: "거래번호를 저장했습니다. 이제 환불할 수 있습니다." });
  });
}

/**
 * Staff close a payment whose outcome the provider never told us (PayUp has no lookup; 2001/8001/9002
 * answers prove nothing) after checking the provider's console and finding nothing charged. The order can
 * then be paid again. The note goes in the timeline.
 */
export async function closeUnconfirmedPayment(
  paymentId: string,
  actor: { adminId: string; merchantId: string },
  note: string,
  deps: { db?: Db } = {},
): Promise<Result<{ message: string }>> {
  const db = deps.db ?? defaultDb;
  const text = note.trim();
  if (!text) return err(appError("VALIDATION", "확인한 내용을 입력해 주세요."));
  return db.$transaction(async (tx) => {
    if (!(await lockMerchantPaymentOrder(tx, actor.merchantId, paymentId)))
      return err(appError("NOT_FOUND", "결제를 찾을 수 없습니다."));
    const p = await tx.payment.findFirstOrThrow({ where: { id: paymentId } });
    if (p.status !== "UNKNOWN") return err(appError("BAD_REQUEST", "결과를 모르는 결제만 닫을 수 있습니다."));
    const close = closedByStaff(actor, text, { type: "payment.closed", outcome: "결제 안 됨" });
    const moved = await transitionPayment(tx, p.id, "decline", {
      orderId: p.orderId,
      only: ["UNKNOWN"],
      ...close.transition,
    });
    if (!moved) return err(appError("BAD_REQUEST", "결과를 모르는 결제만 닫을 수 있습니다."));
    await close.resolveOpenItems(tx, { paymentId: p.id });
    return ok({ message: "결제 안 됨으로 기록했습니다. 주문은 다시 결제할 수 있습니다." });
  });
}
