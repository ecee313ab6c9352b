// `npm run doctor` against the real test database: migrated by the global setup and the job engine
// installed, so the database part finds nothing; an unreachable database is said plainly.
import { describe, expect, inject, it } from "vitest";
import { runDoctor } from "../../scripts/doctor.ts";

describe("doctor: database checks on a real PostgreSQL", () => {
  it("the migrated test database with pg-boss installed: no database finding", async () => {
    const f = await runDoctor({ env: { ...process.env, DATABASE_URL: inject("databaseUrl") } });
    expect(f.filter((x) => x.area === "db")).toEqual([]);
    // the test env itself is not production-ready: demo keys and loopback URLs are problems
    expect(f.some((x) => x.level === "error" && x.key === "KAKAOPAY_SECRET_KEY")).toBe(true);
  });

  it("an unreachable database is one clear problem", async () => {
    const f = await runDoctor({ env: { ...process.env, DATABASE_URL: "postgresql://nobody:x@127.0.0.1:1/none" } });
    expect(f.filter((x) => x.area === "db")).toMatchObject([{ level: "error", key: "DATABASE_URL" }]);
    expect(f.find((x) => x.area === "db")!.ko).toContain("데이터베이스에 연결할 수 없습니다");
  });
});
