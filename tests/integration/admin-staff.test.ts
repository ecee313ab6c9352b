// Staff accounts as an owner, a manager and a viewer meet them: invitations that expire, role checks
// in API routes, actions and pages (not only in the menu), a disabled account's open session ending,
// password changes, and the append-only audit log (exports with filters and row count).
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-harness").then((m) => m.nextHeaders));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { db } from "@/lib/db";
import { login, sessionFromToken } from "@/lib/admin/sessions";
import {
  acceptInvite,
  changePassword,
  changeRole,
  createAdminAccount,
  inviteStaff,
  openInvite,
  setDisabled,
} from "@/lib/admin/staff";
import { DEMO_ADMIN, seedDemo } from "@/lib/seed";
import { createOrder } from "@/lib/orders/create-order";
import { dashboard, PERIODS } from "@/lib/admin/dashboard";
import { buyer, demoProducts } from "./helpers";
import { GET as ordersApi } from "@/app/api/admin/orders/route";
import { GET as ordersExport } from "@/app/api/admin/orders/export/route";
import { GET as auditExport } from "@/app/api/admin/audit/export/route";
import { POST as refundApi } from "@/app/api/admin/payments/[id]/refund/route";
import { refundAction } from "@/app/admin/(console)/orders/[id]/actions";
import { resolveAttentionAction } from "@/app/admin/(console)/attention/actions";
import NewBill from "@/app/admin/(console)/bills/new/page";
import AuditPage from "@/app/admin/(console)/audit/page";
import { actionCall, dispatch, get, pageCall, postForm, postRaw, routeCall } from "./next-harness";

const uniq = () => randomUUID().slice(0, 8);
const PASSWORD = "correct horse battery";

async function owner() {
  const s = await login({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password });
  if (!s.ok) throw new Error("demo owner login failed");
  return { ...s.value.admin, cookie: `kc_admin=${s.value.token}`, token: s.value.token };
}

async function invited(role: "MANAGER" | "VIEWER") {
  const o = await owner();
  const email = `${role.toLowerCase()}-${uniq()}@kakao-checkout.test`;
  const inv = await inviteStaff(o, { email, role });
  if (!inv.ok) throw new Error(inv.error.message);
  const acc = await acceptInvite(inv.value.token, { name: `${role} 직원`, password: PASSWORD });
  if (!acc.ok) throw new Error(acc.error.message);
  const s = await login({ email, password: PASSWORD });
  if (!s.ok) throw new Error("login failed");
  return { ...s.value.admin, cookie: `kc_admin=${s.value.token}`, token: s.value.token };
}

describe("staff accounts", () => {
  it("the demo owner exists outside production only; admin:create makes the first owner of a fresh merchant", async () => {
    expect((await db.adminUser.findUniqueOrThrow({ where: { email: DEMO_ADMIN.email } })).role).toBe("OWNER");
    const before = await db.adminUser.count();
    expect((await seedDemo({ nodeEnv: "production" })).demoAdmin).toBe(false);
    expect(await db.adminUser.count()).toBe(before);

    const code = `Z${String.fromCharCode(65 + Math.floor(Math.random() * 26))}${String.fromCharCode(65 + Math.floor(Math.random() * 26))}`;
    const email = `first-owner-${uniq()}@example.com`;
    expect(
      (
        await createAdminAccount({
          email,
          name: "첫 소유자",
          role: "OWNER",
          password: "short",
          merchantCode: code,
          merchantName: "새 상점",
        })
      ).ok,
    ).toBe(false);
    const r = await createAdminAccount({
      email,
      name: "첫 소유자",
      role: "OWNER",
      password: PASSWORD,
      merchantCode: code,
      merchantName: "새 상점",
    });
    expect(r.ok).toBe(true);
    const s = await login({ email, password: PASSWORD });
    expect(s.ok && s.value.admin.role).toBe("OWNER");
    const log = await db.adminAuditLog.findFirst({
      where: { action: "staff.create", targetId: r.ok ? r.value.adminId : "" },
    });
    expect(log?.summary).toContain(email);
  });

  it("an invitation works once and not after it expires; only owners invite", async () => {
    const o = await owner();
    const email = `late-${uniq()}@kakao-checkout.test`;
    const past = new Date(Date.now() - 73 * 3600_000);
    const inv = await inviteStaff(o, { email, role: "MANAGER" }, { now: past });
    expect(inv.ok).toBe(true);
    if (!inv.ok) return;
    expect((await openInvite(inv.value.token))?.state).toBe("expired");
    const late = await acceptInvite(inv.value.token, { name: "늦은 직원", password: PASSWORD });
    expect(late.ok || late.error.message).toContain("만료");
    expect(await db.adminUser.findUnique({ where: { email } })).toBeNull();

    const fresh = await inviteStaff(o, { email, role: "MANAGER" });
    if (!fresh.ok) throw new Error(fresh.error.message);
    expect((await acceptInvite(fresh.value.token, { name: "직원", password: "aaaaaaaaaaaa" })).ok).toBe(false); // too uniform
    expect((await acceptInvite(fresh.value.token, { name: "직원", password: PASSWORD })).ok).toBe(true);
    expect((await acceptInvite(fresh.value.token, { name: "또", password: PASSWORD })).ok).toBe(false);
    expect((await db.adminUser.findUniqueOrThrow({ where: { email } })).role).toBe("MANAGER");

    const m = await invited("MANAGER");
    const denied = await inviteStaff(m, { email: `x-${uniq()}@kakao-checkout.test`, role: "OWNER" });
    expect(denied.ok || denied.error.code).toBe("FORBIDDEN");
  });

  it("a viewer reads with the phone masked but cannot export, refund or resolve — in the API, actions and pages", async () => {
    const v = await invited("VIEWER");
    const list = await dispatch(
      get("/api/admin/orders", { cookie: v.cookie, accept: "application/json" }),
      routeCall(ordersApi as never),
    );
    expect(list.status).toBe(200);
    const orders = JSON.parse(list.body).orders as { buyerPhone: string }[];
    for (const o of orders) expect(o.buyerPhone).toMatch(/^\d{3}-\*+-\d{4}$/);

    const exp = await dispatch(get("/api/admin/orders/export", { cookie: v.cookie }), routeCall(ordersExport as never));
    expect(exp.status).toBe(403);
    expect(JSON.parse(exp.body).error.code).toBe("FORBIDDEN");
    const refund = await dispatch(
      postRaw("/api/admin/payments/ckaaaaaaaaaaaaaaaaaaaaaaa/refund", JSON.stringify({ amount: 1 }), {
        cookie: v.cookie,
        "content-type": "application/json",
      }),
      routeCall(refundApi as never, { id: "ckaaaaaaaaaaaaaaaaaaaaaaa" }),
    );
    expect(refund.status).toBe(403);

    const act = await dispatch(
      postForm(
        "/admin/orders/x",
        { paymentId: "ckaaaaaaaaaaaaaaaaaaaaaaa", amount: "1", reason: "x", idempotencyKey: randomUUID() },
        { cookie: v.cookie },
      ),
      actionCall(refundAction as never, { prevState: {} }),
    );
    expect(JSON.parse(act.body).message).toContain("환불 권한이 없습니다");
    const resolve = await dispatch(
      postForm("/admin/attention", { source: "payment", id: "abc", note: "메모" }, { cookie: v.cookie }),
      actionCall(resolveAttentionAction as never, { prevState: {} }),
    );
    expect(JSON.parse(resolve.body).message).toContain("권한이 없습니다");

    const page = await dispatch(get("/admin/bills/new", { cookie: v.cookie }), pageCall(NewBill as never));
    expect(page.status).toBe(307);
    expect(page.location).toContain("/admin/denied");
    const auditPage = await dispatch(get("/admin/audit", { cookie: v.cookie }), pageCall(AuditPage as never));
    expect(auditPage.location).toContain("/admin/denied");
  });

  it("a manager's export is audited with its filters and row count; the audit log cannot be changed", async () => {
    const m = await invited("MANAGER");
    const res = await dispatch(
      get("/api/admin/orders/export?status=PAID", { cookie: m.cookie, "x-forwarded-for": "203.0.113.9" }),
      routeCall(ordersExport as never),
    );
    expect(res.status).toBe(200);
    const lines = res.body.trim().split("\n").length - 1;
    expect(lines).toBe(await db.order.count({ where: { merchantId: m.merchantId, status: "PAID" } }));
    const row = await db.adminAuditLog.findFirstOrThrow({ where: { actorId: m.adminId, action: "export.orders" } });
    expect(row.detail).toMatchObject({ filters: { status: "PAID" }, rows: lines, complete: true });

    await db.$executeRawUnsafe(`UPDATE "AdminAuditLog" SET "summary" = 'changed' WHERE "id" = $1`, row.id);
    await db.$executeRawUnsafe(`DELETE FROM "AdminAuditLog" WHERE "id" = $1`, row.id);
    expect((await db.adminAuditLog.findUniqueOrThrow({ where: { id: row.id } })).summary).toBe(row.summary);

    // Only owners read (and export) it.
    const denied = await dispatch(
      get("/api/admin/audit/export", { cookie: m.cookie }),
      routeCall(auditExport as never),
    );
    expect(denied.status).toBe(403);
    const o = await owner();
    const csv = await dispatch(
      get(`/api/admin/audit/export?actor=${encodeURIComponent(m.email)}`, { cookie: o.cookie }),
      routeCall(auditExport as never),
    );
    expect(csv.status).toBe(200);
    expect(csv.body).toContain("주문 CSV");
  });

  it("disabling an account ends its open session at once; the last owner cannot be demoted", async () => {
    const o = await owner();
    const m = await invited("MANAGER");
    expect(await sessionFromToken(m.token)).not.toBeNull();
    expect((await setDisabled(o, m.adminId, true)).ok).toBe(true);
    expect(await sessionFromToken(m.token)).toBeNull();
    const api = await dispatch(get("/api/admin/orders", { cookie: m.cookie }), routeCall(ordersApi as never));
    expect(api.status).toBe(401);
    expect((await login({ email: m.email, password: PASSWORD })).ok).toBe(false);
    expect(await db.adminAuditLog.count({ where: { action: "staff.disable", targetId: m.adminId } })).toBe(1);

    expect((await changeRole(o, o.adminId, "VIEWER")).ok).toBe(false); // not oneself
    // A role change applies to the open session at once.
    const v = await invited("VIEWER");
    expect((await changeRole(o, v.adminId, "MANAGER")).ok).toBe(true);
    expect((await sessionFromToken(v.token))?.role).toBe("MANAGER");
  });

  it("changing a password ends the other sessions and keeps this one", async () => {
    const v = await invited("VIEWER");
    const other = await login({ email: v.email, password: PASSWORD });
    if (!other.ok) throw new Error("login");
    const { sha256 } = await import("@/lib/admin/sessions");
    expect((await changePassword(v, { current: "wrong", next: "another good pass" })).ok).toBe(false);
    expect(
      (await changePassword(v, { current: PASSWORD, next: "another good pass", keepTokenHash: sha256(v.token) })).ok,
    ).toBe(true);
    expect(await sessionFromToken(v.token)).not.toBeNull();
    expect(await sessionFromToken(other.value.token)).toBeNull();
    expect((await login({ email: v.email, password: "another good pass" })).ok).toBe(true);
  });

  it("the orders CSV dates an order placed at 00:24 KST on that day, with Korean statuses and the payment columns", async () => {
    const o = await owner();
    const [p] = await demoProducts();
    const created = await createOrder({ buyer, lines: [{ productId: p!.id, quantity: 1 }] });
    if (!created.ok) throw new Error(created.error.message);
    await db.order.update({
      where: { orderNumber: created.value.orderNumber },
      data: { createdAt: new Date("2026-11-30T15:24:45.108Z") },
    });
    const res = await dispatch(
      get(`/api/admin/orders/export?q=${created.value.orderNumber}`, { cookie: o.cookie }),
      routeCall(ordersExport as never),
    );
    expect(res.status).toBe(200);
    const [header, row] = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(header).toContain("거래번호");
    expect(header).toContain("결제수단");
    expect(header).toContain("카드사");
    expect(row).toContain(`${created.value.orderNumber},2026-12-01 00:24:45,결제 대기`);
    expect(row).not.toContain("PENDING");
  });

  it("the dashboard's numbers equal sums computed independently in SQL for each KST period", async () => {
    const o = await owner();
    const now = new Date();
    for (const p of PERIODS) {
      const d = await dashboard(o.merchantId, p.key, { now });
      // The period starts at 00:00 KST, (days - 1) days ago.
      const kstMidnight = new Date(
        Math.floor((now.getTime() + 9 * 3600_000) / 86_400_000) * 86_400_000 - 9 * 3600_000 - (p.days - 1) * 86_400_000,
      );
      const [sales] = await db.$queryRawUnsafe<{ s: bigint | null; n: bigint }[]>(
        `SELECT SUM(p."totalAmount") s, COUNT(*) n FROM "Payment" p JOIN "Order" o ON o.id = p."orderId" WHERE o."merchantId" = $1 AND p.status::text IN ('APPROVED','PARTIALLY_CANCELLED','CANCELLED') AND p."approvedAt" >= $2 AND p."approvedAt" <= $3`,
        o.merchantId,
        kstMidnight,
        now,
      );
      const [refunds] = await db.$queryRawUnsafe<{ s: bigint | null }[]>(
        `SELECT SUM(r.amount) s FROM "Refund" r JOIN "Payment" p ON p.id = r."paymentId" JOIN "Order" o ON o.id = p."orderId" WHERE o."merchantId" = $1 AND r.status::text = 'DONE' AND p.status::text IN ('APPROVED','PARTIALLY_CANCELLED','CANCELLED') AND r."completedAt" >= $2 AND r."completedAt" <= $3`,
        o.merchantId,
        kstMidnight,
        now,
      );
      const [paid] = await db.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT COUNT(*) n FROM "Order" WHERE "merchantId" = $1 AND "paidAt" >= $2 AND "paidAt" <= $3`,
        o.merchantId,
        kstMidnight,
        now,
      );
      const [bills] = await db.$queryRawUnsafe<{ n: bigint; s: bigint | null }[]>(
        `SELECT COUNT(*) n, SUM(amount) s FROM "Bill" WHERE "merchantId" = $1 AND "createdAt" >= $2 AND "createdAt" <= $3`,
        o.merchantId,
        kstMidnight,
        now,
      );
      const [consents] = await db.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT COUNT(*) n FROM "ConsentRequest" WHERE "merchantId" = $1 AND "createdAt" >= $2 AND "createdAt" <= $3`,
        o.merchantId,
        kstMidnight,
        now,
      );
      expect(d.sales.amount, p.key).toBe(Number(sales!.s ?? 0));
      expect(d.sales.count, p.key).toBe(Number(sales!.n));
      expect(d.refunds.amount, p.key).toBe(Number(refunds!.s ?? 0));
      expect(d.net, p.key).toBe(Number(sales!.s ?? 0) - Number(refunds!.s ?? 0));
      expect(d.paidOrders, p.key).toBe(Number(paid!.n));
      expect(d.bills.issued, p.key).toEqual({ count: Number(bills!.n), amount: Number(bills!.s ?? 0) });
      expect(d.consents.requested, p.key).toBe(Number(consents!.n));
      expect(
        d.daily.reduce((a, x) => a + x.amount, 0),
        p.key,
      ).toBe(d.sales.amount);
    }
  });
});
