// Personal data at rest and on staff screens (issue 9 item 6, issue 12 item 1): account numbers are
// sealed in the database, lists and the consent detail page carry only masks, a manager's "보기" returns
// the one value and is audited, a viewer gets nothing, and the data step of migration 0016 seals
// plain values left in old rows (and re-seals values under an older key).
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, inject, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-harness").then((m) => m.nextHeaders));

import { db } from "@/lib/db";
import { login } from "@/lib/admin/sessions";
import { acceptInvite, inviteStaff } from "@/lib/admin/staff";
import { DEMO_ADMIN } from "@/lib/seed";
import { requestCmsConsent } from "@/lib/consents/consents";
import { backfillPii, keyringFromEnv } from "@/lib/security/pii-backfill";
import { keyIdOf, open, parseKeyring, seal } from "@/lib/security/pii-crypto";
import { openPii, sealAccountNumber } from "@/lib/security/pii";
import { renderToStaticMarkup } from "react-dom/server";
import { BillConsentsPanel } from "@/app/admin/(console)/bills/[id]/consents-panel";
import ConsentList from "@/app/admin/(console)/consents/page";
import ConsentDetail from "@/app/admin/(console)/consents/[id]/page";
import OrderDetail from "@/app/admin/(console)/orders/[id]/page";
import { revealAction } from "@/app/admin/(console)/_reveal/actions";
import { GET as consentsExport } from "@/app/api/admin/consents/export/route";
import { actionCall, dispatch, get, pageCall, postForm, routeCall } from "./next-harness";
import { cmsForm } from "./consents-helpers";

const PASSWORD = "correct horse battery";
const ACCOUNT = "110-987-654321";
const ACCOUNT_DIGITS = "110987654321";
const PHONE = "01077778888";

async function staff(role: "MANAGER" | "VIEWER") {
  const o = await login({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password });
  if (!o.ok) throw new Error("demo owner login failed");
  const email = `${role.toLowerCase()}-pii-${randomUUID().slice(0, 8)}@kakao-checkout.test`;
  const inv = await inviteStaff(o.value.admin, { email, role });
  if (!inv.ok) throw new Error(inv.error.message);
  const acc = await acceptInvite(inv.value.token, { name: `${role} 직원`, password: PASSWORD });
  if (!acc.ok) throw new Error(acc.error.message);
  const s = await login({ email, password: PASSWORD });
  if (!s.ok) throw new Error("login failed");
  return { ...s.value.admin, cookie: `kc_admin=${s.value.token}` };
}

async function cmsConsent() {
  const r = await requestCmsConsent(cmsForm({ phone: PHONE, accountNumber: ACCOUNT, name: "김비밀" }), {});
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.value.id;
}

/**
 * Everything a rendered page would send to the browser, as text: the text of its elements and the props
 * of every element (a client component's props are what the RSC payload carries). Nested components
 * are not run; the values a page hands them are what matters here.
 */
function payload(node: unknown, seen = new WeakSet<object>()): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number" || typeof node === "bigint") return String(node);
  if (typeof node !== "object") return "";
  if (seen.has(node)) return "";
  seen.add(node);
  if (Array.isArray(node)) return node.map((n) => payload(n, seen)).join(" ");
  const el = node as { props?: Record<string, unknown> };
  if (!el.props) return "";
  const { children, ...props } = el.props;
  const own = JSON.stringify(props, (_k, v) =>
    typeof v === "function" ? undefined : typeof v === "bigint" ? String(v) : v,
  );
  return `${own} ${payload(children, seen)}`;
}

async function render(path: string, cookie: string, Page: unknown, params: Record<string, string> = {}) {
  let tree: unknown;
  const o = await dispatch(get(path, { cookie }), async (req) => {
    tree = await pageCall(Page as never, params)(req);
    return null;
  });
  return { status: o.status, location: o.location, html: payload(tree) };
}

const reveal = (cookie: string, fields: Record<string, string>) =>
  dispatch(
    postForm("/admin/consents/x", fields, { cookie, origin: "http://127.0.0.1:3999", "sec-fetch-site": "same-origin" }),
    actionCall(revealAction as never, { prevState: {} }),
  );

describe("account numbers encrypted at rest", () => {
  it("a CMS consent stores no plain account number: the raw row holds a sealed value and the last four digits", async () => {
    const id = await cmsConsent();
    const rows = await db.$queryRawUnsafe<Array<Record<string, unknown>>>(
      `SELECT * FROM "ConsentRequest" WHERE id = $1`,
      id,
    );
    const raw = JSON.stringify(rows[0]);
    expect(raw).not.toContain(ACCOUNT_DIGITS);
    expect(raw).not.toContain("987654");
    expect(rows[0]).toMatchObject({ bankAccountLast4: "4321", bankAccountNumPlaintext: null });
    expect(String(rows[0]!.bankAccountNumEnc)).toMatch(/^pii1\.demo\./);
    expect(openPii(String(rows[0]!.bankAccountNumEnc))).toBe(ACCOUNT_DIGITS);
    // the column refuses anything but a sealed value
    await expect(
      db.$executeRawUnsafe(`UPDATE "ConsentRequest" SET "bankAccountNumEnc" = '110987654321' WHERE id = $1`, id),
    ).rejects.toThrow(/bankAccountNumEnc_sealed/);
  });
});

describe("masked lists, reveal on the detail page", () => {
  it("the admin list, the CSV and the detail page carry masks only, for every role", async () => {
    const id = await cmsConsent();
    const manager = await staff("MANAGER");
    const viewer = await staff("VIEWER");
    for (const who of [manager, viewer]) {
      const list = await render(`/admin/consents?q=${encodeURIComponent("김비밀")}`, who.cookie, ConsentList);
      expect(list.status).toBe(200);
      expect(list.html).toContain("****4321");
      expect(list.html).toContain("010-****-8888");
      expect(list.html).not.toContain(ACCOUNT_DIGITS);
      expect(list.html).not.toContain(PHONE);
      const detail = await render(`/admin/consents/${id}`, who.cookie, ConsentDetail, { id });
      expect(detail.status).toBe(200);
      expect(detail.html).toContain("****4321");
      expect(detail.html).toContain("010-****-8888");
      expect(detail.html).not.toContain(ACCOUNT_DIGITS);
      expect(detail.html).not.toContain(PHONE);
      expect(detail.html).not.toContain("19900131");
      expect(detail.html).not.toContain("pii1."); // not even the sealed value
    }
    // the 보기 button is offered to a manager only
    expect((await render(`/admin/consents/${id}`, manager.cookie, ConsentDetail, { id })).html).toMatch(
      /"canReveal":true/,
    );
    expect((await render(`/admin/consents/${id}`, viewer.cookie, ConsentDetail, { id })).html).not.toMatch(
      /"canReveal":true/,
    );
    // the manager's CSV masks the account too (exports are not a KFTC submission)
    const csv = await dispatch(
      get(`/api/admin/consents/export?q=${encodeURIComponent("김비밀")}`, { cookie: manager.cookie }),
      routeCall(consentsExport as never),
    );
    expect(csv.status).toBe(200);
    expect(csv.body).toContain("****4321");
    expect(csv.body).not.toContain(ACCOUNT_DIGITS);
  });

  it("a manager's 보기 returns the one value and is audited; a viewer's is refused with no value", async () => {
    const id = await cmsConsent();
    const manager = await staff("MANAGER");
    const viewer = await staff("VIEWER");

    const acc = await reveal(manager.cookie, { type: "consent", id, field: "account" });
    expect(JSON.parse(acc.body)).toEqual({ ok: true, value: ACCOUNT_DIGITS });
    const phone = await reveal(manager.cookie, { type: "consent", id, field: "phone" });
    expect(JSON.parse(phone.body)).toEqual({ ok: true, value: PHONE });
    const audits = await db.adminAuditLog.findMany({
      where: { action: "pii.reveal", actorEmail: manager.email, targetId: id },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((a) => (a.detail as { field: string }).field)).toEqual(["account", "phone"]);
    expect(audits[0]!.summary).toBe("김*밀 님 자동이체 출금동의의 계좌번호를 봄");
    expect(JSON.stringify(audits)).not.toContain(ACCOUNT_DIGITS); // the audit says what was seen, never the value
    expect(JSON.stringify(audits)).not.toContain(PHONE);

    const refused = await reveal(viewer.cookie, { type: "consent", id, field: "account" });
    const answer = JSON.parse(refused.body) as { ok: boolean; value?: string; message: string };
    expect(answer.ok).toBe(false);
    expect(answer.value).toBeUndefined();
    expect(answer.message).toContain("권한이 없습니다");
    expect(refused.body).not.toContain(ACCOUNT_DIGITS);
    expect(await db.adminAuditLog.count({ where: { action: "pii.reveal", actorEmail: viewer.email } })).toBe(0);

    // another merchant's / unknown record, a field that is not revealable, a cross-site post
    expect(
      JSON.parse(
        (await reveal(manager.cookie, { type: "consent", id: "ckzzzzzzzzzzzzzzzzzzzzzzz", field: "account" })).body,
      ),
    ).toMatchObject({ ok: false, message: "해당 정보가 없습니다." });
    expect(JSON.parse((await reveal(manager.cookie, { type: "consent", id, field: "signedData" })).body)).toMatchObject(
      { ok: false },
    );
    expect(JSON.parse((await reveal(manager.cookie, { type: "bill", id, field: "account" })).body)).toMatchObject({
      ok: false,
      message: "해당 정보가 없습니다.",
    }); // a consent id is no bill
    const crossSite = await dispatch(
      postForm(
        "/admin/consents/x",
        { type: "consent", id, field: "account" },
        { cookie: manager.cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      ),
      actionCall(revealAction as never, { prevState: {} }),
    );
    expect(crossSite.body).not.toContain(ACCOUNT_DIGITS);
  });

  it("the order detail reveals the contact the same way (no longer by ?reveal=1 in the page)", async () => {
    const merchant = await db.merchant.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    const order = await db.order.create({
      data: {
        orderNumber: `KC990102-${randomBytes(3).toString("hex").toUpperCase()}`,
        merchantId: merchant.id,
        buyerName: "박주문",
        buyerPhone: "01066665555",
        buyerEmail: "pii-buyer@example.com",
        itemSummary: "정기배송",
        totalQuantity: 1,
        totalAmount: 1000,
        taxFreeAmount: 0,
        vatAmount: 91,
      },
    });
    const manager = await staff("MANAGER");
    const page = await render(`/admin/orders/${order.id}?reveal=1`, manager.cookie, OrderDetail, { id: order.id });
    expect(page.status).toBe(200);
    expect(page.html).toContain("010-****-5555");
    expect(page.html).not.toContain("01066665555");
    expect(page.html).not.toContain("pii-buyer@example.com");
    const r = await reveal(manager.cookie, { type: "order", id: order.id, field: "contact" });
    expect(JSON.parse(r.body).value).toContain(order.buyerPhone);
    expect(
      await db.adminAuditLog.count({ where: { action: "pii.reveal", actorEmail: manager.email, targetId: order.id } }),
    ).toBe(1);
  });
});

describe("the bill detail: the billed customer's contact on file", () => {
  it("masked in the panel for every role; a manager reveals phone and account (audited), a viewer cannot", async () => {
    const manager = await staff("MANAGER");
    const viewer = await staff("VIEWER");
    const key = `C${randomUUID().slice(0, 8)}`;
    const account = sealAccountNumber("3012222333344");
    const customer = await db.billedCustomer.create({
      data: {
        merchantId: manager.merchantId,
        billerUserKey: key,
        name: "101동 1001호",
        contactName: "최청구",
        contactPhone: "01044443333",
        contactBirthDate: "19850315",
        bankName: "NH농협은행",
        bankAccountNumEnc: account.sealed,
        bankAccountLast4: account.last4,
        bankAccountName: "최청구",
      },
    });
    const bill = await db.bill.create({
      data: {
        merchantId: manager.merchantId,
        customerId: customer.id,
        billerUserKey: key,
        billedYearMonth: "202612",
        billerNoticeKey: `N-${randomUUID()}`,
        title: "12월 관리비",
        amount: 50_000,
        vatAmount: 0,
        payExpireDate: "20261231",
      },
    });
    for (const who of [manager, viewer]) {
      const html = renderToStaticMarkup(await BillConsentsPanel({ admin: who, billId: bill.id }));
      expect(html).toContain("010-****-3333");
      expect(html).toContain("****3344");
      expect(html).not.toContain("01044443333");
      expect(html).not.toContain("3012222333344");
      expect(html).not.toContain("19850315");
      expect(html.includes('data-testid="bill-customer-account-reveal"')).toBe(who === manager);
    }
    expect(JSON.parse((await reveal(manager.cookie, { type: "bill", id: bill.id, field: "account" })).body)).toEqual({
      ok: true,
      value: "3012222333344",
    });
    expect(JSON.parse((await reveal(manager.cookie, { type: "bill", id: bill.id, field: "phone" })).body)).toEqual({
      ok: true,
      value: "01044443333",
    });
    const audit = await db.adminAuditLog.findFirstOrThrow({
      where: { action: "pii.reveal", actorEmail: manager.email, targetId: bill.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.summary).toBe(`청구서 고객 ${key}의 계좌번호를 봄`);
    const refused = await reveal(viewer.cookie, { type: "bill", id: bill.id, field: "account" });
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false });
    expect(refused.body).not.toContain("3012222333344");
  });
});

describe("the data step after the SQL migrations", () => {
  const insertLegacy = async (plain: string | null, enc: string | null = null) => {
    const merchant = await db.merchant.findFirstOrThrow();
    const id = `legacy${randomBytes(8).toString("hex")}`;
    await db.$executeRawUnsafe(
      `INSERT INTO "ConsentRequest" (id, "merchantId", kind, status, "customerName", "customerPhone", "customerBirthday", title, "expireInSec", "bankName", "bankAccountNumPlaintext", "bankAccountNumEnc", "bankAccountName", "requestCorp", "bankServiceType", "receiptId", "updatedAt")
       VALUES ($1, $2, 'CMS', 'EXPIRED', '옛고객', '01000000000', '19800101', '옛 동의', 300, 'KB국민은행', $3, $4, '옛고객', '카카오 체크아웃', 'CMS', $1, now())`,
      id,
      merchant.id,
      plain,
      enc,
    );
    return id;
  };
  const row = async (id: string) =>
    (
      await db.$queryRawUnsafe<Array<{ plain: string | null; enc: string | null; last4: string | null }>>(
        `SELECT "bankAccountNumPlaintext" AS plain, "bankAccountNumEnc" AS enc, "bankAccountLast4" AS last4 FROM "ConsentRequest" WHERE id = $1`,
        id,
      )
    )[0]!;

  it("seals a plain account number left in an old row, batch-wise, and is a no-op when run again", async () => {
    const ids = [
      await insertLegacy("30212345678901"),
      await insertLegacy("30212345670002"),
      await insertLegacy("30212345670003"),
    ];
    const first = await backfillPii(inject("databaseUrl"), { batchSize: 2 });
    expect(first.sealed).toBeGreaterThanOrEqual(3);
    for (const [i, id] of ids.entries()) {
      const r = await row(id);
      expect(r.plain).toBeNull();
      expect(r.last4).toBe(["8901", "0002", "0003"][i]);
      expect(openPii(r.enc!)).toBe(["30212345678901", "30212345670002", "30212345670003"][i]);
    }
    const again = await backfillPii(inject("databaseUrl"));
    expect(again).toMatchObject({ sealed: 0, resealed: 0 });
    expect(
      await db.$queryRawUnsafe<Array<{ n: bigint }>>(
        `SELECT count(*) AS n FROM "ConsentRequest" WHERE "bankAccountNumPlaintext" IS NOT NULL`,
      ),
    ).toEqual([{ n: 0n }]);
  });

  it("without a key (production with no PII_KEYS) it refuses to run rather than leave plain values behind", async () => {
    expect(keyringFromEnv({ NODE_ENV: "production", PII_KEYS: "" })).toBeUndefined();
    const id = await insertLegacy("30299990000004");
    await expect(backfillPii(inject("databaseUrl"), { ring: null })).rejects.toThrow(/plain text: set PII_KEYS/);
    expect((await row(id)).plain).toBe("30299990000004");
    await backfillPii(inject("databaseUrl"));
    expect((await row(id)).plain).toBeNull();
  });

  it("key rotation: values under an older key that is still listed are re-sealed with the current one", async () => {
    const current = keyringFromEnv()!;
    const oldKey = `old${randomBytes(3).toString("hex")}`;
    const oldEntry = `${oldKey}:${randomBytes(32).toString("base64")}`;
    const oldRing = parseKeyring(oldEntry);
    const id = await insertLegacy(null, seal(oldRing, "55566677778888"));
    const currentSpec = [...current.keys].map(([k, v]) => `${k}:${v.toString("base64")}`).join(",");
    const rotated = parseKeyring(`${currentSpec},${oldEntry}`, current.currentId);
    // a billed customer's account (migration 0019) sealed with the old key too
    const merchant = await db.merchant.findFirstOrThrow();
    const bc = await db.billedCustomer.create({
      data: {
        merchantId: merchant.id,
        billerUserKey: `R${randomUUID().slice(0, 8)}`,
        name: "회전",
        bankAccountNumEnc: seal(oldRing, "99988877776666"),
        bankAccountLast4: "6666",
      },
    });
    const r = await backfillPii(inject("databaseUrl"), { ring: rotated });
    expect(r.resealed).toBe(2);
    expect(r.unreadable).toBe(0);
    const after = await row(id);
    expect(keyIdOf(after.enc!)).toBe(current.currentId);
    expect(open(current, after.enc!)).toBe("55566677778888");
    const bcAfter = await db.billedCustomer.findUniqueOrThrow({ where: { id: bc.id } });
    expect(open(current, bcAfter.bankAccountNumEnc!)).toBe("99988877776666");
    // a value under a key nobody lists any more is counted as unreadable (and the doctor says so)
    await insertLegacy(null, seal(parseKeyring(`gone:${randomBytes(32).toString("base64")}`), "1"));
    expect((await backfillPii(inject("databaseUrl"), { ring: rotated })).unreadable).toBe(1);
    await db.$executeRawUnsafe(`DELETE FROM "ConsentRequest" WHERE "bankAccountNumEnc" LIKE 'pii1.gone.%'`);
  });
});
