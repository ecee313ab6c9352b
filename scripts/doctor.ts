// `npm run doctor`: the go-live check. Run it in the production environment (same variables as the
// app, the worker and the biller API) before `npm start`. It checks, and says in Korean and English:
//   * every provider base URL is https and not a sandbox / test host; keys are present and not the
//     demo values of scripts/lib/demo-env.ts (which only the local sandbox accepts);
//   * the Dozn agency's IP allow-list is set and its calls can reach us only as lib/providers/dozn/auth.ts
//     allows (standalone biller API on the socket peer, or behind a proxy listed in TRUSTED_PROXY_IPS);
//   * APP_URL is https, APP_SECRET strong, PII_KEYS set (not a dev/test key), the env passes lib/env.ts;
//   * the database is reachable, every checked-in migration applied, the job engine (pg-boss) installed,
//     no account number left in plain text and none sealed with a key missing from PII_KEYS.
// Exit code: 0 when there is no problem (checks to confirm may remain), 1 otherwise.
// Options: --no-db (skip the database), --json (machine-readable findings).
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { checkDatabase, checkEnvironment, formatFindings, type Finding } from "../lib/doctor/checks.ts";
import { DEV_APP_SECRET, env as readEnv, resetEnvCache } from "../lib/env.ts";
import { BOSS_SCHEMA, QUEUE_NAMES } from "../lib/jobs/queues.ts";
import { keyringFromEnv } from "../lib/security/pii-backfill.ts";
import { DEMO_KEYS } from "./lib/demo-env.ts";

export function checkedInMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{4}_/.test(d.name))
    .map((d) => d.name)
    .sort();
}

export async function runDoctor(opts: { env?: NodeJS.ProcessEnv; db?: boolean } = {}): Promise<Finding[]> {
  const e = opts.env ?? process.env;
  const findings: Finding[] = [];
  // lib/env.ts's own validation (types, formats, the production APP_SECRET rule)
  const saved = process.env;
  try {
    process.env = { ...e };
    resetEnvCache();
    readEnv();
  } catch (err) {
    for (const line of String((err as Error).message)
      .split("\n")
      .slice(1)) {
      findings.push({
        level: "error",
        area: "env",
        key: line.trim().split(":")[0] ?? "env",
        ko: `환경 변수 오류: ${line.trim()}`,
        en: `Invalid variable: ${line.trim()}`,
      });
    }
  } finally {
    process.env = saved;
    resetEnvCache();
  }
  findings.push(...checkEnvironment({ env: e, demoValues: Object.values(DEMO_KEYS), devAppSecret: DEV_APP_SECRET }));
  if (opts.db !== false && e.DATABASE_URL) {
    const client = new pg.Client({ connectionString: e.DATABASE_URL, connectionTimeoutMillis: 5000 });
    let connected = false;
    try {
      await client.connect();
      connected = true;
    } catch {
      /* reported by checkDatabase */
    }
    const query = async (sql: string) => {
      if (!connected) throw new Error("connection failed");
      return (await client.query(sql)).rows as Array<Record<string, unknown>>;
    };
    try {
      let ring: ReturnType<typeof keyringFromEnv>;
      try {
        ring = keyringFromEnv(e);
      } catch {
        ring = undefined; // reported by checkEnvironment
      }
      const pii = { keyIds: ring ? [...ring.keys.keys()] : [], currentId: ring?.currentId ?? "" };
      findings.push(...(await checkDatabase(query, checkedInMigrations(), BOSS_SCHEMA, QUEUE_NAMES, pii)));
    } finally {
      if (connected) await client.end().catch(() => {});
    }
  }
  return findings;
}

async function main() {
  const args = new Set(process.argv.slice(2));
  const findings = await runDoctor({ db: !args.has("--no-db") });
  const problems = findings.filter((f) => f.level === "error");
  if (args.has("--json")) {
    console.log(JSON.stringify({ ok: problems.length === 0, findings }, null, 2));
  } else {
    if (findings.length) console.log(formatFindings(findings) + "\n");
    console.log(
      problems.length === 0
        ? `운영 점검 통과 (확인할 항목 ${findings.length}개) / go-live check passed (${findings.length} to confirm)`
        : `운영 점검 실패: 문제 ${problems.length}개 / go-live check failed: ${problems.length} problem(s)`,
    );
  }
  process.exit(problems.length === 0 ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(2);
  });
}
