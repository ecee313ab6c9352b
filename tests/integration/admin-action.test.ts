// withAdminAction (app/_lib/admin.ts), the one wrapper of admin server actions: session, role, same-origin,
// the input layer, the zod schema and the handler's Result — each refusal one AppError mapped to the form's
// state, an unexpected exception answered as INTERNAL instead of an error page, Next's redirect untouched.
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-harness").then((m) => m.nextHeaders));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { z } from "zod";
import { redirect } from "next/navigation";
import { login } from "@/lib/admin/sessions";
import { acceptInvite, inviteStaff } from "@/lib/admin/staff";
import { fail, ok, type FormState } from "@/lib/errors";
import { DEMO_ADMIN } from "@/lib/seed";
import { withAdminAction } from "@/app/_lib/admin";
import { actionCall, dispatch, postForm } from "./next-harness";

async function session(role?: "VIEWER") {
  const o = await login({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password });
  if (!o.ok) throw new Error("demo owner login failed");
  if (!role) return `kc_admin=${o.value.token}`;
  const email = `action-viewer-${randomUUID().slice(0, 8)}@kakao-checkout.test`;
  const inv = await inviteStaff(o.value.admin, { email, role });
  if (!inv.ok) throw new Error(inv.error.message);
  const acc = await acceptInvite(inv.value.token, { name: "조회 직원", password: "correct horse battery" });
  if (!acc.ok) throw new Error(acc.error.message);
  const s = await login({ email, password: "correct horse battery" });
  if (!s.ok) throw new Error("viewer login failed");
  return `kc_admin=${s.value.token}`;
}

const calls: string[] = [];
const action = withAdminAction<FormState, { amount: number; memo: string }>(
  {
    perm: "refund",
    schema: z.object({
      amount: z.coerce.number().int().positive("금액을 입력해 주세요."),
      memo: z.string().max(5, "메모는 5자 이내로 입력해 주세요."),
    }),
  },
  async ({ admin, input }) => {
    calls.push(admin.email);
    if (input.memo === "boom") throw new Error("01012345678 secret"); // an unexpected failure
    if (input.memo === "go") redirect("/admin/orders");
    if (input.amount === 404) return fail("NOT_FOUND", "결제를 찾을 수 없습니다.");
    return ok({ ok: true, message: `${input.amount}원` });
  },
);

async function post(fields: Record<string, string>, headers: Record<string, string>, opts: { proxied?: boolean } = {}) {
  const out = await dispatch(
    postForm("/admin/orders/x", fields, headers),
    actionCall(action as never, { prevState: {} }),
    opts,
  );
  return { ...out, state: out.status === 200 ? (JSON.parse(out.body) as FormState) : undefined };
}

describe("withAdminAction", () => {
  it("runs the handler for a staff member with the role, and maps its Result to the form's state", async () => {
    const cookie = await session();
    expect((await post({ amount: "1000", memo: "a" }, { cookie })).state).toEqual({ ok: true, message: "1000원" });
    expect((await post({ amount: "404", memo: "a" }, { cookie })).state).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      message: "결제를 찾을 수 없습니다.",
    });
    expect(calls).toHaveLength(2);
  });

  it("refuses before the handler: no session (login page), no role, another site, hostile input, a bad field", async () => {
    const before = calls.length;
    const none = await post({ amount: "1000", memo: "a" }, {});
    expect(none.status).toBe(307);
    expect(none.location).toContain("/admin/login");

    const viewer = await post({ amount: "1000", memo: "a" }, { cookie: await session("VIEWER") });
    expect(viewer.state).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(viewer.state?.message).toContain("권한이 없습니다");

    const cookie = await session();
    const crossSite = await post(
      { amount: "1000", memo: "a" },
      { cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    );
    expect(crossSite.state).toMatchObject({
      ok: false,
      code: "CROSS_SITE",
      message: "다른 사이트에서 보낸 요청은 처리하지 않습니다.",
    });

    // the proxy refuses this first in the app; the wrapper holds for a direct call too
    const hostile = await post({ amount: "1000", memo: "a\u0000b" }, { cookie }, { proxied: false });
    expect(hostile.state).toMatchObject({ ok: false, code: "VALIDATION" });

    const bad = await post({ amount: "-1", memo: "too long" }, { cookie });
    expect(bad.state).toMatchObject({
      ok: false,
      code: "VALIDATION",
      message: "금액을 입력해 주세요.",
      fields: { amount: "금액을 입력해 주세요.", memo: "메모는 5자 이내로 입력해 주세요." },
    });
    expect(calls.length).toBe(before);
  });

  it("an unexpected exception is a form message (no stack, no data), and Next's redirect passes through", async () => {
    const cookie = await session();
    const boom = await post({ amount: "1", memo: "boom" }, { cookie });
    expect(boom.state).toMatchObject({ ok: false, code: "INTERNAL" });
    expect(boom.body).not.toContain("01012345678");
    const go = await post({ amount: "1", memo: "go" }, { cookie });
    expect(go.status).toBe(307);
    expect(go.location).toContain("/admin/orders");
  });
});
