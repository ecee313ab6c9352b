// The load generator for scripts/bench.ts, in its own process so autocannon does not share an
// event loop with the bench's database client (or anything else the bench does).
// Input: BENCH_LOAD (JSON LoadSpec). Output: one line "RESULT <json LoadResult>" on stdout.
import autocannon from "autocannon";

export type LoadSpec = {
  url: string;
  connections: number;
  duration: number;
  authorization: string;
  /** The same body on every request … */
  body?: string;
  /** … or a new payment per request on bench bill BENCH<seq>, seq counting up from `from`. */
  newPayments?: { from: number; paidAt: string };
  /** Count answers whose body is not res_code OK. */
  checkOk?: boolean;
};

export type LoadResult = {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  notOk: number;
  /** the last seq used by newPayments */
  lastSeq: number;
  /** CPU the load generator itself used, in cores (user + system over wall time) */
  loadCores: number;
};

function newPaymentBody(i: number, paidAt: string): string {
  return JSON.stringify({
    data: {
      biller_user_key: `BENCH${i}`,
      biller_notice_key: `BN${i}`,
      pay_by: "CARD",
      pay_type: "P",
      pay_detail1: "451842",
      pay_detail2: "SHINHAN",
      amount: 29000,
      pay_amount: 29000,
      pay_fee_type: "BEFORE",
      pay_fee: 522,
      pay_fee_tax: 52,
      paid_at: paidAt,
      pay_id: 1_000_000 + i,
    },
  });
}

async function main() {
  const spec = JSON.parse(process.env.BENCH_LOAD ?? "{}") as LoadSpec;
  let seq = spec.newPayments ? spec.newPayments.from - 1 : 0;
  let notOk = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.duration,
    method: "POST",
    headers: { "content-type": "application/json;charset=utf-8", authorization: spec.authorization },
    ...(spec.newPayments
      ? {
          requests: [
            {
              method: "POST",
              setupRequest: (req: { body?: string }) => ({
                ...req,
                body: newPaymentBody((seq += 1), spec.newPayments!.paidAt),
              }),
            } as never,
          ],
        }
      : { body: spec.body ?? "" }),
    ...(spec.checkOk && {
      setupClient: (client: { on: (ev: "body", cb: (b: Buffer) => void) => void }) =>
        client.on("body", (b: Buffer) => void (b.toString().includes('"res_code":"OK"') || notOk++)),
    }),
  });
  const cpu = process.cpuUsage(cpu0);
  const out: LoadResult = {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    notOk,
    lastSeq: seq,
    loadCores: +((cpu.user + cpu.system) / 1000 / (performance.now() - t0)).toFixed(2),
  };
  console.log(`RESULT ${JSON.stringify(out)}`);
}

if (process.env.BENCH_LOAD) await main();
