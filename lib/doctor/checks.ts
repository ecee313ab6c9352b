// The go-live check (`npm run doctor`, scripts/doctor.ts): what a production environment must have
// before `npm start`, each problem said in plain Korean and English. Pure functions over an env
// record (unit-tested); the database part takes a query function.
import { isIP } from "node:net";
import { parseKeyring } from "../security/pii-crypto";

export type Finding = { level: "error" | "warn"; area: string; key: string; ko: string; en: string };

type Env = Record<string, string | undefined>;

const get = (e: Env, k: string) => (e[k] ?? "").trim();
const list = (e: Env, k: string) =>
  get(e, k)
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Hosts that are never a real provider: loopback, private and link-local addresses, *.local /
 * *.internal / localhost names, anything named "sandbox", and the providers' published test hosts
 * (seed 002 §2: api.testpayup.co.kr; seed 003 §2.1.2: test-bill.dozn.co.kr).
 */
export const TEST_HOSTS = ["api.testpayup.co.kr", "test-bill.dozn.co.kr"];

export function isPrivateAddress(ip: string): boolean {
  const a = ip.replace(/^::ffff:/i, "").replace(/^\[|\]$/g, "");
  if (isIP(a) === 4) {
    const [x, y] = a.split(".").map(Number) as [number, number];
    return (
      x === 127 ||
      x === 10 ||
      x === 0 ||
      (x === 172 && y >= 16 && y <= 31) ||
      (x === 192 && y === 168) ||
      (x === 169 && y === 254) ||
      (x === 100 && y >= 64 && y <= 127)
    );
  }
  if (isIP(a) === 6) {
    const l = a.toLowerCase();
    return l === "::1" || l === "::" || l.startsWith("fc") || l.startsWith("fd") || l.startsWith("fe80");
  }
  return false;
}

export function isSandboxHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  if (isIP(h)) return isPrivateAddress(h);
  return (
    h === "localhost" ||
    h.endsWith(".localhost") ||
    h.endsWith(".local") ||
    h.endsWith(".internal") ||
    h.includes("sandbox") ||
    TEST_HOSTS.includes(h) ||
    !h.includes(".")
  );
}

/** Adds the findings of one area to a list: `r.error(key, ko, en)` or `r.warn(key, ko, en)`. */
type Reporter = ReturnType<typeof reporter>;
function reporter(out: Finding[], area: string) {
  const add = (level: Finding["level"]) => (key: string, ko: string, en: string) => {
    out.push({ level, area, key, ko, en });
  };
  return { error: add("error"), warn: add("warn") };
}

/** A provider base URL: must be https and not a sandbox / test host. Empty = `emptyMeans` (null: required). */
function checkUrl(r: Reporter, e: Env, key: string, emptyMeans: "required" | "sdk-default"): void {
  const v = get(e, key);
  if (!v) {
    if (emptyMeans === "required")
      r.error(
        key,
        `${key}가 비어 있습니다. 운영 주소를 넣어 주세요.`,
        `${key} is empty: set the provider's production URL.`,
      );
    return;
  }
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    r.error(key, `${key}가 올바른 URL이 아닙니다.`, `${key} is not a valid URL.`);
    return;
  }
  if (u.protocol !== "https:")
    r.error(key, `${key}는 https 주소여야 합니다. (지금: ${u.protocol})`, `${key} must be https (now ${u.protocol}).`);
  if (isSandboxHost(u.hostname))
    r.error(
      key,
      `${key}가 샌드박스·테스트 주소(${u.hostname})를 가리킵니다.`,
      `${key} points at a sandbox / test host (${u.hostname}).`,
    );
}

/** Issued credentials, each `[key, what it is in Korean, in English]`: set, and not a sandbox demo value. */
function checkSecrets(r: Reporter, e: Env, demoValues: readonly string[], secrets: Array<[string, string, string]>) {
  for (const [key, ko, en] of secrets) {
    const v = get(e, key);
    if (!v) r.error(key, `${key}(${ko})가 비어 있습니다.`, `${key} (${en}) is empty.`);
    else if (demoValues.includes(v))
      r.error(
        key,
        `${key}가 개발용 데모 값입니다. 발급받은 운영 값을 넣어 주세요.`,
        `${key} is the dev demo value: set the production value you were issued.`,
      );
  }
}

export type DoctorInput = {
  env: Env;
  /** Values that only the local sandbox accepts (scripts/lib/demo-env.ts DEMO_KEYS). */
  demoValues: readonly string[];
  /** The dev-only APP_SECRET (lib/env.ts DEV_APP_SECRET). */
  devAppSecret: string;
};

export function checkEnvironment({ env: e, demoValues, devAppSecret }: DoctorInput): Finding[] {
  const out: Finding[] = [];
  const app = reporter(out, "app");
  const [kakaopay, payup, dozn, linkhub] = [
    reporter(out, "kakaopay"),
    reporter(out, "payup"),
    reporter(out, "dozn"),
    reporter(out, "linkhub"),
  ];

  // ---- the app
  if (get(e, "NODE_ENV") !== "production")
    app.warn("NODE_ENV", "NODE_ENV가 production이 아닙니다.", "NODE_ENV is not production.");
  const appUrl = get(e, "APP_URL");
  if (!appUrl)
    app.error(
      "APP_URL",
      "APP_URL(고객이 접속하는 주소)이 비어 있습니다.",
      "APP_URL (the address customers use) is empty.",
    );
  else {
    let u: URL | undefined;
    try {
      u = new URL(appUrl);
    } catch {
      app.error("APP_URL", "APP_URL이 올바른 URL이 아닙니다.", "APP_URL is not a valid URL.");
    }
    if (u && u.protocol !== "https:")
      app.error(
        "APP_URL",
        "APP_URL은 https여야 합니다. 결제사 복귀 주소와 쿠키 보안이 여기에 달려 있습니다.",
        "APP_URL must be https: provider return URLs and secure cookies depend on it.",
      );
    if (u && isSandboxHost(u.hostname))
      app.error(
        "APP_URL",
        `APP_URL이 외부에서 접속할 수 없는 주소(${u.hostname})입니다.`,
        `APP_URL (${u.hostname}) is not reachable from outside.`,
      );
  }
  const secret = get(e, "APP_SECRET");
  if (!secret || secret === devAppSecret || secret.startsWith("dev-only"))
    app.error(
      "APP_SECRET",
      "APP_SECRET이 없거나 개발용 값입니다. 32자 이상 무작위 값을 넣어 주세요. (예: openssl rand -base64 48)",
      "APP_SECRET is missing or the dev value: set 32+ random characters (e.g. openssl rand -base64 48).",
    );
  else if (secret.length < 32 || new Set(secret).size < 12)
    app.error(
      "APP_SECRET",
      "APP_SECRET이 약합니다. 32자 이상, 다양한 문자의 무작위 값이어야 합니다.",
      "APP_SECRET is weak: it must be 32+ random, varied characters.",
    );
  else if (demoValues.includes(secret))
    app.error("APP_SECRET", "APP_SECRET이 데모 값입니다.", "APP_SECRET is a demo value.");
  if (get(e, "SHOW_DEMO_LOGIN") === "1")
    app.error(
      "SHOW_DEMO_LOGIN",
      "SHOW_DEMO_LOGIN=1은 개발용입니다. 로그인 화면에 데모 계정이 보입니다.",
      "SHOW_DEMO_LOGIN=1 is for dev: the login page shows the demo account.",
    );
  if (!get(e, "DATABASE_URL")) app.error("DATABASE_URL", "DATABASE_URL이 비어 있습니다.", "DATABASE_URL is empty.");

  // ---- KakaoPay online (seed 004)
  checkUrl(
    kakaopay,
    { KAKAOPAY_API_BASE: get(e, "KAKAOPAY_API_BASE") || "https://open-api.kakaopay.com" },
    "KAKAOPAY_API_BASE",
    "required",
  );
  checkSecrets(kakaopay, e, demoValues, [["KAKAOPAY_SECRET_KEY", "카카오페이 Secret key", "KakaoPay secret key"]]);
  const cid = get(e, "KAKAOPAY_CID");
  if (!cid)
    kakaopay.error(
      "KAKAOPAY_CID",
      "KAKAOPAY_CID(가맹점 코드)가 비어 있습니다.",
      "KAKAOPAY_CID (merchant cid) is empty.",
    );
  else if (cid.length !== 10)
    kakaopay.error("KAKAOPAY_CID", "KAKAOPAY_CID는 10자여야 합니다.", "KAKAOPAY_CID must be 10 characters.");
  else if (demoValues.includes(cid))
    kakaopay.error(
      "KAKAOPAY_CID",
      `KAKAOPAY_CID가 테스트 가맹점 코드(${cid})입니다. 실결제가 되지 않습니다.`,
      `KAKAOPAY_CID is the test cid (${cid}): no real payment happens.`,
    );

  // ---- PayUp / KCP (seed 002)
  checkUrl(
    payup,
    { PAYUP_API_BASE: get(e, "PAYUP_API_BASE") || "https://api.payup.co.kr" },
    "PAYUP_API_BASE",
    "required",
  );
  checkSecrets(payup, e, demoValues, [
    ["PAYUP_MERCHANT_ID", "PayUp 가맹점 ID", "PayUp merchant id"],
    ["PAYUP_API_CERT_KEY", "PayUp apiCertKey", "PayUp apiCertKey"],
  ]);
  checkUrl(payup, e, "KCP_SCRIPT_URL", "sdk-default");

  // ---- Dozn agency (seed 003)
  checkUrl(dozn, e, "DOZN_API_BASE", "required");
  checkSecrets(dozn, e, demoValues, [
    ["DOZN_BILLER_CODE", "카카오페이 빌러 코드", "KakaoPay biller code"],
    ["DOZN_API_KEY", "에이전시 API 키(Authorization)", "agency API key (Authorization)"],
  ]);
  out.push(...checkAgencyAccess(e, demoValues));

  // ---- Linkhub: Barocert (seed 000) and KakaoCert (seed 001)
  checkSecrets(linkhub, e, demoValues, [
    ["LINKHUB_LINK_ID", "링크허브 LinkID", "Linkhub LinkID"],
    ["LINKHUB_SECRET_KEY", "링크허브 SecretKey", "Linkhub secret key"],
    ["BAROCERT_CLIENT_CODE", "바로써트 이용기관 코드", "Barocert client code"],
    ["KAKAOCERT_CLIENT_CODE", "카카오써트 이용기관 코드", "KakaoCert client code"],
    ["BAROCERT_RESULT_KEY", "결과 복호화 키", "result decryption key"],
    ["BAROCERT_RESULT_IV", "결과 복호화 IV", "result decryption IV"],
  ]);
  for (const k of [
    "BAROCERT_SERVICE_URL",
    "BAROCERT_AUTH_URL",
    "KAKAOCERT_SERVICE_URL",
    "KAKAOCERT_AUTH_URL",
    "KAKAOCERT_APP_LAUNCH_URL",
  ])
    checkUrl(linkhub, e, k, "sdk-default");

  out.push(...checkPiiKeys(e));
  return out;
}

/** Key ids that only dev and tests use (lib/env.ts DEV_PII_KEYS, scripts/lib/demo-env.ts demoPiiKeys). */
const DEV_PII_KEY_IDS = ["devonly", "demo"];

/** PII_KEYS / PII_KEY_ID: the keys that seal account numbers at rest (lib/security/pii.ts). */
export function checkPiiKeys(e: Env): Finding[] {
  const out: Finding[] = [];
  const app = reporter(out, "app");
  const spec = get(e, "PII_KEYS");
  if (!spec) {
    app.error(
      "PII_KEYS",
      "PII_KEYS(개인정보 암호화 키)가 비어 있습니다. k1:<32바이트 무작위 값의 base64> 형식으로 넣어 주세요. (예: k1:$(openssl rand -base64 32))",
      "PII_KEYS (personal data encryption keys) is empty: set k1:<base64 of 32 random bytes> (e.g. k1:$(openssl rand -base64 32)).",
    );
    return out;
  }
  let ids: string[];
  try {
    ids = [...parseKeyring(spec, get(e, "PII_KEY_ID") || undefined).keys.keys()];
  } catch (x) {
    app.error(
      "PII_KEYS",
      `PII_KEYS/PII_KEY_ID가 올바르지 않습니다: ${(x as Error).message}`,
      `PII_KEYS / PII_KEY_ID is invalid: ${(x as Error).message}`,
    );
    return out;
  }
  const dev = ids.filter((id) => DEV_PII_KEY_IDS.includes(id));
  if (dev.length)
    app.error(
      "PII_KEYS",
      `PII_KEYS에 개발·테스트용 키(${dev.join(", ")})가 있습니다. 운영용 무작위 키를 새로 만들어 주세요.`,
      `PII_KEYS holds a dev / test key (${dev.join(", ")}): generate a random production key.`,
    );
  app.warn(
    "PII_KEYS",
    "PII_KEYS는 저장된 계좌번호를 읽는 유일한 열쇠입니다. 비밀 저장소에 보관하고(잃으면 복구 불가), 교체할 때는 새 키를 앞에 추가하고 PII_KEY_ID를 바꾼 뒤 npm run db:migrate 로 다시 암호화하고, 옛 키는 그 뒤에 지우세요.",
    "PII_KEYS is the only way to read stored account numbers: keep it in a secret store (lost keys cannot be recovered). To rotate, add the new key, point PII_KEY_ID at it, run npm run db:migrate to re-seal, and only then remove the old key.",
  );
  return out;
}

/** Seed 003 §1.3 + lib/providers/dozn/auth.ts: who may call /kakao/*, and can the agency reach us. */
export function checkAgencyAccess(e: Env, demoValues: readonly string[] = []): Finding[] {
  const out: Finding[] = [];
  const dozn = reporter(out, "dozn");
  const ips = list(e, "DOZN_AGENCY_IPS");
  const proxies = list(e, "TRUSTED_PROXY_IPS");
  const credential = get(e, "DOZN_AGENCY_CREDENTIAL");
  if (ips.length === 0) {
    dozn.error(
      "DOZN_AGENCY_IPS",
      "DOZN_AGENCY_IPS(에이전시가 호출하는 IP)가 비어 있어 청구서 조회·납부 요청이 모두 거절됩니다. 더즌에서 받은 IP를 넣어 주세요.",
      "DOZN_AGENCY_IPS (the agency's calling IPs) is empty, so every bill inquiry / payment call is refused: enter the IPs Dozn gave you.",
    );
  }
  for (const ip of ips) {
    if (!isIP(ip.replace(/^::ffff:/i, "")))
      dozn.error(
        "DOZN_AGENCY_IPS",
        `DOZN_AGENCY_IPS의 "${ip}"는 IP 주소가 아닙니다. (대역·호스트명은 쓸 수 없습니다)`,
        `"${ip}" in DOZN_AGENCY_IPS is not an IP address (ranges and host names are not supported).`,
      );
    else if (isPrivateAddress(ip))
      dozn.error(
        "DOZN_AGENCY_IPS",
        `DOZN_AGENCY_IPS의 ${ip}는 내부·루프백 주소입니다. 같은 망의 누구나 에이전시로 인정됩니다.`,
        `${ip} in DOZN_AGENCY_IPS is a private / loopback address: anything on that network would count as the agency.`,
      );
    if (proxies.includes(ip))
      dozn.error(
        "DOZN_AGENCY_IPS",
        `${ip}가 TRUSTED_PROXY_IPS에도 있습니다. 프록시를 지나온 모든 요청이 에이전시로 인정됩니다.`,
        `${ip} is also in TRUSTED_PROXY_IPS: every request through that proxy would count as the agency.`,
      );
  }
  for (const p of proxies)
    if (!isIP(p.replace(/^::ffff:/i, "")))
      dozn.error(
        "TRUSTED_PROXY_IPS",
        `TRUSTED_PROXY_IPS의 "${p}"는 IP 주소가 아닙니다.`,
        `"${p}" in TRUSTED_PROXY_IPS is not an IP address.`,
      );
  if (credential) {
    if (demoValues.includes(credential))
      dozn.error(
        "DOZN_AGENCY_CREDENTIAL",
        "DOZN_AGENCY_CREDENTIAL이 데모 값입니다.",
        "DOZN_AGENCY_CREDENTIAL is a demo value.",
      );
    else if (credential.length < 16)
      dozn.error(
        "DOZN_AGENCY_CREDENTIAL",
        "DOZN_AGENCY_CREDENTIAL이 너무 짧습니다. (16자 이상)",
        "DOZN_AGENCY_CREDENTIAL is too short (16+ characters).",
      );
    dozn.warn(
      "DOZN_AGENCY_CREDENTIAL",
      "에이전시 인증값이 설정되어 있어 이 값을 보내지 않는 호출은 거절됩니다. 더즌과 헤더 이름·형식(DOZN_AGENCY_CREDENTIAL_HEADER/_FORMAT)을 합의했는지 확인하세요. 연동 규격(seed 003)에는 없는 값입니다.",
      "An agency credential is set, so calls without it are refused: make sure Dozn agreed to send it, in this header and format (DOZN_AGENCY_CREDENTIAL_HEADER/_FORMAT) — the spec (seed 003) has none.",
    );
  }
  const format = get(e, "DOZN_AGENCY_CREDENTIAL_FORMAT");
  if (format && !format.includes("{credential}"))
    dozn.error(
      "DOZN_AGENCY_CREDENTIAL_FORMAT",
      "DOZN_AGENCY_CREDENTIAL_FORMAT에 {credential}이 없습니다.",
      "DOZN_AGENCY_CREDENTIAL_FORMAT lacks {credential}.",
    );

  // Where the agency's calls land (seed §2.1.2: https://{biller domain}:443 → our proxy or the biller API).
  const billerHost = get(e, "BILLER_HOST") || "127.0.0.1";
  const loopbackOnly = billerHost === "127.0.0.1" || billerHost === "::1" || billerHost === "localhost";
  if (proxies.length === 0) {
    if (!credential) {
      dozn.warn(
        "TRUSTED_PROXY_IPS",
        "TRUSTED_PROXY_IPS와 인증값이 없으므로 앱(Next)의 /kakao/* 는 에이전시 호출을 모두 거절합니다. 에이전시는 독립 빌러 API(npm run biller)를 호출해야 합니다.",
        "With neither TRUSTED_PROXY_IPS nor a credential, the app's (Next) /kakao/* refuse every agency call: the agency must call the standalone biller API (npm run biller).",
      );
    }
    if (loopbackOnly) {
      dozn.error(
        "BILLER_HOST",
        `빌러 API가 ${billerHost}에서만 받고 신뢰하는 프록시가 없습니다. 에이전시가 닿을 수 없거나, 앞단 프록시를 거치면 모든 호출이 프록시 주소로 보여 거절됩니다. 프록시 주소를 TRUSTED_PROXY_IPS에 넣거나 BILLER_HOST를 외부 주소로 바꾸세요.`,
        `The biller API listens on ${billerHost} only and no proxy is trusted: the agency cannot reach it, or through a proxy every call shows the proxy's address and is refused. List the proxy in TRUSTED_PROXY_IPS or bind BILLER_HOST to an outside address.`,
      );
    } else {
      dozn.warn(
        "BILLER_HOST",
        "빌러 API가 직접 외부에 열려 있습니다. 연동 규격은 https를 요구하므로 TLS를 종료하는 프록시를 앞에 두는 것을 권장합니다.",
        "The biller API is exposed directly: the spec requires https, so put a TLS-terminating proxy in front (and list it in TRUSTED_PROXY_IPS).",
      );
    }
  } else {
    dozn.warn(
      "TRUSTED_PROXY_IPS",
      "TRUSTED_PROXY_IPS의 프록시는 X-Forwarded-For를 덮어쓰거나 끝에 붙여야 하며, 앱·빌러 API 포트는 그 프록시를 통해서만 닿아야 합니다. (직접 닿으면 누구나 에이전시 IP를 사칭할 수 있습니다)",
      "The proxies in TRUSTED_PROXY_IPS must overwrite or append X-Forwarded-For, and the app and biller API ports must be reachable only through them (otherwise anyone can claim the agency's IP).",
    );
  }
  return out;
}

/** Database: reachable, every checked-in migration applied (none failed), the job engine installed. */
export async function checkDatabase(
  query: (sql: string) => Promise<Array<Record<string, unknown>>>,
  migrationNames: readonly string[],
  bossSchema: string,
  queueNames: readonly string[],
  /** The configured PII keys: account numbers left in plain text or sealed with a key not listed are problems. */
  pii?: { keyIds: readonly string[]; currentId: string },
): Promise<Finding[]> {
  const out: Finding[] = [];
  const db = reporter(out, "db");
  let rows: Array<Record<string, unknown>>;
  try {
    await query("SELECT 1");
  } catch (e) {
    db.error(
      "DATABASE_URL",
      `데이터베이스에 연결할 수 없습니다: ${(e as Error).message}`,
      `Cannot connect to the database: ${(e as Error).message}`,
    );
    return out;
  }
  try {
    rows = await query(`SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`);
  } catch {
    db.error(
      "migrations",
      "마이그레이션이 적용되지 않았습니다. npx prisma migrate deploy 를 실행하세요.",
      "No migrations applied: run npx prisma migrate deploy.",
    );
    return out;
  }
  const done = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => String(r.migration_name)));
  const failed = rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => String(r.migration_name));
  for (const f of failed)
    db.error(
      "migrations",
      `마이그레이션 ${f}가 실패한 채 남아 있습니다.`,
      `Migration ${f} failed and is still recorded.`,
    );
  const missing = migrationNames.filter((m) => !done.has(m));
  if (missing.length)
    db.error(
      "migrations",
      `적용되지 않은 마이그레이션: ${missing.join(", ")} — npx prisma migrate deploy 를 실행하세요.`,
      `Migrations not applied: ${missing.join(", ")} — run npx prisma migrate deploy.`,
    );
  try {
    const q = await query(`SELECT name FROM "${bossSchema.replace(/"/g, "")}".queue`);
    const have = new Set(q.map((r) => String(r.name)));
    const absent = queueNames.filter((n) => !have.has(n));
    if (absent.length)
      db.error(
        "jobs",
        `작업 큐가 없습니다: ${absent.join(", ")} — 워커(npm run worker)를 한 번 시작하세요.`,
        `Job queues missing: ${absent.join(", ")} — start a worker (npm run worker) once.`,
      );
  } catch {
    db.error(
      "jobs",
      `작업 엔진 스키마(${bossSchema})가 없습니다. 앱보다 먼저 워커(npm run worker)를 한 번 시작하세요.`,
      `The job engine schema (${bossSchema}) is missing: start a worker (npm run worker) once before the app.`,
    );
  }
  if (pii && done.has("0016_pii_encrypted_accounts")) out.push(...(await checkSealedAccounts(query, pii)));
  return out;
}

/** Migration 0016's data step ran (no plain account numbers) and every sealed value has its key in PII_KEYS. */
async function checkSealedAccounts(
  query: (sql: string) => Promise<Array<Record<string, unknown>>>,
  pii: { keyIds: readonly string[]; currentId: string },
): Promise<Finding[]> {
  const out: Finding[] = [];
  const db = reporter(out, "db");
  try {
    const [plain] = await query(
      `SELECT count(*)::int AS n FROM "ConsentRequest" WHERE "bankAccountNumPlaintext" IS NOT NULL`,
    );
    const n = Number(plain?.n ?? 0) || 0;
    if (n > 0)
      db.error(
        "PII_KEYS",
        `계좌번호 ${n}건이 아직 평문으로 저장되어 있습니다. 운영 환경 변수로 npm run db:migrate 를 실행해 암호화하세요.`,
        `${n} account number(s) are still stored in plain text: run npm run db:migrate with the production env to encrypt them.`,
      );
  } catch {
    /* the plain column was dropped by a later migration */
  }
  const byKey: Array<Record<string, unknown>> = [];
  for (const table of ["ConsentRequest", "BilledCustomer"]) {
    try {
      byKey.push(
        ...(await query(
          `SELECT split_part("bankAccountNumEnc", '.', 2) AS key_id, count(*)::int AS n FROM "${table}" WHERE "bankAccountNumEnc" IS NOT NULL GROUP BY 1`,
        )),
      );
    } catch {
      /* a table or column this database does not have yet */
    }
  }
  const merged = new Map<string, number>();
  for (const r of byKey)
    if (typeof r.key_id === "string") merged.set(r.key_id, (merged.get(r.key_id) ?? 0) + (Number(r.n) || 0));
  for (const r of [...merged].map(([key_id, n]) => ({ key_id, n }))) {
    if (typeof r.key_id !== "string") continue;
    const n = Number(r.n) || 0;
    if (!pii.keyIds.includes(r.key_id))
      db.error(
        "PII_KEYS",
        `계좌번호 ${n}건이 PII_KEYS에 없는 키(${r.key_id})로 암호화되어 있어 읽을 수 없습니다. 그 키를 PII_KEYS에 다시 넣어 주세요.`,
        `${n} account number(s) are sealed with key ${r.key_id}, which is not in PII_KEYS: they cannot be read. Put that key back into PII_KEYS.`,
      );
    else if (r.key_id !== pii.currentId)
      db.warn(
        "PII_KEYS",
        `계좌번호 ${n}건이 이전 키(${r.key_id})로 암호화되어 있습니다. npm run db:migrate 로 현재 키(${pii.currentId})로 다시 암호화한 뒤 옛 키를 지울 수 있습니다.`,
        `${n} account number(s) are sealed with the older key ${r.key_id}: run npm run db:migrate to re-seal them with ${pii.currentId} before removing it.`,
      );
  }
  return out;
}

export function formatFindings(findings: readonly Finding[]): string {
  const lines: string[] = [];
  for (const f of findings) {
    const tag = f.level === "error" ? "✗ 문제 / problem" : "! 확인 / check";
    lines.push(`${tag}  [${f.area}] ${f.key}`, `    ${f.ko}`, `    ${f.en}`);
  }
  return lines.join("\n");
}
