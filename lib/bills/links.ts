// Issuing the customer's bill link through the Dozn agency: create (first time) and re-create
// (a new url for a bill that already has one). Every attempt lands on the bill's timeline with
// the agency's res_code; failures come back with what the staff member should do next.
import { db as defaultDb, type Db } from "../db";
import { env } from "../env";
import { err, ok, type Result } from "../errors";
import { log } from "../log";
import { ADMIN_ACTION_TEXT, createDoznClient, messageFor, type DoznAdminAction, type DoznClient } from "../providers/dozn";
import { addBillEvent } from "./events";
import { payableAmount } from "./state";

export type LinkMode = "create" | "recreate";

export type LinkFailure = {
  /** The agency's res_code (E818 …), or TIMEOUT / NETWORK / HTTP / CONFIG / NOT_FOUND / NOT_PAYABLE / VALIDATION. */
  code: string;
  /** What happened, in Korean. */
  message: string;
  /** What to do next, in Korean. */
  actionText: string;
  /** The button to offer: E818 → re-create, E812 → create. */
  offer?: LinkMode;
};

/** The agency client from env, or null when the Dozn settings are missing. */
export function doznClientFromEnv(): DoznClient | null {
  const e = env();
  if (!e.DOZN_API_BASE || !e.DOZN_BILLER_CODE || !e.DOZN_API_KEY) return null;
  return createDoznClient({ baseUrl: e.DOZN_API_BASE, billerCode: e.DOZN_BILLER_CODE, apiKey: e.DOZN_API_KEY, timeoutMs: e.PROVIDER_TIMEOUT_MS });
}

const offerFor = (action: DoznAdminAction): LinkMode | undefined => (action === "recreate" ? "recreate" : action === "create" ? "create" : undefined);

/** Korean explanation + next step for every res_code of the seed's create / re-create tables. */
export function explainLinkCode(code: string): LinkFailure {
  const specific: Record<string, Omit<LinkFailure, "code">> = {
    E003: { message: "에이전시가 빌러 정보를 인식하지 못했습니다. (빌러 코드 또는 인증 키 오류)", actionText: ADMIN_ACTION_TEXT["check-config"] },
    E005: { message: "청구서 식별 코드 없이 요청해 같은 고객의 청구서가 2건 이상 조회되었습니다.", actionText: ADMIN_ACTION_TEXT["add-notice-key"] },
    E101: { message: "부가 파라미터를 에이전시가 저장하지 못했습니다.", actionText: ADMIN_ACTION_TEXT["fix-parameters"] },
    E811: { message: "다른 청구서가 이미 이 청구서 식별 코드로 등록되어 있습니다.", actionText: ADMIN_ACTION_TEXT["use-new-notice-key"] },
    E818: { message: "이 청구서는 이미 링크가 생성되어 있습니다.", actionText: "'링크 재생성'으로 새 링크를 받으세요.", offer: "recreate" },
    E812: { message: "에이전시에 등록되지 않은 청구서입니다. (아직 링크를 생성한 적이 없음)", actionText: "'링크 생성'을 먼저 하세요.", offer: "create" },
    E001: { message: "필수 값이 빠진 요청이라 에이전시가 거절했습니다.", actionText: ADMIN_ACTION_TEXT["fix-request"] },
    E006: { message: "최대 길이를 넘는 값이 있어 에이전시가 거절했습니다.", actionText: ADMIN_ACTION_TEXT["fix-request"] },
    E007: { message: "자리수가 맞지 않는 값(청구 연월, 만료일시 등)이 있어 에이전시가 거절했습니다.", actionText: ADMIN_ACTION_TEXT["fix-request"] },
    E008: { message: "에이전시가 요청을 해석하지 못했습니다. (JSON 형식 오류)", actionText: ADMIN_ACTION_TEXT["fix-request"] },
    E801: { message: "에이전시 내부 오류입니다.", actionText: ADMIN_ACTION_TEXT["retry-later"] },
    E806: { message: "에이전시가 카카오페이에 요청하다 시간이 초과되었습니다.", actionText: `${ADMIN_ACTION_TEXT["retry-later"]} 링크가 이미 만들어졌을 수 있으니 실패하면 '링크 재생성'을 쓰세요.` },
    E807: { message: "에이전시가 요청 데이터를 해석하지 못했습니다.", actionText: ADMIN_ACTION_TEXT["fix-request"] },
    E808: { message: "에이전시가 카카오페이 응답을 해석하지 못했습니다.", actionText: ADMIN_ACTION_TEXT["retry-later"] },
    E809: { message: "에이전시가 카카오페이 응답을 받지 못했습니다.", actionText: ADMIN_ACTION_TEXT["retry-later"] },
    E817: { message: "에이전시가 이 청구서를 오류 건으로 분류했습니다.", actionText: ADMIN_ACTION_TEXT["contact-agency"] },
  };
  const s = specific[code];
  if (s) return { code, ...s };
  return { code, message: `에이전시 응답 ${code}: ${messageFor(code)}`, actionText: ADMIN_ACTION_TEXT["contact-agency"] };
}

export async function issueBillLink(
  input: { billId: string; merchantId: string; adminId: string; mode: LinkMode; expireAt: Date },
  deps: { db?: Db; client?: DoznClient | null; now?: () => Date } = {},
): Promise<Result<{ url: string; expireAt: Date }, LinkFailure>> {
  const db = deps.db ?? defaultDb;
  const now = deps.now ?? (() => new Date());
  const client = deps.client === undefined ? doznClientFromEnv() : deps.client;
  if (!client) return err({ code: "CONFIG", message: "더즌(에이전시) 연동 설정이 없습니다.", actionText: "DOZN_API_BASE, DOZN_BILLER_CODE, DOZN_API_KEY 를 설정하세요." });
  const bill = await db.bill.findFirst({ where: { id: input.billId, merchantId: input.merchantId } });
  if (!bill) return err({ code: "NOT_FOUND", message: "청구서를 찾을 수 없습니다.", actionText: "목록에서 다시 선택하세요." });
  if (payableAmount(bill) === 0) return err({ code: "NOT_PAYABLE", message: "이미 납부된 청구서라 링크를 보낼 필요가 없습니다.", actionText: "납부 내역을 확인하세요." });
  if (Number.isNaN(input.expireAt.getTime()) || input.expireAt.getTime() <= now().getTime() + 60_000)
    return err({ code: "VALIDATION", message: "링크 만료 일시는 지금 이후여야 합니다.", actionText: "만료 일시를 다시 입력하세요." });
  if (input.expireAt.getTime() > now().getTime() + 366 * 86_400_000)
    return err({ code: "VALIDATION", message: "링크 만료 일시는 1년 이내로 정해 주세요.", actionText: "만료 일시를 다시 입력하세요." });

  const linkBill = {
    billerUserKey: bill.billerUserKey,
    ...(bill.billedYearMonth !== null && { billedYearMonth: bill.billedYearMonth }),
    ...(bill.ordinal !== null && { ordinal: bill.ordinal }),
    billerNoticeKey: bill.billerNoticeKey,
    expireAt: input.expireAt,
  };
  const started = Date.now();
  const res = input.mode === "create" ? await client.createLink(linkBill) : await client.recreateLink(linkBill);
  const durationMs = Date.now() - started;
  const type = `dozn.link.${input.mode}`;
  const label = input.mode === "create" ? "링크 생성" : "링크 재생성";

  if (res.ok) {
    await db.$transaction(async (tx) => {
      await tx.billLink.create({ data: { billId: bill.id, kind: input.mode === "create" ? "CREATE" : "RECREATE", url: res.url, expireAt: res.expireAt, createdBy: input.adminId } });
      await addBillEvent(tx, { billId: bill.id, type, resultCode: "OK", message: `${label} 완료 (만료 ${res.expireAtWire})`, data: { durationMs, by: input.adminId } });
    });
    return ok({ url: res.url, expireAt: res.expireAt });
  }

  let failure: LinkFailure;
  switch (res.kind) {
    case "provider":
      failure = explainLinkCode(res.code);
      if (!failure.offer) {
        const o = offerFor(res.action);
        if (o) failure.offer = o;
      }
      break;
    case "timeout":
      failure = {
        code: "TIMEOUT",
        message: `에이전시가 ${Math.round(res.timeoutMs / 1000)}초 안에 응답하지 않았습니다. 링크가 만들어졌는지 알 수 없습니다.`,
        actionText: "'링크 재생성'을 시도하세요. 등록되지 않았다는 답(E812)이면 '링크 생성'을 다시 하세요.",
        offer: "recreate",
      };
      break;
    case "network":
      failure = { code: "NETWORK", message: "에이전시에 연결하지 못했습니다.", actionText: ADMIN_ACTION_TEXT["retry-later"] };
      break;
    case "http":
      failure = { code: "HTTP", message: `에이전시가 알 수 없는 응답(HTTP ${res.status})을 보냈습니다.`, actionText: `${ADMIN_ACTION_TEXT["retry-later"]} 계속되면 에이전시에 문의하세요.` };
      break;
  }
  log.warn({ billId: bill.id, mode: input.mode, code: failure.code }, "bill link failed");
  await addBillEvent(db, { billId: bill.id, type, resultCode: failure.code, message: `${label} 실패: ${failure.message}`, data: { durationMs, by: input.adminId } });
  return err(failure);
}
