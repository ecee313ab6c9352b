import { describe, expect, it } from "vitest";
import { appEnv, DEMO_KEYS } from "../../scripts/lib/demo-env";
import { DEV_APP_SECRET } from "../env";
import {
  checkAgencyAccess,
  checkDatabase,
  checkEnvironment,
  formatFindings,
  isSandboxHost,
  type Finding,
} from "./checks";

const demoValues = Object.values(DEMO_KEYS);

/** What a merchant's production env looks like once every provider has issued its values. */
const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://kc:pw@db.internal:5432/kc",
  APP_URL: "https://shop.example.co.kr",
  APP_SECRET: "q8Yt3vZ0pX9rL2mN7bC4dF6gH1jK5sW8eR0tU3iO6pA",
  KAKAOPAY_API_BASE: "https://open-api.kakaopay.com",
  KAKAOPAY_SECRET_KEY: "PRDa1b2c3d4e5f6a7b8c9d0",
  KAKAOPAY_CID: "CT12345678",
  PAYUP_API_BASE: "https://api.payup.co.kr",
  PAYUP_MERCHANT_ID: "shopmerchant",
  PAYUP_API_CERT_KEY: "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
  DOZN_API_BASE: "https://bill.dozn.co.kr",
  DOZN_BILLER_CODE: "SHOPBILL01",
  DOZN_API_KEY: "issued-by-kakaopay-0123456789",
  DOZN_AGENCY_IPS: "211.45.10.20,211.45.10.21",
  TRUSTED_PROXY_IPS: "10.0.0.2",
  LINKHUB_LINK_ID: "SHOPLINK",
  LINKHUB_SECRET_KEY: "b3JpZ2luYWwtc2VjcmV0LWtleS1mb3Itc2hvcA==",
  BAROCERT_CLIENT_CODE: "023090000123",
  KAKAOCERT_CLIENT_CODE: "020090000123",
  BAROCERT_RESULT_KEY: "c2hvcC1yZXN1bHQta2V5LTMyLWJ5dGVzLWxvbmctISE=",
  BAROCERT_RESULT_IV: "c2hvcC1yZXN1bHQtaXYxMg==",
  PII_KEYS: "k2:q1JmC2Zx3bUu0T5XvYk9WcN8eLrP4aHsD7fGiO6jQ1E=,k1:Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGw=",
  PII_KEY_ID: "k2",
};

const errors = (f: Finding[]) => f.filter((x) => x.level === "error");
const keysOf = (f: Finding[]) => [...new Set(errors(f).map((x) => x.key))].sort();

describe("checkEnvironment", () => {
  it("a complete production env has no problem (only reminders to confirm)", () => {
    const f = checkEnvironment({ env: production, demoValues, devAppSecret: DEV_APP_SECRET });
    expect(errors(f)).toEqual([]);
    expect(f.map((x) => x.key)).toContain("TRUSTED_PROXY_IPS"); // "the proxy must overwrite X-Forwarded-For"
  });

  it("the dev / test env (demo keys, sandbox URLs, http) fails on every provider, in Korean and English", () => {
    const dev = {
      ...appEnv({
        databaseUrl: "postgresql://x@127.0.0.1/kc",
        sandboxUrl: "http://127.0.0.1:4010",
        appUrl: "http://127.0.0.1:3000",
        appSecret: DEV_APP_SECRET,
      }),
      NODE_ENV: "development",
    };
    const f = checkEnvironment({ env: dev, demoValues, devAppSecret: DEV_APP_SECRET });
    expect(keysOf(f)).toEqual(
      [
        "APP_SECRET",
        "APP_URL",
        "SHOW_DEMO_LOGIN",
        "PII_KEYS",
        "KAKAOPAY_API_BASE",
        "KAKAOPAY_SECRET_KEY",
        "KAKAOPAY_CID",
        "PAYUP_API_BASE",
        "PAYUP_MERCHANT_ID",
        "PAYUP_API_CERT_KEY",
        "KCP_SCRIPT_URL",
        "DOZN_API_BASE",
        "DOZN_BILLER_CODE",
        "DOZN_API_KEY",
        "DOZN_AGENCY_IPS",
        "BILLER_HOST",
        "LINKHUB_LINK_ID",
        "LINKHUB_SECRET_KEY",
        "BAROCERT_CLIENT_CODE",
        "KAKAOCERT_CLIENT_CODE",
        "BAROCERT_RESULT_KEY",
        "BAROCERT_RESULT_IV",
        "BAROCERT_SERVICE_URL",
        "BAROCERT_AUTH_URL",
        "KAKAOCERT_SERVICE_URL",
        "KAKAOCERT_AUTH_URL",
        "KAKAOCERT_APP_LAUNCH_URL",
      ].sort(),
    );
    for (const x of f) {
      expect(x.ko).toMatch(/[가-힣]/);
      expect(x.en).toMatch(/[a-z]/);
    }
    expect(f.find((x) => x.key === "KAKAOPAY_CID")!.en).toContain("TC0ONETIME");
    const text = formatFindings(f);
    expect(text).toContain("✗ 문제 / problem  [kakaopay] KAKAOPAY_SECRET_KEY");
  });

  it("URLs: https only; the providers' published test hosts, private addresses and sandbox names are refused", () => {
    const bad = (over: Record<string, string>) =>
      keysOf(checkEnvironment({ env: { ...production, ...over }, demoValues, devAppSecret: DEV_APP_SECRET }));
    expect(bad({ PAYUP_API_BASE: "https://api.testpayup.co.kr" })).toEqual(["PAYUP_API_BASE"]); // seed 002 dev host
    expect(bad({ DOZN_API_BASE: "https://test-bill.dozn.co.kr" })).toEqual(["DOZN_API_BASE"]); // seed 003 DEV host
    expect(bad({ KAKAOPAY_API_BASE: "http://open-api.kakaopay.com" })).toEqual(["KAKAOPAY_API_BASE"]);
    expect(bad({ BAROCERT_SERVICE_URL: "https://sandbox.example.com" })).toEqual(["BAROCERT_SERVICE_URL"]);
    expect(bad({ DOZN_API_BASE: "" })).toEqual(["DOZN_API_BASE"]);
    expect(bad({ APP_URL: "http://shop.example.co.kr" })).toEqual(["APP_URL"]);
    expect(bad({ APP_SECRET: "short" })).toEqual(["APP_SECRET"]);
    expect(bad({ APP_SECRET: "a".repeat(40) })).toEqual(["APP_SECRET"]);
    expect(bad({ KAKAOPAY_CID: "CT1234567" })).toEqual(["KAKAOPAY_CID"]);
    // personal data keys: required, well-formed, not a dev / test key
    expect(bad({ PII_KEYS: "" })).toEqual(["PII_KEYS"]);
    expect(bad({ PII_KEYS: "k1:c2hvcnQ=" })).toEqual(["PII_KEYS"]);
    expect(bad({ PII_KEY_ID: "k9" })).toEqual(["PII_KEYS"]);
    expect(bad({ PII_KEYS: "devonly:rgwzOX5dTA8m3iPeLaa9vrj2QggEGwc2Awo/tLtxtRU=", PII_KEY_ID: "" })).toEqual([
      "PII_KEYS",
    ]);
    expect(isSandboxHost("10.1.2.3")).toBe(true);
    expect(isSandboxHost("open-api.kakaopay.com")).toBe(false);
  });
});

describe("checkAgencyAccess (seed 003 §1.3 and lib/providers/dozn/auth.ts)", () => {
  const base = { DOZN_AGENCY_IPS: "211.45.10.20", TRUSTED_PROXY_IPS: "10.0.0.2" };
  it("the allow-list is required, holds public IPs only and none of our proxies", () => {
    expect(keysOf(checkAgencyAccess({ ...base, DOZN_AGENCY_IPS: "" }))).toEqual(["DOZN_AGENCY_IPS"]);
    expect(keysOf(checkAgencyAccess({ ...base, DOZN_AGENCY_IPS: "127.0.0.1" }))).toEqual(["DOZN_AGENCY_IPS"]);
    expect(keysOf(checkAgencyAccess({ ...base, DOZN_AGENCY_IPS: "211.45.10.0/24" }))).toEqual(["DOZN_AGENCY_IPS"]);
    expect(keysOf(checkAgencyAccess({ DOZN_AGENCY_IPS: "211.45.10.20", TRUSTED_PROXY_IPS: "211.45.10.20" }))).toEqual([
      "DOZN_AGENCY_IPS",
    ]);
    expect(errors(checkAgencyAccess(base))).toEqual([]);
  });
  it("without a proxy: the Next routes refuse the agency (said), and a loopback-only biller API cannot be reached (problem)", () => {
    const f = checkAgencyAccess({ DOZN_AGENCY_IPS: "211.45.10.20" });
    expect(keysOf(f)).toEqual(["BILLER_HOST"]);
    expect(f.find((x) => x.key === "TRUSTED_PROXY_IPS")!.en).toContain("standalone biller API");
    expect(errors(checkAgencyAccess({ DOZN_AGENCY_IPS: "211.45.10.20", BILLER_HOST: "0.0.0.0" }))).toEqual([]);
  });
  it("a credential is optional; when set it must be strong and not the demo value, and the format must hold {credential}", () => {
    expect(
      keysOf(checkAgencyAccess({ ...base, DOZN_AGENCY_CREDENTIAL: DEMO_KEYS.doznAgencyCredential }, demoValues)),
    ).toEqual(["DOZN_AGENCY_CREDENTIAL"]);
    expect(keysOf(checkAgencyAccess({ ...base, DOZN_AGENCY_CREDENTIAL: "short" }))).toEqual(["DOZN_AGENCY_CREDENTIAL"]);
    expect(
      keysOf(
        checkAgencyAccess({
          ...base,
          DOZN_AGENCY_CREDENTIAL: "long-enough-credential-1",
          DOZN_AGENCY_CREDENTIAL_FORMAT: "Bearer",
        }),
      ),
    ).toEqual(["DOZN_AGENCY_CREDENTIAL_FORMAT"]);
  });
});

describe("checkDatabase", () => {
  const migrations = ["0001_init", "0002_payment_statuses"];
  const db =
    (tables: { migrations?: Array<Record<string, unknown>>; queues?: string[] | null; down?: boolean }) =>
    async (sql: string) => {
      if (tables.down) throw new Error("ECONNREFUSED");
      if (sql.includes("_prisma_migrations")) {
        if (!tables.migrations) throw new Error('relation "_prisma_migrations" does not exist');
        return tables.migrations;
      }
      if (sql.includes(".queue")) {
        if (!tables.queues) throw new Error('relation "pgboss.queue" does not exist');
        return tables.queues.map((name) => ({ name }));
      }
      return [{ "?column?": 1 }];
    };
  const applied = (name: string) => ({ migration_name: name, finished_at: new Date(), rolled_back_at: null });

  it("migrated and the job engine installed: nothing to say", async () => {
    expect(
      await checkDatabase(db({ migrations: migrations.map(applied), queues: ["a", "b"] }), migrations, "pgboss", [
        "a",
        "b",
      ]),
    ).toEqual([]);
  });
  it("unreachable, not migrated, a missing or failed migration, no pg-boss schema, a missing queue", async () => {
    expect(keysOf(await checkDatabase(db({ down: true }), migrations, "pgboss", []))).toEqual(["DATABASE_URL"]);
    expect(keysOf(await checkDatabase(db({}), migrations, "pgboss", []))).toEqual(["migrations"]);
    const partial = await checkDatabase(
      db({
        migrations: [
          applied("0001_init"),
          { migration_name: "0002_payment_statuses", finished_at: null, rolled_back_at: null },
        ],
        queues: [],
      }),
      migrations,
      "pgboss",
      [],
    );
    expect(errors(partial).map((x) => x.en)).toEqual([
      "Migration 0002_payment_statuses failed and is still recorded.",
      "Migrations not applied: 0002_payment_statuses — run npx prisma migrate deploy.",
    ]);
    expect(
      keysOf(
        await checkDatabase(db({ migrations: migrations.map(applied), queues: null }), migrations, "pgboss", ["a"]),
      ),
    ).toEqual(["jobs"]);
    const q = await checkDatabase(db({ migrations: migrations.map(applied), queues: ["a"] }), migrations, "pgboss", [
      "a",
      "bill.settle",
    ]);
    expect(q[0]!.en).toContain("bill.settle");
  });
  it("account numbers: plain ones left, or sealed with a key not in PII_KEYS, are problems; an older listed key is a reminder", async () => {
    const names = ["0001_init", "0016_pii_encrypted_accounts"];
    const q = async (sql: string) => {
      if (sql.includes("_prisma_migrations")) return names.map(applied);
      if (sql.includes(".queue")) return [];
      if (sql.includes("bankAccountNumPlaintext")) return [{ n: 2 }];
      if (sql.includes("split_part") && sql.includes('"ConsentRequest"'))
        return [
          { key_id: "k2", n: 5 },
          { key_id: "k1", n: 2 },
        ];
      if (sql.includes("split_part") && sql.includes('"BilledCustomer"'))
        return [
          { key_id: "k1", n: 1 },
          { key_id: "k0", n: 1 },
        ];
      return [{ "?column?": 1 }];
    };
    const f = await checkDatabase(q, names, "pgboss", [], { keyIds: ["k2", "k1"], currentId: "k2" });
    expect(errors(f).map((x) => x.en)).toEqual([
      "2 account number(s) are still stored in plain text: run npm run db:migrate with the production env to encrypt them.",
      "1 account number(s) are sealed with key k0, which is not in PII_KEYS: they cannot be read. Put that key back into PII_KEYS.",
    ]);
    expect(f.filter((x) => x.level === "warn").map((x) => x.en)).toEqual([
      "3 account number(s) are sealed with the older key k1: run npm run db:migrate to re-seal them with k2 before removing it.",
    ]);
  });
});
