"use client";
// Create / edit a bill: one form with an editor per detail item type and a live preview of the
// customer's KakaoPay screen. The whole form travels as JSON; the server validates it.
import { useActionState, useState } from "react";
import { useFormStatus } from "react-dom";
import { DETAIL_TYPES, detailTypeLabel, emptyDetail, MAX_DETAILS, MAX_GRAPH_POINTS, type Detail, type DetailType } from "@/lib/bills/details";
import { saveBillAction, type SaveBillState } from "./actions";
import { BillPreview } from "./_ui";

export type BillFormValues = {
  customerKey: string;
  customerName: string;
  customerBirth: string;
  billedYearMonth: string; // YYYY-MM
  ordinal: string;
  billerNoticeKey: string;
  settlementCode: string;
  title: string;
  amount: string;
  taxFreeAmount: string;
  vatAmount: string;
  expireType: "D0" | "D1" | "D2";
  payExpireDate: string; // YYYY-MM-DD
  secondPayExpireDate: string;
  bankAccounts: { bankCode: string; accountNo: string; holderName: string; senderName: string; accountType: "NORMAL" | "VIRTUAL" }[];
  details: Detail[];
};

const digits = (v: string) => v.replace(/[^\d]/g, "");
const ymd = (v: string) => v.replace(/-/g, "");

function Submit({ editing }: { editing: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button className="btn-kakao w-full sm:w-auto" disabled={pending} data-testid="bill-save">
      {pending ? "저장 중…" : editing ? "수정 저장" : "청구서 만들기"}
    </button>
  );
}

function FieldError({ errors, name }: { errors?: Record<string, string>; name: string }) {
  const msg = errors?.[name];
  return msg ? (
    <p className="mt-1 text-xs text-red-600" role="alert">
      {msg}
    </p>
  ) : null;
}

export function BillForm({ initial, billId, identityLocked }: { initial: BillFormValues; billId?: string; identityLocked?: boolean }) {
  const [state, action] = useActionState<SaveBillState, FormData>(saveBillAction, {});
  const [v, setV] = useState<BillFormValues>(initial);
  const set = <K extends keyof BillFormValues>(k: K, val: BillFormValues[K]) => setV((p) => ({ ...p, [k]: val }));
  const setDetail = (i: number, d: Detail) => setV((p) => ({ ...p, details: p.details.map((x, j) => (j === i ? d : x)) }));
  const moveDetail = (i: number, dir: -1 | 1) =>
    setV((p) => {
      const arr = [...p.details];
      const j = i + dir;
      if (j < 0 || j >= arr.length) return p;
      [arr[i], arr[j]] = [arr[j]!, arr[i]!];
      return { ...p, details: arr };
    });
  const errors = state.fields;
  const amount = Number(digits(v.amount) || 0);
  const taxFree = Number(digits(v.taxFreeAmount) || 0);
  const autoVat = Math.round(Math.max(0, amount - taxFree) / 11);

  const payload = {
    ...v,
    billedYearMonth: v.billedYearMonth.replace(/-/g, ""),
    amount: digits(v.amount),
    taxFreeAmount: digits(v.taxFreeAmount) || "0",
    vatAmount: digits(v.vatAmount),
    payExpireDate: ymd(v.payExpireDate),
    secondPayExpireDate: v.expireType === "D2" ? ymd(v.secondPayExpireDate) : "",
    customerBirth: ymd(v.customerBirth),
    // blank lines of a TEXT item are layout, not content
    details: v.details.map((d) => (d.type === "TEXT" ? { ...d, lines: d.lines.map((l) => l.trim()).filter(Boolean) } : d)),
  };

  return (
    <form action={action} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_380px]" data-testid="bill-form">
      <input type="hidden" name="payload" value={JSON.stringify(payload)} />
      {billId && <input type="hidden" name="billId" value={billId} />}
      <div className="min-w-0 space-y-4">
        <section className="card space-y-3 p-4">
          <h2 className="font-semibold">고객</h2>
          <div className="grid gap-3 sm:grid-cols-3">
            <div>
              <label className="label" htmlFor="customerKey">
                고객번호 <span className="text-[11px] font-normal text-ink-mute">(biller_user_key)</span>
              </label>
              <input id="customerKey" className="input" value={v.customerKey} maxLength={50} disabled={identityLocked} onChange={(e) => set("customerKey", e.target.value)} placeholder="예: APT-1011001" />
              <FieldError errors={errors} name="customerKey" />
            </div>
            <div>
              <label className="label" htmlFor="customerName">
                고객 이름(표시명)
              </label>
              <input id="customerName" className="input" value={v.customerName} maxLength={50} onChange={(e) => set("customerName", e.target.value)} placeholder="예: 101동 1001호" />
              <FieldError errors={errors} name="customerName" />
            </div>
            <div>
              <label className="label" htmlFor="customerBirth">
                생년월일 (선택)
              </label>
              <input id="customerBirth" type="date" className="input" value={v.customerBirth} onChange={(e) => set("customerBirth", e.target.value)} />
              <FieldError errors={errors} name="customerBirth" />
            </div>
          </div>
          <p className="text-xs text-ink-mute">전화번호는 고객번호로 쓸 수 없습니다. 생년월일을 넣으면 같은 생년월일을 입력한 고객에게만 청구서가 보입니다.</p>
        </section>

        <section className="card space-y-3 p-4">
          <h2 className="font-semibold">청구 정보</h2>
          <div>
            <label className="label" htmlFor="title">
              청구서명
            </label>
            <input id="title" className="input" value={v.title} maxLength={100} onChange={(e) => set("title", e.target.value)} placeholder="예: 2026년 7월 관리비" />
            <FieldError errors={errors} name="title" />
          </div>
          <div className="grid gap-3 sm:grid-cols-3">
            <div>
              <label className="label" htmlFor="billedYearMonth">
                청구 연월
              </label>
              <input id="billedYearMonth" type="month" className="input" value={v.billedYearMonth} disabled={identityLocked} onChange={(e) => set("billedYearMonth", e.target.value)} />
              <FieldError errors={errors} name="billedYearMonth" />
            </div>
            <div>
              <label className="label" htmlFor="ordinal">
                회차 (선택)
              </label>
              <input id="ordinal" className="input" value={v.ordinal} maxLength={24} disabled={identityLocked} onChange={(e) => set("ordinal", e.target.value)} placeholder="같은 달 여러 건일 때" />
              <FieldError errors={errors} name="ordinal" />
            </div>
            <div>
              <label className="label" htmlFor="billerNoticeKey">
                청구서 식별 코드 (선택)
              </label>
              <input id="billerNoticeKey" className="input" value={v.billerNoticeKey} maxLength={80} disabled={identityLocked} onChange={(e) => set("billerNoticeKey", e.target.value)} placeholder="비우면 자동 생성" />
              <FieldError errors={errors} name="billerNoticeKey" />
            </div>
          </div>
          <div className="grid gap-3 sm:grid-cols-3">
            <div>
              <label className="label" htmlFor="amount">
                청구 금액 (원)
              </label>
              <input id="amount" className="input amount" inputMode="numeric" value={v.amount} onChange={(e) => set("amount", digits(e.target.value))} />
              <FieldError errors={errors} name="amount" />
            </div>
            <div>
              <label className="label" htmlFor="taxFreeAmount">
                그중 비과세 (원)
              </label>
              <input id="taxFreeAmount" className="input amount" inputMode="numeric" value={v.taxFreeAmount} onChange={(e) => set("taxFreeAmount", digits(e.target.value))} />
              <FieldError errors={errors} name="taxFreeAmount" />
            </div>
            <div>
              <label className="label" htmlFor="vatAmount">
                부가세 (비우면 {autoVat.toLocaleString("ko-KR")}원)
              </label>
              <input id="vatAmount" className="input amount" inputMode="numeric" value={v.vatAmount} onChange={(e) => set("vatAmount", digits(e.target.value))} placeholder="자동 계산" />
              <FieldError errors={errors} name="vatAmount" />
            </div>
          </div>
          <div className="grid gap-3 sm:grid-cols-3">
            <div>
              <label className="label" htmlFor="expireType">
                납기 유형
              </label>
              <select id="expireType" className="input" value={v.expireType} onChange={(e) => set("expireType", e.target.value as BillFormValues["expireType"])}>
                <option value="D1">D1 · 납기일까지 납부</option>
                <option value="D2">D2 · 두 번째 납기일까지</option>
                <option value="D0">D0 · 납기 무관</option>
              </select>
            </div>
            <div>
              <label className="label" htmlFor="payExpireDate">
                납기일
              </label>
              <input id="payExpireDate" type="date" className="input" value={v.payExpireDate} onChange={(e) => set("payExpireDate", e.target.value)} />
              <FieldError errors={errors} name="payExpireDate" />
            </div>
            {v.expireType === "D2" && (
              <div>
                <label className="label" htmlFor="secondPayExpireDate">
                  두 번째 납기일
                </label>
                <input id="secondPayExpireDate" type="date" className="input" value={v.secondPayExpireDate} onChange={(e) => set("secondPayExpireDate", e.target.value)} />
                <FieldError errors={errors} name="secondPayExpireDate" />
              </div>
            )}
          </div>
          <p className="text-xs text-ink-mute">D1은 납기일, D2는 두 번째 납기일이 지나면 카카오페이에서 납부할 수 없습니다 <span className="font-mono text-[11px]">E506</span>. D0은 납기와 관계없이 납부할 수 있습니다.</p>
        </section>

        <section className="card space-y-3 p-4">
          <div className="flex items-center justify-between">
            <h2 className="font-semibold">계좌 송금 (선택)</h2>
            <button
              type="button"
              className="btn-ghost py-1.5 text-sm"
              disabled={v.bankAccounts.length >= 5}
              onClick={() => set("bankAccounts", [...v.bankAccounts, { bankCode: "", accountNo: "", holderName: "", senderName: "", accountType: "VIRTUAL" }])}
            >
              + 계좌
            </button>
          </div>
          {v.bankAccounts.map((a, i) => {
            const upd = (patch: Partial<typeof a>) => set("bankAccounts", v.bankAccounts.map((x, j) => (j === i ? { ...x, ...patch } : x)));
            return (
              <div key={i} className="grid gap-2 rounded-xl bg-paper p-2 sm:grid-cols-[80px_1fr_1fr_110px_auto]">
                <input className="input py-2" aria-label="은행코드" placeholder="은행코드" value={a.bankCode} maxLength={5} onChange={(e) => upd({ bankCode: digits(e.target.value) })} />
                <input className="input py-2" aria-label="계좌번호" placeholder="계좌번호" value={a.accountNo} maxLength={50} onChange={(e) => upd({ accountNo: e.target.value })} />
                <input className="input py-2" aria-label="예금주" placeholder="예금주" value={a.holderName} maxLength={20} onChange={(e) => upd({ holderName: e.target.value })} />
                <select className="input py-2" aria-label="계좌 구분" value={a.accountType} onChange={(e) => upd({ accountType: e.target.value as "NORMAL" | "VIRTUAL" })}>
                  <option value="VIRTUAL">가상계좌</option>
                  <option value="NORMAL">일반계좌</option>
                </select>
                <button type="button" className="btn-ghost py-2 text-sm" onClick={() => set("bankAccounts", v.bankAccounts.filter((_, j) => j !== i))}>
                  삭제
                </button>
                {(["bankCode", "accountNo", "holderName"] as const).map((f) => (
                  <FieldError key={f} errors={errors} name={`bankAccounts.${i}.${f}`} />
                ))}
              </div>
            );
          })}
        </section>

        <section className="card space-y-3 p-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="font-semibold">상세 항목 ({v.details.length}/{MAX_DETAILS})</h2>
            <div className="flex flex-wrap gap-1">
              {DETAIL_TYPES.map((t) => (
                <button
                  key={t}
                  type="button"
                  className="btn-ghost px-2.5 py-1.5 text-xs"
                  disabled={v.details.length >= MAX_DETAILS}
                  onClick={() => set("details", [...v.details, emptyDetail(t)])}
                  data-testid={`add-${t}`}
                >
                  + {detailTypeLabel[t]}
                </button>
              ))}
            </div>
          </div>
          {v.details.length === 0 && <p className="text-sm text-ink-mute">청구서 화면에 보여줄 상세 내역을 추가하세요.</p>}
          {v.details.map((d, i) => (
            <DetailEditor
              key={i}
              index={i}
              detail={d}
              errors={errors}
              onChange={(nd) => setDetail(i, nd)}
              onRemove={() => set("details", v.details.filter((_, j) => j !== i))}
              onMove={(dir) => moveDetail(i, dir)}
            />
          ))}
        </section>

        {state.message && (
          <p className="rounded-xl bg-red-50 p-3 text-sm text-red-700" role="alert" data-testid="bill-form-error">
            {state.message}
          </p>
        )}
        <Submit editing={Boolean(billId)} />
      </div>

      <aside className="min-w-0 lg:sticky lg:top-4 lg:self-start">
        <p className="mb-2 text-sm font-medium text-ink-soft">고객 화면 미리보기</p>
        <BillPreview
          bill={{
            title: v.title,
            amount,
            expireType: v.expireType,
            payExpireDate: ymd(v.payExpireDate),
            secondPayExpireDate: ymd(v.secondPayExpireDate),
            billedYearMonth: v.billedYearMonth.replace(/-/g, ""),
            bankAccounts: v.bankAccounts,
            details: v.details,
          }}
        />
      </aside>
    </form>
  );
}

function DetailEditor(props: { index: number; detail: Detail; errors?: Record<string, string>; onChange: (d: Detail) => void; onRemove: () => void; onMove: (dir: -1 | 1) => void }) {
  const { detail: d, index: i, errors, onChange } = props;
  const p = `details.${i}`;
  const small = "input py-2 text-sm";
  const firstError = errors && Object.entries(errors).find(([k]) => k === p || k.startsWith(`${p}.`))?.[1];
  return (
    <div className="space-y-2 rounded-xl border border-line p-3" data-testid={`detail-${d.type}`}>
      <div className="flex items-center justify-between gap-2">
        <span className="rounded-md bg-paper px-2 py-0.5 font-mono text-xs">{d.type as DetailType}</span>
        <div className="flex gap-1 text-xs">
          <button type="button" className="btn-ghost px-2 py-1" onClick={() => props.onMove(-1)} aria-label="위로">
            ↑
          </button>
          <button type="button" className="btn-ghost px-2 py-1" onClick={() => props.onMove(1)} aria-label="아래로">
            ↓
          </button>
          <button type="button" className="btn-ghost px-2 py-1 text-red-700" onClick={props.onRemove}>
            삭제
          </button>
        </div>
      </div>
      <input className={small} aria-label={`${d.type} 제목`} placeholder="항목 제목 (예: 전체청구금액)" value={d.title} maxLength={50} onChange={(e) => onChange({ ...d, title: e.target.value })} />
      {d.type === "KEY_VALUE" && (
        <div className="space-y-1.5">
          {d.rows.map((r, j) => (
            <div key={j} className="grid grid-cols-[1fr_1fr_84px_auto] gap-1.5">
              <input className={small} aria-label="항목명" placeholder="항목명" value={r.key} onChange={(e) => onChange({ ...d, rows: d.rows.map((x, k) => (k === j ? { ...x, key: e.target.value } : x)) })} />
              <input className={small} aria-label="내용" placeholder="내용 (예: 20,000원)" value={r.value} onChange={(e) => onChange({ ...d, rows: d.rows.map((x, k) => (k === j ? { ...x, value: e.target.value } : x)) })} />
              <select className={small} aria-label="들여쓰기" value={r.level} onChange={(e) => onChange({ ...d, rows: d.rows.map((x, k) => (k === j ? { ...x, level: (Number(e.target.value) === 2 ? 2 : 1) as 1 | 2 } : x)) })}>
                <option value={1}>1단</option>
                <option value={2}>2단</option>
              </select>
              <button type="button" className="btn-ghost px-2 py-1 text-xs" disabled={d.rows.length <= 1} onClick={() => onChange({ ...d, rows: d.rows.filter((_, k) => k !== j) })}>
                −
              </button>
            </div>
          ))}
          <button type="button" className="text-xs font-semibold text-blue-700" onClick={() => onChange({ ...d, rows: [...d.rows, { key: "", value: "", level: 1 }] })}>
            + 행 추가
          </button>
        </div>
      )}
      {d.type === "TEXT" && (
        <textarea
          className="input min-h-20 py-2 text-sm"
          aria-label="텍스트 (줄마다 한 항목)"
          placeholder={"줄마다 한 항목\n예: 카카오아파트\n101동 1001호"}
          value={d.lines.join("\n")}
          onChange={(e) => onChange({ ...d, lines: e.target.value.split("\n") })}
        />
      )}
      {d.type === "TABLE" && (
        <div className="space-y-1.5 overflow-x-auto">
          <div className="flex gap-1.5">
            {d.head.map((h, k) => (
              <input key={k} className={`${small} min-w-24 font-semibold`} aria-label={`열 제목 ${k + 1}`} value={h} onChange={(e) => onChange({ ...d, head: d.head.map((x, m) => (m === k ? e.target.value : x)) })} />
            ))}
            <button type="button" className="btn-ghost px-2 py-1 text-xs" disabled={d.head.length >= 6} onClick={() => onChange({ ...d, head: [...d.head, ""], rows: d.rows.map((r) => [...r, ""]) })}>
              +열
            </button>
            <button type="button" className="btn-ghost px-2 py-1 text-xs" disabled={d.head.length <= 1} onClick={() => onChange({ ...d, head: d.head.slice(0, -1), rows: d.rows.map((r) => r.slice(0, -1)) })}>
              −열
            </button>
          </div>
          {d.rows.map((r, j) => (
            <div key={j} className="flex gap-1.5">
              {r.map((c, k) => (
                <input key={k} className={`${small} min-w-24`} aria-label={`${j + 1}행 ${k + 1}열`} value={c} onChange={(e) => onChange({ ...d, rows: d.rows.map((row, m) => (m === j ? row.map((x, n) => (n === k ? e.target.value : x)) : row)) })} />
              ))}
              <button type="button" className="btn-ghost px-2 py-1 text-xs" disabled={d.rows.length <= 1} onClick={() => onChange({ ...d, rows: d.rows.filter((_, m) => m !== j) })}>
                −
              </button>
            </div>
          ))}
          <button type="button" className="text-xs font-semibold text-blue-700" onClick={() => onChange({ ...d, rows: [...d.rows, d.head.map(() => "")] })}>
            + 행 추가
          </button>
        </div>
      )}
      {d.type === "GRAPH" && (
        <div className="space-y-1.5">
          <input className={small} aria-label="축 이름" placeholder="축 이름 (예: 원/월)" value={d.unitName ?? ""} maxLength={20} onChange={(e) => onChange({ ...d, unitName: e.target.value })} />
          {d.points.map((pt, j) => (
            <div key={j} className="grid grid-cols-[1fr_1fr_auto] gap-1.5">
              <input className={small} aria-label="X축 값" placeholder="X (예: 07)" value={pt.x} maxLength={10} onChange={(e) => onChange({ ...d, points: d.points.map((x, k) => (k === j ? { ...x, x: e.target.value } : x)) })} />
              <input
                className={small}
                aria-label="Y축 값"
                inputMode="numeric"
                placeholder="Y (숫자)"
                value={Number.isFinite(pt.y) ? String(pt.y) : ""}
                onChange={(e) => onChange({ ...d, points: d.points.map((x, k) => (k === j ? { ...x, y: e.target.value.trim() === "" ? Number.NaN : Number(e.target.value.replace(/,/g, "")) } : x)) })}
              />
              <button type="button" className="btn-ghost px-2 py-1 text-xs" disabled={d.points.length <= 1} onClick={() => onChange({ ...d, points: d.points.filter((_, k) => k !== j) })}>
                −
              </button>
            </div>
          ))}
          <button type="button" className="text-xs font-semibold text-blue-700" disabled={d.points.length >= MAX_GRAPH_POINTS} onClick={() => onChange({ ...d, points: [...d.points, { x: "", y: 0 }] })}>
            + 값 추가 (최대 {MAX_GRAPH_POINTS}개)
          </button>
        </div>
      )}
      <input className={small} aria-label={`${d.type} 참고사항`} placeholder="참고사항 (선택)" value={d.description ?? ""} maxLength={200} onChange={(e) => onChange({ ...d, description: e.target.value })} />
      {firstError && (
        <p className="text-xs text-red-600" role="alert">
          {firstError}
        </p>
      )}
    </div>
  );
}
