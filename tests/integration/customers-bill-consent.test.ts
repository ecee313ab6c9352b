// Customers at a glance (issue 12 item 6), with real PostgreSQL and the real sandbox over HTTP:
// - from a bill, a manager requests the billed customer's e-signature / 자동이체 출금동의; the form's
//   성명 · 휴대폰 · 생년월일 (and the account, sealed) are kept on the billed customer; bad input writes
//   nothing; a viewer is refused; every request is audited;
// - the customer signs in KakaoTalk, the worker's consent.settle job verifies it, and the bill shows it;
// - the customer page for that phone lists the person's orders, consents, e-signed documents and the bill.
import { randomUUID } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-harness").then((m) => m.nextHeaders));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { db } from "@/lib/db";
import { login } from "@/lib/admin/sessions";
import { acceptInvite, inviteStaff } from "@/lib/admin/staff";
import { DEMO_ADMIN } from "@/lib/seed";
import { consentJobs } from "@/lib/consents/jobs";
import { startWorker } from "@/lib/jobs/worker";
import { createOrder } from "@/lib/orders/create-order";
import { requestConsentForBill } from "@/lib/customers/bill-consent";
import { customerTimeline, resolveCustomerKey } from "@/lib/customers/timeline";
import { requestBillConsentAction, type BillConsentState } from "@/app/admin/(console)/bills/[id]/consent-actions";
import { BillConsentsPanel } from "@/app/admin/(console)/bills/[id]/consents-panel";
import CustomerPage from "@/app/admin/(console)/customers/[phone]/page";
import { demoProducts } from "./helpers";
import { kakaoTalk, until } from "./consents-helpers";
import { actionCall, dispatch, get, postForm } from "./next-harness";

type Worker = Awaited<ReturnType<typeof startWorker>>;
let worker: Worker;
beforeAll(async () => {
  worker = await startWorker({ databaseUrl: process.env.DATABASE_URL!, domains: [consentJobs], pollSeconds: 0.5 });
});
afterAll(async () => {
  await worker.stop();
});

// A phone number of its own per run (the per-phone rate limit is 3 per 10 minutes).
const phone = () => `010${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
const dashed = (p: string) => `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`;

async function owner() {
  const s = await login({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password });
  if (!s.ok) throw new Error("demo owner login failed");
  return { ...s.value.admin, cookie: `kc_admin=${s.value.token}` };
}

async function viewer(o: Awaited<ReturnType<typeof owner>>) {
  const email = `viewer-${randomUUID().slice(0, 8)}@kakao-checkout.test`;
  const inv = await inviteStaff(o, { email, role: "VIEWER" });
  if (!inv.ok) throw new Error(inv.error.message);
  const acc = await acceptInvite(inv.value.token, { name: "조회 직원", password: "correct horse battery" });
  if (!acc.ok) throw new Error(acc.error.message);
  const s = await login({ email, password: "correct horse battery" });
  if (!s.ok) throw new Error("viewer login failed");
  return { ...s.value.admin, cookie: `kc_admin=${s.value.token}` };
}

/** The customer page rendered to HTML, as the browser gets it. */
async function customerPage(path: string, cookie: string, key: string) {
  const sp = Object.fromEntries(new URL(path, "http://x").searchParams);
  const out = await dispatch(get(path, { cookie }), async () =>
    renderToStaticMarkup(
      (await CustomerPage({ params: Promise.resolve({ phone: key }), searchParams: Promise.resolve(sp) })) as never,
    ),
  );
  return { status: out.status, body: out.status === 200 ? (JSON.parse(out.body) as string) : out.body };
}

async function bill(merchantId: string) {
  const key = `C${randomUUID().slice(0, 8)}`;
  const customer = await db.billedCustomer.create({ data: { merchantId, billerUserKey: key, name: "101동 1001호" } });
  return db.bill.create({
    data: {
      merchantId,
      customerId: customer.id,
      billerUserKey: key,
      billedYearMonth: "202612",
      billerNoticeKey: `N-${randomUUID()}`,
      title: "12월 관리비",
      amount: 123_000,
      vatAmount: 0,
      payExpireDate: "20261231",
    },
    include: { customer: true },
  });
}

async function request(cookie: string, fields: Record<string, string>) {
  const out = await dispatch(
    postForm(`/admin/bills/${fields.billId}`, fields, { cookie }),
    actionCall(requestBillConsentAction as never, { prevState: {} }),
  );
  expect(out.status).toBe(200);
  return JSON.parse(out.body) as BillConsentState;
}

describe("consents requested from a bill", () => {
  it("e-signature: contact kept on the billed customer, verified by the worker, shown on the bill, and on the customer page", async () => {
    const o = await owner();
    const b = await bill(o.merchantId);
    const p = phone();

    // Bad input: nothing is written (no consent, the billed customer unchanged).
    const bad = await request(o.cookie, {
      billId: b.id,
      kind: "ESIGN",
      name: "김청구",
      phone: "02-123",
      birthday: "19850315",
      document: "terms",
    });
    expect(bad.ok).toBe(false);
    expect(bad.fieldErrors?.phone).toContain("휴대폰 번호");
    expect(await db.consentRequest.count({ where: { billId: b.id } })).toBe(0);
    expect((await db.billedCustomer.findUniqueOrThrow({ where: { id: b.customerId } })).contactPhone).toBeNull();

    const s = await request(o.cookie, {
      billId: b.id,
      kind: "ESIGN",
      name: "김청구",
      phone: dashed(p),
      birthday: "1985-03-15",
      document: "terms",
    });
    expect(s).toMatchObject({ ok: true });
    const c = await db.consentRequest.findUniqueOrThrow({ where: { id: s.consentId! } });
    expect(c).toMatchObject({
      billId: b.id,
      kind: "ESIGN",
      status: "WAITING",
      customerPhone: p,
      customerName: "김청구",
      createdBy: o.email,
    });
    const customer = await db.billedCustomer.findUniqueOrThrow({ where: { id: b.customerId } });
    expect(customer).toMatchObject({
      contactName: "김청구",
      contactPhone: p,
      contactBirthDate: "19850315",
      billerUserKey: b.billerUserKey,
    });
    expect(customer.billerUserKey).not.toBe(p); // the customer number stays what it is
    const audit = await db.adminAuditLog.findFirstOrThrow({ where: { action: "consent.request", targetId: b.id } });
    expect(audit.actorEmail).toBe(o.email);
    expect(audit.detail).toMatchObject({ kind: "ESIGN", consentId: c.id });

    // An order by the same person (same phone) joins the customer page.
    const [product] = await demoProducts();
    const order = await createOrder({
      buyer: { name: "김청구", phone: dashed(p), email: "bill-customer@example.com" },
      lines: [{ productId: product!.id, quantity: 1 }],
    });
    if (!order.ok) throw new Error(order.error.message);

    // The customer signs in KakaoTalk; nobody clicks anything in the admin: the worker verifies.
    await kakaoTalk(c.receiptId!, "sign");
    await until(
      () => db.consentRequest.findUniqueOrThrow({ where: { id: c.id } }),
      (x) => x.status === "VERIFIED",
      { timeoutMs: 45_000, what: "worker verifies the e-signature" },
    );

    // The bill shows it as verified.
    const html = renderToStaticMarkup(await BillConsentsPanel({ admin: o, billId: b.id }));
    expect(html).toContain('data-testid="bill-consent-verified"');
    expect(html).toContain("전자서명 검증 완료");
    expect(html).toContain(`/admin/consents/${c.id}`);
    expect(html).toContain(`/admin/customers/b-${b.id}`); // the bill joins that customer's page
    expect(html).not.toContain(p.slice(3)); // the phone is masked on the bill, and not in the link

    // The customer page: the order, the e-signed document and the bill on one timeline.
    const t = await customerTimeline(o.merchantId, p);
    expect(t.entries.map((e) => e.type).sort()).toEqual(["bill", "consent", "order"]);
    expect(t.counts).toEqual({ orders: 1, consents: 0, documents: 1, bills: 1 });
    const page = await customerPage(`/admin/customers/${p}`, o.cookie, p);
    expect(page.status).toBe(200);
    expect(page.body).toContain(order.value.orderNumber);
    expect(page.body).toContain("12월 관리비");
    expect(page.body).toContain("이용약관 및 개인정보 처리 동의서");
    expect(page.body).not.toContain(p); // masked until revealed
    // Links from the order and the consent name the record, the server finds the phone (same merchant only).
    expect(await resolveCustomerKey(o.merchantId, `o-${order.value.orderId}`)).toBe(p);
    expect(await resolveCustomerKey(o.merchantId, `c-${c.id}`)).toBe(p);
    expect(await resolveCustomerKey(o.merchantId, `b-${b.id}`)).toBe(p);
    expect(await resolveCustomerKey("another-merchant", `o-${order.value.orderId}`)).toBeNull();
    expect(await resolveCustomerKey(o.merchantId, "x-not-a-key")).toBeNull();
    // Reached from the bill (the link names the bill, the page finds the phone), then revealed (audited).
    const fromBill = await customerPage(`/admin/customers/b-${b.id}`, o.cookie, `b-${b.id}`);
    expect(fromBill.body).toContain(order.value.orderNumber);
    expect(fromBill.body).not.toContain(p);
    const revealed = await customerPage(`/admin/customers/b-${b.id}?reveal=1`, o.cookie, `b-${b.id}`);
    expect(revealed.body).toContain(dashed(p));
    expect(
      await db.adminAuditLog.count({ where: { action: "pii.reveal", actorId: o.adminId, targetType: "customer" } }),
    ).toBeGreaterThan(0);

    // A viewer sees the same timeline with the phone and names masked, and cannot reveal them.
    const v = await viewer(o);
    const asViewer = await customerPage(`/admin/customers/${p}?reveal=1`, v.cookie, p);
    expect(asViewer.status).toBe(200);
    expect(asViewer.body).toContain(order.value.orderNumber);
    expect(asViewer.body).not.toContain(dashed(p));
    expect(asViewer.body).not.toContain("김청구");
    expect(asViewer.body).toContain("김*구");
  });

  it("자동이체 출금동의: the account is kept sealed on the billed customer and used again when left blank; a viewer is refused", async () => {
    const o = await owner();
    const b = await bill(o.merchantId);
    const p = phone();
    const s = await request(o.cookie, {
      billId: b.id,
      kind: "CMS",
      name: "박자동",
      phone: p,
      birthday: "19900131",
      bankName: "KB국민은행",
      accountNumber: "123456-01-234567",
      accountHolder: "박자동",
    });
    expect(s).toMatchObject({ ok: true });
    const customer = await db.billedCustomer.findUniqueOrThrow({ where: { id: b.customerId } });
    expect(customer.bankAccountNumEnc).toMatch(/^pii1\./);
    expect(customer.bankAccountLast4).toBe("4567");
    expect(JSON.stringify(customer)).not.toContain("12345601234567");
    const c = await db.consentRequest.findUniqueOrThrow({ where: { id: s.consentId! } });
    expect(c).toMatchObject({
      billId: b.id,
      kind: "CMS",
      bankName: "KB국민은행",
      bankAccountLast4: "4567",
      customerPhone: p,
    });

    // The consent expired / was declined: ask again with the account, phone and birth date on file.
    await kakaoTalk(c.receiptId!, "decline");
    const again = await requestConsentForBill({ ...o, ip: "203.0.113.7" }, b.id, {
      kind: "CMS",
      name: "박자동",
      bankName: "KB국민은행",
      accountHolder: "박자동",
    });
    expect(again).toMatchObject({ ok: true });
    if (!again.ok) throw new Error(again.error.message);
    const c2 = await db.consentRequest.findUniqueOrThrow({ where: { id: again.value.id } });
    expect(c2).toMatchObject({
      customerPhone: p,
      customerBirthday: "19900131",
      bankAccountLast4: "4567",
      billId: b.id,
    });

    // Role checks are in the use case, not only the page.
    const viewer = await requestConsentForBill({ ...o, role: "VIEWER" }, b.id, {
      kind: "ESIGN",
      name: "박자동",
      phone: p,
      birthday: "19900131",
      document: "terms",
    });
    expect(viewer).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    // Another merchant's bill is not found.
    const other = await requestConsentForBill({ ...o, merchantId: "no-such-merchant" }, b.id, { kind: "ESIGN" });
    expect(other).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await db.consentRequest.count({ where: { billId: b.id } })).toBe(2);
  });
});
