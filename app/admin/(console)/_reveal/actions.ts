"use server";
// "보기" on an admin detail page: one personal-data value for a manager or owner, audited
// (lib/admin/reveal.ts re-checks the role, scopes the record to the merchant and writes the audit row).
// The value goes back only in this action's answer, never into a page's HTML.
import { revealPersonalData } from "@/lib/admin/reveal";
import { authorize } from "../../../_lib/admin";
import { formProblem } from "../../../_lib/input";
import { currentIp } from "../../../_lib/ratelimit";

export type RevealState = { ok?: boolean; value?: string; message?: string };

export async function revealAction(_prev: RevealState, formData: FormData): Promise<RevealState> {
  const auth = await authorize("pii.reveal");
  if (!auth.ok) return { ok: false, message: auth.message };
  if (formProblem(formData)) return { ok: false, message: "입력값에 사용할 수 없는 문자가 있습니다." };
  const field = (k: string) => {
    const v = formData.get(k);
    return typeof v === "string" ? v : "";
  };
  const r = await revealPersonalData(auth.admin, { type: field("type"), id: field("id"), field: field("field") }, { ip: await currentIp() });
  return r.ok ? { ok: true, value: r.value } : { ok: false, message: r.message };
}
