// Prisma 6.19 with the JS engine and the pg driver adapter: migrations work offline this way.
import path from "node:path";
import pg from "pg";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// prisma/orm#27403: the schema engine cannot deserialize PostgreSQL's `name` type (OID 19) through
// adapter-pg. Report such columns as `text` (OID 25); the values are plain strings either way.
const NAME_OID = 19;
const TEXT_OID = 25;
type AnyResult = { fields?: Array<{ dataTypeID: number }> } | undefined;
function patchFields(result: AnyResult | AnyResult[]) {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const f of r?.fields ?? []) if (f.dataTypeID === NAME_OID) f.dataTypeID = TEXT_OID;
  }
  return result;
}
const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown; __namePatched?: boolean };
if (!proto.__namePatched) {
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const cbIndex = args.findIndex((a) => typeof a === "function");
    if (cbIndex >= 0) {
      const cb = args[cbIndex] as (err: unknown, res: AnyResult) => void;
      args[cbIndex] = (err: unknown, res: AnyResult) => cb(err, err ? res : (patchFields(res) as AnyResult));
      return original.apply(this, args);
    }
    const out = original.apply(this, args) as unknown;
    if (out && typeof (out as Promise<unknown>).then === "function") {
      return (out as Promise<AnyResult>).then((res) => patchFields(res));
    }
    return out;
  };
  proto.__namePatched = true;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (use npm run dev / npm test, which start the database)");
    return new PrismaPg({ connectionString: url });
  },
});
