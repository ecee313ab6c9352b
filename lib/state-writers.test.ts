// One writer per state machine: a status is written only by its domain's state module. This test reads
// the source and fails on any Prisma write whose data carries `status`, or raw SQL that sets a status
// column, anywhere else (tests and the demo seed excepted).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const ALLOWED = [
  /^lib\/payments\/state\.ts$/,
  /^lib\/orders\/state\.ts$/,
  /^lib\/bills\/state[\w-]*\.ts$/,
  /^lib\/consents\/state[\w-]*\.ts$/,
];
const SKIP = [
  /\.test\.tsx?$/,
  /^lib\/generated\//,
  /^tests\//,
  /^e2e\//,
  /^sandbox\//,
  /^node_modules\//,
  /^lib\/seed\.ts$/,
  /^scripts\/lib\/seed\.ts$/,
];
const MODELS = ["payment", "order", "refund", "bill", "billPayment", "billCancellation", "consentRequest"];

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.(ts|tsx|mts)$/.test(name)) out.push(path.relative(root, p));
  }
  return out;
}

/** The text of the balanced bracket pair starting at `open` ("(" or "{"). */
function balancedAt(src: string, open: number): string {
  const [o, c] = src[open] === "{" ? ["{", "}"] : ["(", ")"];
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === o) depth++;
    else if (src[i] === c && --depth === 0) return src.slice(open, i + 1);
  }
  return src.slice(open);
}

/** The `data: {…}` / `create: {…}` / `update: {…}` objects of a Prisma call's arguments (where: is not a write). */
function writtenObjects(args: string): string[] {
  const out: string[] = [];
  for (const m of args.matchAll(/\b(data|create|update)\s*:\s*\{/g))
    out.push(balancedAt(args, m.index! + m[0].length - 1));
  // data passed as a variable or spread: look at the whole call, minus its where clauses.
  if (!out.length) out.push(args.replace(/\bwhere\s*:\s*\{[^}]*\}/g, ""));
  return out;
}

export function statusWrites(rel: string, src: string): string[] {
  const found: string[] = [];
  const call = new RegExp(
    `\\.(${MODELS.join("|")})\\.(update|updateMany|upsert|create|createMany|updateManyAndReturn)\\s*\\(`,
    "g",
  );
  for (const m of src.matchAll(call)) {
    const args = balancedAt(src, m.index! + m[0].length - 1);
    if (writtenObjects(args).some((o) => /\bstatus\s*:/.test(o)))
      found.push(`${rel}:${src.slice(0, m.index).split("\n").length} ${m[1]}.${m[2]} writes status`);
  }
  for (const m of src.matchAll(
    /\bSET\b[^;`]*?"?\bstatus"?\s*=|\bINSERT\s+INTO\s+"?(Payment|Order|Refund|Bill|BillPayment|BillCancellation|ConsentRequest)"?\s*\([^)]*"status"/gi,
  )) {
    found.push(`${rel}:${src.slice(0, m.index).split("\n").length} raw SQL writes status`);
  }
  return found;
}

describe("one writer per state machine", () => {
  it("no status is written outside lib/<domain>/state*.ts", () => {
    const offenders = files(root)
      .filter((f) => /^(lib|app|scripts)\//.test(f))
      .filter((f) => !SKIP.some((r) => r.test(f)) && !ALLOWED.some((r) => r.test(f)))
      .flatMap((f) => statusWrites(f, readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the check itself catches a status write", () => {
    expect(
      statusWrites("x.ts", `await tx.payment.updateMany({ where: { id }, data: { status: "FAILED" } })`),
    ).toHaveLength(1);
    expect(
      statusWrites("x.ts", 'await sql`UPDATE "Bill" SET "paidAmount" = 1, "status" = \'PAID\' WHERE id = 1`'),
    ).toHaveLength(1);
    expect(statusWrites("x.ts", `await tx.payment.update({ where: { id }, data: { tid } })`)).toHaveLength(0);
    expect(
      statusWrites(
        "x.ts",
        `await tx.refund.updateMany({ where: { id, status: { in: ["REQUESTED"] } }, data: { sentAt: new Date() } })`,
      ),
    ).toHaveLength(0);
    expect(
      statusWrites(
        "x.ts",
        `await tx.order.create({ data: { orderNumber, status: "PAID", items: { create: items } } })`,
      ),
    ).toHaveLength(1);
  });
});
