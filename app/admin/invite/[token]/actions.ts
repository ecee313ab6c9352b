"use server";
import { redirect } from "next/navigation";
import { acceptInvite } from "@/lib/admin/staff";
import { fieldErrorsOf } from "@/lib/errors";
import { formProblem } from "../../../_lib/input";
import { currentIp } from "../../../_lib/ratelimit";

export type AcceptState = { message?: string; fields?: Record<string, string>; name?: string; at?: number };

export async function acceptInviteAction(_prev: AcceptState, formData: FormData): Promise<AcceptState> {
  const bad = formProblem(formData);
  if (bad) return { message: bad.message };
  const name = String(formData.get("name") ?? "");
  const password = String(formData.get("password") ?? "");
  if (password !== String(formData.get("confirm") ?? ""))
    return {
      message: "비밀번호 두 칸이 다릅니다.",
      fields: { confirm: "비밀번호와 같게 입력해 주세요." },
      name,
      at: Date.now(),
    };
  const r = await acceptInvite(String(formData.get("token") ?? ""), { name, password, ip: await currentIp() });
  if (!r.ok) return { message: r.error.message, fields: fieldErrorsOf(r.error), name, at: Date.now() };
  redirect("/admin/login?invited=1");
}
