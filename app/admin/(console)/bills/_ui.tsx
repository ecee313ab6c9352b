// Presentational pieces of the bill screens (server- and client-safe: no server imports).
import { bankName } from "@/lib/admin/banks";
import type { Detail } from "@/lib/bills/details";

export const billStatusText: Record<string, string> = {
  UNPAID: "미납",
  PARTIALLY_PAID: "부분 납부",
  PAID: "납부 완료",
  PARTIALLY_CANCELLED: "부분 취소",
  CANCELLED: "납부 취소",
};
const tone: Record<string, string> = {
  UNPAID: "bg-gray-100 text-gray-700",
  PARTIALLY_PAID: "bg-blue-100 text-blue-800",
  PAID: "bg-green-100 text-green-800",
  PARTIALLY_CANCELLED: "bg-amber-100 text-amber-800",
  CANCELLED: "bg-red-100 text-red-700",
};

export function BillStatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-semibold ${tone[status] ?? "bg-gray-100 text-gray-700"}`}
      data-status={status}
    >
      {billStatusText[status] ?? status}
    </span>
  );
}

/** "35,000원" (bill amounts may be bigint: the agency's numbers are kept as sent). */
export const won = (n: number | bigint) => `${n.toLocaleString("ko-KR")}원`;
export const ymdText = (v: string | null | undefined) =>
  v && v.length === 8 ? `${v.slice(0, 4)}.${v.slice(4, 6)}.${v.slice(6)}` : "-";
export const ymText = (v: string | null | undefined) =>
  v && v.length === 6 ? `${v.slice(0, 4)}년 ${Number(v.slice(4))}월` : "-";

/** The due-date rule in words (the seed's D0 / D1 / D2 codes stay in the data). */
export const expireTypeText = (t: string) => ({ D0: "납기 무관", D1: "납기일까지", D2: "두 번째 납기일까지" })[t] ?? t;

export type PreviewBill = {
  title: string;
  amount: number;
  expireType: string;
  payExpireDate?: string;
  secondPayExpireDate?: string;
  billedYearMonth?: string;
  bankAccounts: { bankCode: string; accountNo: string; holderName?: string; accountType: string }[];
  details: Detail[];
  /** Nothing left to pay (paid, or paid and partly cancelled): shown as settled, without 납부하기. */
  settled?: { label: string; paidAmount: number | bigint; cancelledAmount: number | bigint };
};

/** How KakaoPay's bill screen will show the bill (a close approximation for staff). */
export function BillPreview({ bill }: { bill: PreviewBill }) {
  const maxY = (pts: { y: number }[]) => Math.max(1, ...pts.map((p) => (Number.isFinite(p.y) ? Math.abs(p.y) : 0)));
  return (
    <div
      className="mx-auto w-full max-w-[360px] overflow-hidden rounded-[28px] border-8 border-ink bg-[#f4f5f7] shadow-lg"
      data-testid="bill-preview"
    >
      <div className="bg-kakao px-5 pb-5 pt-4">
        <p className="text-xs font-semibold text-kakao-dark/70">
          카카오페이 청구서{bill.billedYearMonth ? ` · ${ymText(bill.billedYearMonth)}` : ""}
        </p>
        <h3 className="mt-1 text-lg font-bold text-kakao-dark">{bill.title || "청구서명"}</h3>
        <p className="amount mt-2 text-2xl font-extrabold text-kakao-dark">
          {won(Number.isFinite(bill.amount) ? bill.amount : 0)}
        </p>
        {bill.settled && (
          <p
            className="mt-1 inline-block rounded-full bg-white/70 px-2.5 py-0.5 text-xs font-bold text-green-800"
            data-testid="preview-settled"
          >
            {bill.settled.label} · 납부 {won(bill.settled.paidAmount)}
            {bill.settled.cancelledAmount ? ` · 취소 ${won(bill.settled.cancelledAmount)}` : ""}
          </p>
        )}
        <p className="mt-1 text-xs text-kakao-dark/80">
          {bill.expireType === "D0" ? "납기 제한 없음" : `납기일 ${ymdText(bill.payExpireDate)}`}
          {bill.expireType === "D2" && ` · 2차 납기 ${ymdText(bill.secondPayExpireDate)}`}
        </p>
      </div>
      <div className="space-y-3 p-3 text-[13px]">
        {bill.details.map((d, i) => (
          <section key={i} className="rounded-2xl bg-white p-4">
            <h4 className="mb-2 font-bold">● {d.title || "(제목 없음)"}</h4>
            {d.type === "KEY_VALUE" && (
              <dl className="space-y-1">
                {d.rows.map((r, j) => (
                  <div key={j} className={`flex justify-between gap-3 ${r.level === 2 ? "pl-4 text-ink-soft" : ""}`}>
                    <dt>{r.key}</dt>
                    <dd className="whitespace-pre-line text-right font-medium">{r.value}</dd>
                  </div>
                ))}
              </dl>
            )}
            {d.type === "TEXT" && (
              <div className="space-y-0.5">
                {d.lines.map((l, j) => (
                  <p key={j}>{l}</p>
                ))}
              </div>
            )}
            {d.type === "TABLE" && (
              <div className="overflow-x-auto">
                <table className="w-full text-[12px]">
                  <thead>
                    <tr className="border-b border-line text-ink-mute">
                      {d.head.map((h, j) => (
                        <th key={j} className="py-1 text-left font-medium">
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {d.rows.map((r, j) => (
                      <tr key={j} className="border-b border-line/60 last:border-0">
                        {r.map((c, k) => (
                          <td key={k} className="py-1">
                            {c}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {d.type === "GRAPH" && (
              <div>
                <div className="flex h-28 items-end gap-1.5">
                  {d.points.map((p, j) => (
                    <div key={j} className="flex flex-1 flex-col items-center justify-end gap-1">
                      <span className="text-[10px] text-ink-mute">
                        {Number.isFinite(p.y) ? p.y.toLocaleString("ko-KR") : "-"}
                      </span>
                      <div
                        className="w-full rounded-t bg-kakao"
                        style={{ height: `${Math.max(4, (Math.abs(p.y || 0) / maxY(d.points)) * 72)}px` }}
                      />
                      <span className="text-[10px]">{p.x}</span>
                    </div>
                  ))}
                </div>
                {d.unitName && <p className="mt-1 text-right text-[10px] text-ink-mute">단위: {d.unitName}</p>}
              </div>
            )}
            {d.description && <p className="mt-2 text-[11px] text-ink-mute">※ {d.description}</p>}
          </section>
        ))}
        {bill.bankAccounts.length > 0 && (
          <section className="rounded-2xl bg-white p-4">
            <h4 className="mb-2 font-bold">● 계좌 송금</h4>
            {bill.bankAccounts.map((a, i) => (
              <p key={i}>
                {bankName(a.bankCode)} {a.accountNo} {a.holderName && `(${a.holderName})`}{" "}
                {a.accountType === "VIRTUAL" ? "가상계좌" : ""}
              </p>
            ))}
          </section>
        )}
        {bill.settled ? (
          <div className="rounded-2xl bg-white py-3 text-center font-bold text-green-800">✓ {bill.settled.label}</div>
        ) : (
          <div className="rounded-2xl bg-kakao py-3 text-center font-bold text-kakao-dark">납부하기</div>
        )}
      </div>
    </div>
  );
}
