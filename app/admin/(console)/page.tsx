import Link from "next/link";
import { countBillsNeedingReview } from "@/lib/bills/review";
import { db } from "@/lib/db";
import { dashboard, PERIODS, type PeriodKey } from "@/lib/admin/dashboard";
import { providerShort } from "@/lib/admin/labels";
import { formatWon } from "@/lib/money";
import { countOpenAttention } from "@/lib/payments/attention";
import { requireAdmin } from "../../_lib/admin";

export const metadata = { title: "관리자 홈" };

function Stat({
  label,
  value,
  sub,
  href,
  testId,
}: {
  label: string;
  value: string;
  sub?: string;
  href: string;
  testId: string;
}) {
  return (
    <Link href={href} className="card block p-4 hover:border-ink-mute" data-testid={testId}>
      <p className="text-xs text-ink-mute">{label}</p>
      <p className="amount mt-1 text-lg font-bold sm:text-xl" data-value>
        {value}
      </p>
      {sub && <p className="mt-0.5 text-xs text-ink-soft">{sub}</p>}
    </Link>
  );
}

/** One line of a card: the label and its number, both one link to the list behind the number. */
function Row({
  href,
  label,
  value,
  testId,
  alert,
}: {
  href: string;
  label: string;
  value: string;
  testId: string;
  alert?: boolean;
}) {
  return (
    <li>
      <Link
        href={href}
        className="-mx-1 flex justify-between gap-2 rounded px-1 py-0.5 hover:bg-paper"
        data-testid={testId}
      >
        <span className={alert ? "font-semibold text-red-700" : undefined}>{label}</span>
        <span className="amount text-right" data-value>
          {value}
        </span>
      </Link>
    </li>
  );
}

/** Daily sales as a fixed-size server-rendered SVG (no layout shift). */
function SalesChart({ days, data }: { days: string[]; data: Map<string, number> }) {
  const max = Math.max(1, ...data.values());
  const w = 600;
  const h = 120;
  const bw = w / days.length;
  return (
    <>
      <svg
        viewBox={`0 0 ${w} ${h}`}
        preserveAspectRatio="none"
        className="block h-28 w-full"
        role="img"
        aria-label="일별 매출"
      >
        {days.map((d, i) => {
          const v = data.get(d) ?? 0;
          const bh = Math.round((v / max) * h);
          return (
            <g key={d}>
              <title>{`${d} ${formatWon(v)}`}</title>
              <rect
                x={i * bw + bw * 0.15}
                y={h - bh}
                width={bw * 0.7}
                height={Math.max(bh, v ? 2 : 0)}
                rx={2}
                className="fill-[#FEE500]"
              />
            </g>
          );
        })}
        <line x1={0} x2={w} y1={h - 0.5} y2={h - 0.5} className="stroke-gray-300" vectorEffect="non-scaling-stroke" />
      </svg>
      <div className="mt-1 flex justify-between text-[11px] text-ink-mute">
        <span>{days[0]?.slice(5)}</span>
        <span>최고 {formatWon(max === 1 && ![...data.values()].some(Boolean) ? 0 : max)}</span>
        <span>{days[days.length - 1]?.slice(5)}</span>
      </div>
    </>
  );
}

export default async function Dashboard({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const admin = await requireAdmin();
  const sp = await searchParams;
  const key: PeriodKey = PERIODS.some((p) => p.key === sp.period) ? (sp.period as PeriodKey) : "today";
  const [d, month, payments, bills, consents] = await Promise.all([
    dashboard(admin.merchantId, key),
    key === "30d" ? null : dashboard(admin.merchantId, "30d"),
    countOpenAttention(db, admin.merchantId),
    countBillsNeedingReview({ merchantId: admin.merchantId }),
    db.consentRequest.count({ where: { merchantId: admin.merchantId, status: "NEEDS_REVIEW", reviewedAt: null } }),
  ]);
  const chart = (month ?? d).daily;
  const chartDays: string[] = [];
  const start = new Date(`${(month ?? d).fromDay}T00:00:00+09:00`).getTime();
  for (let i = 0; i < 30; i++)
    chartDays.push(new Date(start + i * 86_400_000 + 9 * 3600_000).toISOString().slice(0, 10));
  const range = `from=${d.fromDay}&to=${d.toDay}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-xl font-bold">홈</h1>
          <p className="text-xs text-ink-mute">
            {d.fromDay === d.toDay ? d.toDay : `${d.fromDay} ~ ${d.toDay}`} (한국 시간)
          </p>
        </div>
        <div className="flex gap-1.5 text-sm" role="tablist" aria-label="기간">
          {PERIODS.map((p) => (
            <Link
              key={p.key}
              href={`/admin?period=${p.key}`}
              role="tab"
              aria-selected={p.key === key}
              className={`rounded-full border px-3 py-1 ${p.key === key ? "border-ink bg-ink text-white" : "border-line bg-white hover:bg-paper"}`}
            >
              {p.label}
            </Link>
          ))}
        </div>
      </div>
      <div className="grid grid-cols-2 gap-2 lg:grid-cols-4">
        <Stat
          testId="dash-sales"
          label="매출 (승인 기준)"
          value={formatWon(d.sales.amount)}
          sub={`${d.sales.count.toLocaleString("ko-KR")}건`}
          href={`/admin/orders?basis=paid&${range}`}
        />
        <Stat
          testId="dash-refunds"
          label="환불 (완료 기준)"
          value={formatWon(d.refunds.amount)}
          sub={`${d.refunds.count.toLocaleString("ko-KR")}건`}
          href={`/admin/orders?basis=refunded&${range}`}
        />
        <Stat testId="dash-net" label="순매출" value={formatWon(d.net)} href={`/admin/orders?basis=paid&${range}`} />
        <Stat
          testId="dash-paid-orders"
          label="결제 완료 주문"
          value={`${d.paidOrders.toLocaleString("ko-KR")}건`}
          href={`/admin/orders?basis=paid&${range}`}
        />
      </div>
      <section className="card p-4">
        <h2 className="mb-2 text-sm font-semibold">최근 30일 일별 매출</h2>
        <div className="h-[132px] w-full">
          <SalesChart days={chartDays} data={new Map(chart.map((c) => [c.day, c.amount]))} />
        </div>
      </section>
      <div className="grid gap-2 md:grid-cols-3">
        <section className="card p-4 text-sm">
          <h2 className="mb-2 font-semibold">결제 성공률</h2>
          {d.successRate.length === 0 && <p className="text-ink-mute">결제 시도가 없습니다.</p>}
          <ul className="space-y-1" data-testid="dash-success">
            {d.successRate.map((s) => (
              <li key={s.provider} className="flex justify-between gap-2">
                <span>{providerShort[s.provider] ?? s.provider}</span>
                <span className="amount">
                  {s.rate === null ? "-" : `${Math.round(s.rate * 1000) / 10}%`}{" "}
                  <span className="text-xs text-ink-mute">
                    ({s.approved}/{s.attempts})
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section className="card p-4 text-sm">
          <h2 className="mb-2 font-semibold">청구서</h2>
          <ul className="space-y-1">
            <Row
              href={`/admin/bills?${range}`}
              label="발행"
              testId="dash-bills-issued"
              value={`${d.bills.issued.count.toLocaleString("ko-KR")}건 · ${formatWon(d.bills.issued.amount)}`}
            />
            <Row
              href={`/admin/bills?basis=paid&${range}`}
              label="납부"
              testId="dash-bills-paid"
              value={`${d.bills.paid.count.toLocaleString("ko-KR")}건 · ${formatWon(d.bills.paid.amount)}`}
            />
            <Row
              href="/admin/bills?due=1"
              label="미납 (전체)"
              testId="dash-bills-outstanding"
              value={`${d.bills.outstanding.count.toLocaleString("ko-KR")}건 · ${formatWon(d.bills.outstanding.amount)}`}
            />
          </ul>
        </section>
        <section className="card p-4 text-sm">
          <h2 className="mb-2 font-semibold">동의·서명 · 확인 필요</h2>
          <ul className="space-y-1">
            <Row
              href={`/admin/consents?${range}`}
              label="요청"
              testId="dash-consents-requested"
              value={`${d.consents.requested.toLocaleString("ko-KR")}건`}
            />
            <Row
              href={`/admin/consents?status=VERIFIED&basis=verified&${range}`}
              label="검증 완료"
              testId="dash-consents-verified"
              value={`${d.consents.verified.toLocaleString("ko-KR")}건`}
            />
            <Row
              href="/admin/attention"
              label="확인 필요"
              testId="dash-attention"
              value={`${(payments + bills + consents).toLocaleString("ko-KR")}건`}
              alert
            />
          </ul>
        </section>
      </div>
      <details className="card p-4 text-xs text-ink-soft" data-testid="dash-basis">
        <summary className="cursor-pointer font-semibold">기준</summary>
        <ul className="mt-2 list-disc space-y-1 pl-4">
          <li>기간은 한국 시간 달력 날짜 기준이며 오늘은 지금 시각까지입니다.</li>
          <li>
            매출: 기간 안에 승인된 결제의 승인 금액 (이후 취소된 결제 포함). 승인 후 자동 환불된 중복 결제는 제외.
          </li>
          <li>환불: 그 결제들의 환불 중 기간 안에 완료된 금액. 순매출 = 매출 − 환불.</li>
          <li>결제 완료 주문: 결제 완료 시각이 기간 안인 주문 수.</li>
          <li>결제 성공률: 기간 안에 결제사 결제창까지 간 시도(결제사 거래번호가 생긴 시도) 중 승인된 비율.</li>
          <li>
            청구서 발행은 작성일, 납부는 납부일 기준이며, 미납은 기간과 관계없이 지금 납부할 수 있는 청구서 전체입니다
            (부분 납부는 남은 금액).
          </li>
          <li>동의·서명 요청은 요청일 기준, 검증 완료는 검증일 기준이며 본인 확인이 일치한 것만 셉니다.</li>
          <li>확인 필요: 지금 처리되지 않은 결제·청구서·동의 건 (기간과 관계없음).</li>
          <li>
            숫자를 누르면 그 숫자를 만든 목록으로 갑니다: 매출·순매출·결제 완료 주문은 결제 완료일 기준 주문 목록,
            환불은 그 기간에 환불이 완료된 주문 목록 (환불 건수와 주문 수는 다를 수 있음), 청구서는 작성일·납부일 기준
            목록입니다.
          </li>
        </ul>
      </details>
    </div>
  );
}
