"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { fail, ok, type AppError, type FormState } from "@/lib/errors";
import { createBill, updateBill } from "@/lib/bills/bills";
import type { BillInput } from "@/lib/bills/input";
import { issueBillLink, linkFailureOf, type LinkFailure, type LinkMode } from "@/lib/bills/links";
import { checkDeep } from "@/lib/input/guard";
import { audit, withAdminAction } from "../../../_lib/admin";

export type SaveBillState = FormState;

export const saveBillAction = withAdminAction<SaveBillState>({ perm: "bill.write" }, async ({ admin, formData }) => {
  let input: BillInput;
  try {
    input = JSON.parse(String(formData.get("payload") ?? "")) as BillInput;
  } catch {
    return fail("BAD_REQUEST", "입력값을 읽지 못했습니다. 페이지를 새로고침해 주세요.");
  }
  // The input layer inside the JSON too: control characters in any field (a JSON escape hides them until
  // parsed; the bill's texts may span lines) are refused before anything is queried; dates are the form's to answer.
  const bad = checkDeep(input, { multiline: true, dates: false });
  if (bad) return fail("VALIDATION", bad.message);
  const billId = formData.get("billId") ? String(formData.get("billId")) : undefined;
  const actor = { merchantId: admin.merchantId, adminId: admin.adminId };
  const r = billId ? await updateBill(billId, input, actor) : await createBill(input, actor);
  if (!r.ok) return r;
  await audit(admin, {
    action: billId ? "bill.update" : "bill.create",
    summary: billId ? "청구서 수정" : "청구서 작성",
    target: { type: "bill", id: r.value.billId },
  });
  revalidatePath("/admin/bills");
  redirect(`/admin/bills/${r.value.billId}`);
});

/** What the link form shows of a refusal: the agency's code (or ours), what happened, what to do next, the button to offer. */
export type LinkFailureView = { code: string; message: string; actionText: string; offer?: LinkMode };
/** The link form's state; `at` tells answers apart. */
export type LinkState = { ok?: boolean; url?: string; mode?: LinkMode; failure?: LinkFailureView; at?: number };

/** Any refusal as the link panel shows it: a link refusal with its details, anything else (permission, input) by its code. */
function linkState(e: AppError): LinkState {
  const f: LinkFailure | undefined = linkFailureOf(e);
  const failure: LinkFailureView = f
    ? { code: f.resultCode, message: e.message, actionText: f.actionText, ...(f.offer && { offer: f.offer }) }
    : { code: e.code, message: e.message, actionText: e.code === "VALIDATION" ? "입력값을 확인해 주세요." : "" };
  return { ok: false, failure, at: Date.now() };
}

/** "2026-08-15T23:59" typed in Korea time → instant. */
function kstLocal(v: string): Date {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? new Date(`${v}:59+09:00`) : new Date(Number.NaN);
}

const modeOf = (formData: FormData): LinkMode => (formData.get("mode") === "recreate" ? "recreate" : "create");

export const issueLinkAction = withAdminAction<LinkState>(
  {
    perm: "bill.write",
    state: linkState,
  },
  async ({ admin, formData }) => {
    const billId = String(formData.get("billId") ?? "");
    const mode = modeOf(formData);
    const r = await issueBillLink({
      billId,
      merchantId: admin.merchantId,
      adminId: admin.adminId,
      mode,
      expireAt: kstLocal(String(formData.get("expireAt") ?? "")),
    });
    revalidatePath(`/admin/bills/${billId}`);
    await audit(admin, {
      action: "bill.link",
      summary: `청구서 링크 ${mode === "recreate" ? "재생성" : "생성"}${r.ok ? "" : ` 실패: ${r.error.message}`}`.slice(
        0,
        300,
      ),
      target: { type: "bill", id: billId },
      detail: { mode, ok: r.ok },
    });
    if (!r.ok) return r; // → linkState: the agency's code, what happened, what to do, the button to offer
    return ok({ ok: true, mode, url: r.value.url, at: Date.now() });
  },
);
