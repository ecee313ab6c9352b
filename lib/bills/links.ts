// Issuing the customer's bill link through the agency (BillLinkAgency, port.ts): create (first time)
// and re-create (a new url for a bill that already has one). Every attempt lands on the bill's
// timeline with the agency's code; failures come back with what the staff member should do next
// (explained by the adapter, lib/providers/dozn/biller.ts).
import { db as defaultDb, type Db } from "../db";
import { err, ok, type Result } from "../errors";
import { log } from "../log";
import { linkAgencyFromEnv } from "./providers";
import { addBillEvent } from "./events";
import { linkFailed, linkFailureOf, type BillLinkAgency, type LinkFailure, type LinkMode } from "./port";
import { payableAmount } from "./state";

export { linkFailureOf, type LinkFailure, type LinkMode };

/** The link, or the refusal with what to do next (lib/bills/port.ts linkFailed / linkFailureOf). */
export async function issueBillLink(
  input: { billId: string; merchantId: string; adminId: string; mode: LinkMode; expireAt: Date },
  deps: { db?: Db; agency?: BillLinkAgency | null; now?: () => Date } = {},
): Promise<Result<{ url: string; expireAt: Date }>> {
  const db = deps.db ?? defaultDb;
  const now = deps.now ?? (() => new Date());
  const agency = deps.agency === undefined ? linkAgencyFromEnv() : deps.agency;
  if (!agency)
    return err(
      linkFailed({
        resultCode: "CONFIG",
        message: "더즌(에이전시) 연동 설정이 없습니다.",
        actionText: "DOZN_API_BASE, DOZN_BILLER_CODE, DOZN_API_KEY 를 설정하세요.",
      }),
    );
  const bill = await db.bill.findFirst({ where: { id: input.billId, merchantId: input.merchantId } });
  if (!bill)
    return err(
      linkFailed(
        { resultCode: "NOT_FOUND", message: "청구서를 찾을 수 없습니다.", actionText: "목록에서 다시 선택하세요." },
        "NOT_FOUND",
      ),
    );
  if (payableAmount(bill) === 0)
    return err(
      linkFailed({
        resultCode: "NOT_PAYABLE",
        message: "이미 납부된 청구서라 링크를 보낼 필요가 없습니다.",
        actionText: "납부 내역을 확인하세요.",
      }),
    );
  if (Number.isNaN(input.expireAt.getTime()) || input.expireAt.getTime() <= now().getTime() + 60_000)
    return err(
      linkFailed(
        {
          resultCode: "VALIDATION",
          message: "링크 만료 일시는 지금 이후여야 합니다.",
          actionText: "만료 일시를 다시 입력하세요.",
        },
        "VALIDATION",
      ),
    );
  if (input.expireAt.getTime() > now().getTime() + 366 * 86_400_000)
    return err(
      linkFailed(
        {
          resultCode: "VALIDATION",
          message: "링크 만료 일시는 1년 이내로 정해 주세요.",
          actionText: "만료 일시를 다시 입력하세요.",
        },
        "VALIDATION",
      ),
    );

  const linkBill = {
    billerUserKey: bill.billerUserKey,
    ...(bill.billedYearMonth !== null && { billedYearMonth: bill.billedYearMonth }),
    ...(bill.ordinal !== null && { ordinal: bill.ordinal }),
    billerNoticeKey: bill.billerNoticeKey,
    expireAt: input.expireAt,
  };
  const started = Date.now();
  const res = await agency.issue(input.mode, linkBill);
  const durationMs = Date.now() - started;
  const type = `dozn.link.${input.mode}`;
  const label = input.mode === "create" ? "링크 생성" : "링크 재생성";

  if (res.ok) {
    await db.$transaction(async (tx) => {
      await tx.billLink.create({
        data: {
          billId: bill.id,
          kind: input.mode === "create" ? "CREATE" : "RECREATE",
          url: res.value.url,
          expireAt: res.value.expireAt,
          createdBy: input.adminId,
        },
      });
      await addBillEvent(tx, {
        billId: bill.id,
        type,
        resultCode: "OK",
        message: `${label} 완료 (만료 ${res.value.expireAtText})`,
        data: { durationMs, by: input.adminId },
      });
    });
    return ok({ url: res.value.url, expireAt: res.value.expireAt });
  }

  const resultCode = linkFailureOf(res.error)?.resultCode ?? res.error.code;
  log.warn({ billId: bill.id, mode: input.mode, code: resultCode }, "bill link failed");
  await addBillEvent(db, {
    billId: bill.id,
    type,
    resultCode,
    message: `${label} 실패: ${res.error.message}`,
    data: { durationMs, by: input.adminId },
  });
  return err(res.error);
}
