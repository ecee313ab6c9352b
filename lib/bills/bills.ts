// Creating and editing bills (staff). Validation first, then one transaction: the customer, the
// bill and its first timeline event are written together or not at all.
import { randomBytes } from "node:crypto";
import { db as defaultDb, Prisma, type Db, type Tx } from "../db";
import { fail, ok, type Result } from "../errors";
import { vatOf } from "../money";
import { noticeShapeError } from "./providers";
import { toWireDetail } from "./details";
import { addBillEvent } from "./events";
import { billInputSchema, fieldErrors, type BillInput, type ValidBillInput } from "./input";
import { lockBill } from "./locks";
import { editUnpaidBill, isEditable } from "./state";

export type BillActor = { merchantId: string; adminId: string };

const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export function newNoticeKey(now = new Date()): string {
  const ymd = new Date(now.getTime() + 9 * 3600_000).toISOString().slice(2, 10).replace(/-/g, "");
  return `B${ymd}-${Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join("")}`;
}

function billData(v: ValidBillInput) {
  const taxFree = v.taxFreeAmount ?? 0;
  const bankAccounts = v.bankAccounts.map((a) => ({
    bank_code: a.bankCode,
    account_no: a.accountNo,
    ...(a.holderName && { holder_name: a.holderName }),
    ...(a.senderName && { sender_name: a.senderName }),
    account_type: a.accountType,
  }));
  return {
    billedYearMonth: v.billedYearMonth ?? null,
    ordinal: v.ordinal ?? null,
    settlementCode: v.settlementCode ?? null,
    title: v.title,
    amount: v.amount,
    taxFreeAmount: taxFree,
    vatAmount: v.vatAmount ?? vatOf(v.amount, taxFree),
    expireType: v.expireType,
    payExpireDate: v.payExpireDate,
    secondPayExpireDate: v.secondPayExpireDate ?? null,
    bankAccounts,
    details: v.details.map(toWireDetail),
  };
}

/** Our own answer to /kakao/notice must always be on spec: checked once, when the bill is saved. */
function checkWireShape(billerUserKey: string, noticeKey: string, d: ReturnType<typeof billData>): string | null {
  return noticeShapeError({
    settlementCode: d.settlementCode || null,
    billerUserKey,
    billedYearMonth: d.billedYearMonth || null,
    ordinal: d.ordinal || null,
    billerNoticeKey: noticeKey,
    title: d.title,
    amount: d.amount,
    taxFreeAmount: d.taxFreeAmount,
    vatAmount: d.vatAmount,
    expireType: d.expireType as "D0" | "D1" | "D2",
    payExpireDate: d.payExpireDate,
    secondPayExpireDate: d.secondPayExpireDate || null,
    bankAccounts: d.bankAccounts,
    details: d.details,
  });
}

function uniqueViolation(e: unknown): string | null {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError) || e.code !== "P2002") return null;
  const target = JSON.stringify(e.meta ?? {});
  if (target.includes("billerNoticeKey"))
    return "이미 사용 중인 청구서 식별 코드입니다. 다른 식별 코드를 입력하거나 비워 두세요(자동 생성).";
  return "같은 고객번호·청구 연월·회차의 청구서가 이미 있습니다. 회차를 입력해 구분해 주세요.";
}

/** The form's input checked and turned into the bill's columns (the first field message as the summary). */
function parseBillInput(input: BillInput): Result<{ v: ValidBillInput; data: ReturnType<typeof billData> }> {
  const parsed = billInputSchema.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    return fail("VALIDATION", Object.values(fields)[0] ?? "입력값을 확인해 주세요.", { fields });
  }
  return ok({ v: parsed.data, data: billData(parsed.data) });
}

/** The billed customer of a bill being written: created on first use, its name and birth date kept current. */
function upsertCustomer(tx: Tx, actor: BillActor, v: ValidBillInput) {
  return tx.billedCustomer.upsert({
    where: { merchantId_billerUserKey: { merchantId: actor.merchantId, billerUserKey: v.customerKey } },
    create: {
      merchantId: actor.merchantId,
      billerUserKey: v.customerKey,
      name: v.customerName,
      birthDate: v.customerBirth ?? null,
    },
    update: { name: v.customerName, birthDate: v.customerBirth ?? null },
  });
}

export async function createBill(
  input: BillInput,
  actor: BillActor,
  deps: { db?: Db; now?: () => Date } = {},
): Promise<Result<{ billId: string }>> {
  const db = deps.db ?? defaultDb;
  const parsed = parseBillInput(input);
  if (!parsed.ok) return parsed;
  const { v, data } = parsed.value;
  const noticeKey = v.billerNoticeKey ?? newNoticeKey(deps.now?.());
  const shape = checkWireShape(v.customerKey, noticeKey, data);
  if (shape) return fail("VALIDATION", shape);
  try {
    const bill = await db.$transaction(async (tx) => {
      const customer = await upsertCustomer(tx, actor, v);
      const b = await tx.bill.create({
        data: {
          ...data,
          merchantId: actor.merchantId,
          customerId: customer.id,
          billerUserKey: v.customerKey,
          billerNoticeKey: noticeKey,
          createdBy: actor.adminId,
        },
      });
      await addBillEvent(tx, {
        billId: b.id,
        type: "bill.created",
        message: `청구서 생성: ${b.title} ${b.amount}원 (납기 ${b.payExpireDate}${b.expireType === "D2" ? `, 2차 ${b.secondPayExpireDate}` : ""}, ${b.expireType})`,
        data: { amount: b.amount, noticeKey, by: actor.adminId },
      });
      return b;
    });
    return ok({ billId: bill.id });
  } catch (e) {
    const msg = uniqueViolation(e);
    if (msg)
      return fail("CONFLICT", msg, { fields: { [msg.includes("식별 코드") ? "billerNoticeKey" : "ordinal"]: msg } });
    throw e;
  }
}

/**
 * Edits a bill before any money moved. The agency identifies a linked bill by its keys, so once a
 * link exists the customer number, year-month, ordinal and notice key stay as they are; amounts
 * and contents may change (the agency's next /kakao/notice shows them; a prepay with the old
 * amount gets E501 and KakaoPay re-reads the bill).
 */
export async function updateBill(
  billId: string,
  input: BillInput,
  actor: BillActor,
  deps: { db?: Db } = {},
): Promise<Result<{ billId: string }>> {
  const db = deps.db ?? defaultDb;
  const parsed = parseBillInput(input);
  if (!parsed.ok) return parsed;
  const { v, data } = parsed.value;
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.bill.findFirst({
        where: { id: billId, merchantId: actor.merchantId },
        select: { id: true },
      });
      if (!existing) return fail("NOT_FOUND", "청구서를 찾을 수 없습니다.");
      await lockBill(tx, billId, "update");
      const bill = await tx.bill.findUniqueOrThrow({
        where: { id: billId },
        include: { _count: { select: { links: true, cancellations: true } } },
      });
      if (!isEditable(bill) || bill._count.cancellations > 0)
        return fail("NOT_EDITABLE", "납부(또는 취소) 기록이 있는 청구서는 수정할 수 없습니다.");
      const noticeKey = v.billerNoticeKey ?? bill.billerNoticeKey;
      const identityChanged =
        v.customerKey !== bill.billerUserKey ||
        (v.billedYearMonth ?? null) !== bill.billedYearMonth ||
        (v.ordinal ?? null) !== bill.ordinal ||
        noticeKey !== bill.billerNoticeKey;
      if (identityChanged && bill._count.links > 0)
        return fail("NOT_EDITABLE", "링크가 발급된 청구서는 고객번호·청구 연월·회차·식별 코드를 바꿀 수 없습니다.");
      const shape = checkWireShape(v.customerKey, noticeKey, data);
      if (shape) return fail("VALIDATION", shape);
      const customer = await upsertCustomer(tx, actor, v);
      // Compare-and-set: only while still unpaid (the row lock makes this the only writer anyway).
      const changed = await editUnpaidBill(tx, billId, {
        ...data,
        customerId: customer.id,
        billerUserKey: v.customerKey,
        billerNoticeKey: noticeKey,
      });
      if (!changed) return fail("NOT_EDITABLE", "납부 기록이 있는 청구서는 수정할 수 없습니다.");
      const diffs: string[] = [];
      if (bill.amount !== data.amount) diffs.push(`금액 ${bill.amount}원 → ${data.amount}원`);
      if (bill.title !== data.title) diffs.push("청구서명");
      if (
        bill.payExpireDate !== data.payExpireDate ||
        bill.secondPayExpireDate !== data.secondPayExpireDate ||
        bill.expireType !== data.expireType
      )
        diffs.push("납기");
      if (JSON.stringify(bill.details) !== JSON.stringify(data.details)) diffs.push("상세 항목");
      if (JSON.stringify(bill.bankAccounts) !== JSON.stringify(data.bankAccounts)) diffs.push("계좌");
      if (identityChanged) diffs.push("식별 정보");
      await addBillEvent(tx, {
        billId,
        type: "bill.updated",
        message: `청구서 수정${diffs.length ? `: ${diffs.join(", ")}` : " (변경 없음)"}`,
        data: { by: actor.adminId, amountFrom: bill.amount, amountTo: data.amount },
      });
      return ok({ billId });
    });
  } catch (e) {
    const msg = uniqueViolation(e);
    if (msg) return fail("CONFLICT", msg);
    throw e;
  }
}
