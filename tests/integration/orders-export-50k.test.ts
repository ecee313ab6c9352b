// The orders CSV streams: 50,000 orders (each with an item and an approved payment, inserted with SQL
// for a merchant of their own) are downloaded through the export route while the test samples this
// process's heap and RSS. The route runs in this process, so its memory is what we sample; the body is
// read chunk by chunk and only counted, never kept. Memory must stay flat (growth < 50 MB), and every
// order must be in the file once.
import { randomUUID } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-harness").then((m) => m.nextHeaders));

import { db } from "@/lib/db";
import { login } from "@/lib/admin/sessions";
import { createAdminAccount } from "@/lib/admin/staff";
import { GET as ordersExport } from "@/app/api/admin/orders/export/route";
import { dispatch, get } from "./next-harness";

const N = 50_000;
const MB = 1024 * 1024;

describe("orders CSV export of 50,000 orders", () => {
  it("streams: heap and RSS stay flat while the whole file is downloaded", async () => {
    const letters = () => String.fromCharCode(65 + Math.floor(Math.random() * 26));
    const code = `Y${letters()}${letters()}${letters()}`;
    const email = `export-${randomUUID().slice(0, 8)}@example.com`;
    const created = await createAdminAccount({
      email,
      name: "내보내기 소유자",
      role: "OWNER",
      password: "correct horse battery",
      merchantCode: code,
      merchantName: "대량 상점",
    });
    if (!created.ok) throw new Error(created.error.message);
    const merchantId = created.value.merchantId;
    const product = await db.product.findFirstOrThrow();

    const t0 = Date.now();
    // Orders over the last 60 days, every one paid with KakaoPay and one line item.
    await db.$executeRawUnsafe(
      `INSERT INTO "Order" (id, "orderNumber", "merchantId", status, "buyerName", "buyerPhone", "buyerEmail", "itemSummary", "totalQuantity", "totalAmount", "taxFreeAmount", "vatAmount", "paidAt", "createdAt", "updatedAt")
       SELECT $1 || g, $2 || lpad(g::text, 6, '0') || '-BULK' || lpad((g % 10)::text, 2, '0'), $3, 'PAID'::"OrderStatus", '대량고객' || g, '010' || lpad(g::text, 8, '0'), 'bulk' || g || '@example.com',
              '제주 유기농 녹차 티백, 대량 주문 ' || g, 1, 10000 + g, 0, 909, now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval, now()
       FROM generate_series(1, ${N}) g`,
      `bulk-${code}-o-`,
      `${code}`,
      merchantId,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "OrderItem" (id, "orderId", "productId", name, "unitPrice", quantity, "taxFree", "lineTotal")
       SELECT $1 || g, $2 || g, $3, '제주 유기농 녹차 티백', 10000 + g, 1, false, 10000 + g FROM generate_series(1, ${N}) g`,
      `bulk-${code}-i-`,
      `bulk-${code}-o-`,
      product.id,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "Payment" (id, "orderId", provider, status, tid, device, method, "totalAmount", "taxFreeAmount", "vatAmount", "cardInfo", "approvedAt", "statusAt", "createdAt", "updatedAt")
       SELECT $1 || g, $2 || g, 'KAKAOPAY'::"PaymentProvider", 'APPROVED'::"PaymentStatus", $3 || lpad(g::text, 8, '0'), 'MOBILE', 'CARD', 10000 + g, 0, 909, '{"issuer":"신한카드"}'::jsonb,
              now() - (g || ' minutes')::interval, now(), now() - (g || ' minutes')::interval, now()
       FROM generate_series(1, ${N}) g`,
      `bulk-${code}-p-`,
      `bulk-${code}-o-`,
      `T${code}BULK`,
    );
    const insertMs = Date.now() - t0;

    const s = await login({ email, password: "correct horse battery" });
    if (!s.ok) throw new Error("login failed");
    const cookie = `kc_admin=${s.value.token}`;

    // A full GC before the baseline and at every sample: heapUsed is then what the download keeps
    // alive (garbage a lazy collector has not reclaimed yet is not a leak). Peak RSS is sampled as is.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const base = process.memoryUsage();
    let maxHeap = base.heapUsed;
    let maxRss = base.rss;
    let samples = 0;
    const sample = () => {
      gc();
      samples++;
      const m = process.memoryUsage();
      maxHeap = Math.max(maxHeap, m.heapUsed);
      maxRss = Math.max(maxRss, m.rss);
    };
    const timer = setInterval(sample, 1000);

    let bytes = 0;
    let lines = 0;
    let chunks = 0;
    let firstByteMs = 0;
    const seen = { first: "", last: "" };
    const t1 = Date.now();
    // The body is consumed inside the request scope and only counted (dispatch would keep it as text).
    const out = await dispatch(get("/api/admin/orders/export", { cookie }), async (req) => {
      const res = await ordersExport(req);
      if (res.status !== 200 || !res.body) return { status: res.status, text: await res.text() };
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let tail = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (!chunks) firstByteMs = Date.now() - t1;
        chunks++;
        bytes += value.byteLength;
        const text = tail + decoder.decode(value, { stream: true });
        const parts = text.split("\n");
        tail = parts.pop()!;
        lines += parts.length;
        if (!seen.first && lines > 1) seen.first = parts[parts.length - lines + 1] ?? "";
        if (parts.length) seen.last = parts[parts.length - 1]!;
        if (chunks % 5000 === 0) sample();
      }
      return { status: res.status, contentType: res.headers.get("content-type") };
    });
    clearInterval(timer);
    sample();
    const exportMs = Date.now() - t1;
    const report = {
      orders: N,
      insertMs,
      exportMs,
      firstByteMs,
      bytes,
      chunks,
      samples,
      heapBaseMB: +(base.heapUsed / MB).toFixed(1),
      heapGrowthMB: +((maxHeap - base.heapUsed) / MB).toFixed(1),
      rssBaseMB: +(base.rss / MB).toFixed(1),
      rssGrowthMB: +((maxRss - base.rss) / MB).toFixed(1),
    };
    console.log(`orders CSV export measurement: ${JSON.stringify(report)}`);

    expect(JSON.parse(out.body)).toMatchObject({ status: 200 });
    expect(lines).toBe(N + 1); // header + one line per order
    expect(seen.first).toContain(`${code}000001-BULK01`); // newest first
    expect(seen.last).toContain(`${code}050000-BULK00`);
    expect(seen.first).toContain(`T${code}BULK00000001`);
    // Flat: the whole file is ~10 MB of text and Prisma objects for 50k orders would be far more.
    expect(maxHeap - base.heapUsed).toBeLessThan(50 * MB);
    expect(maxRss - base.rss).toBeLessThan(50 * MB);

    // The export is audited with its row count.
    const audit = await db.adminAuditLog.findFirstOrThrow({
      where: { merchantId, action: "export.orders" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.detail).toMatchObject({ rows: N, complete: true });
  }, 300_000);
});
