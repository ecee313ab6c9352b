"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createBill, updateBill } from "@/lib/bills/bills";
import type { BillInput } from "@/lib/bills/input";
import { issueBillLink, type LinkFailure, type LinkMode } from "@/lib/bills/links";
import { checkDeep } from "@/lib/input/guard";
import { audit, authorize } from "../../../_lib/admin";
import { formProblem } from "../../../_lib/input";

export type SaveBillState = { message?: string; fields?: Record<string, string> };

export async function saveBillAction(_prev: SaveBillState, formData: FormData): Promise<SaveBillState> {
  const auth = await authorize("bill.write");
  if (!auth.ok) return { message: auth.message };
  const admin = auth.admin;
  let input: BillInput;
  try {
    input = JSON.parse(String(formData.get("payload") ?? "")) as BillInput;
  } catch {
    return { message: "입력값을 읽지 못했습니다. 페이지를 새로고침해 주세요." };
  }
  // The input layer: control characters in any field (a JSON escape hides them until parsed; the
  // bill's texts may span lines) are refused before anything is queried; dates are the form's to answer.
  const bad = formProblem(formData) ?? checkDeep(input, { multiline: true, dates: false });
  if (bad) return { message: bad.message };
  const billId = formData.get("billId") ? String(formData.get("billId")) : undefined;
  const actor = { merchantId: admin.merchantId, adminId: admin.adminId };
  const r = billId ? await updateBill(billId, input, actor) : await createBill(input, actor);
  if (!r.ok) return { message: r.error.message, ...(r.error.fields && { fields: r.error.fields }) };
  await audit(admin, { action: billId ? "bill.update" : "bill.create", summary: billId ? "청구서 수정" : "청구서 작성", target: { type: "bill", id: r.value.billId } });
  revalidatePath("/admin/bills");
  redirect(`/admin/bills/${r.value.billId}`);
}

export type LinkState = { ok?: boolean; url?: string; mode?: LinkMode; failure?: LinkFailure; at?: number };

/** "2026-08-15T23:59" typed in Korea time → instant. */
function kstLocal(v: string): Date {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? new Date(`${v}:59+09:00`) : new Date(Number.NaN);
}

export async function issueLinkAction(_prev: LinkState, formData: FormData): Promise<LinkState> {
  const auth = await authorize("bill.write");
  if (!auth.ok) return { ok: false, failure: { code: "FORBIDDEN", message: auth.message, actionText: "" } };
  const admin = auth.admin;
  const bad = formProblem(formData);
  if (bad) return { ok: false, failure: { code: "VALIDATION", message: bad.message, actionText: "입력값을 확인해 주세요." } };
  const billId = String(formData.get("billId") ?? "");
  const mode: LinkMode = formData.get("mode") === "recreate" ? "recreate" : "create";
  const r = await issueBillLink({ billId, merchantId: admin.merchantId, adminId: admin.adminId, mode, expireAt: kstLocal(String(formData.get("expireAt") ?? "")) });
  revalidatePath(`/admin/bills/${billId}`);
  await audit(admin, { action: "bill.link", summary: `청구서 링크 ${mode === "recreate" ? "재생성" : "생성"}${r.ok ? "" : ` 실패: ${r.error.message}`}`.slice(0, 300), target: { type: "bill", id: billId }, detail: { mode, ok: r.ok } });
  if (!r.ok) return { ok: false, mode, failure: r.error, at: Date.now() };
  return { ok: true, mode, url: r.value.url, at: Date.now() };
}
