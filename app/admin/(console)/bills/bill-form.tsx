"use client";
// Create / edit a bill: one form with an editor per detail item type and a live preview of the
// customer's KakaoPay screen. The whole form travels as JSON; the server validates it.
import { useActionState, useState } from "react";
import { useFormStatus } from "react-dom";
import { BANK_LIST } from "@/lib/admin/banks";
import {
  DETAIL_TYPES,
  detailTypeHelp,
  detailTypeLabel,
  emptyDetail,
  MAX_DETAILS,
  MAX_GRAPH_POINTS,
  type Detail,
  type DetailType,
} from "@/lib/bills/details";
import { Field } from "@/app/_components/field";
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
  bankAccounts: {
    bankCode: string;
    accountNo: string;
    holderName: string;
    senderName: string;
    accountType: "NORMAL" | "VIRTUAL";
  }[];
  details: Detail[];
};

/** `arr` with item `j` replaced by `f(item)`, and without item `j`. */
const patchAt = <T,>(arr: T[], j: number, f: (x: T) => T) => arr.map((x, k) => (k === j ? f(x) : x));
const dropAt = <T,>(arr: T[], j: number) => arr.filter((_, k) => k !== j);

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

/** What each error key is called in the summary, and which input its link moves to. */
const FIELD_LABELS: Record<string, string> = {
  customerKey: "고객번호",
  customerName: "고객 이름",
  customerBirth: "생년월일",
  title: "청구서명",
  billedYearMonth: "청구 연월",
  ordinal: "회차",
  billerNoticeKey: "청구서 식별 코드",
  amount: "청구 금액",
  taxFreeAmount: "비과세 금액",
  vatAmount: "부가세",
  expireType: "납기 유형",
  payExpireDate: "납기일",
  secondPayExpireDate: "두 번째 납기일",
  bankAccounts: "계좌 송금",
  details: "상세 항목",
};
const ACCOUNT_FIELD: Record<string, string> = {
  bankCode: "은행",
  accountNo: "계좌번호",
  holderName: "예금주",
  senderName: "입금자명",
  accountType: "계좌 구분",
};

export function fieldLabel(key: string): string {
  const [head, i, f] = key.split(".");
  if (head === "bankAccounts" && i !== undefined) return `계좌 ${Number(i) + 1} ${ACCOUNT_FIELD[f ?? ""] ?? ""}`.trim();
  if (head === "details" && i !== undefined) return `상세 항목 ${Number(i) + 1}`;
  return FIELD_LABELS[key] ?? "입력값";
}

/** The id of the input an error key belongs to (the summary links there). */
export function fieldAnchor(key: string): string {
  const [head, i, f] = key.split(".");
  if (head === "bankAccounts")
    return i === undefined ? "bank-accounts" : `bankAccounts-${i}-${f && f in ACCOUNT_FIELD ? f : "bankCode"}`;
  if (head === "details") return i === undefined ? "details-section" : `details-${i}-title`;
  return head && head in FIELD_LABELS ? head : "bill-form-error";
}

const errorId = (name: string) => `${fieldAnchor(name)}-error`;

function FieldError({ errors, name }: { errors?: Record<string, string>; name: string }) {
  const msg = errors?.[name];
  return msg ? (
    <p className="mt-1 text-xs text-red-600" id={errorId(name)} data-testid={`error-${name}`}>
      {msg}
    </p>
  ) : null;
}

/** aria-invalid / aria-describedby for an input whose error key is `name`. */
const invalid = (errors: Record<string, string>, name: string) =>
  errors[name] ? { "aria-invalid": true, "aria-describedby": errorId(name) } : {};

/** A top-level field the server checks under its own name (its id is its error key). */
type TextKey = {
  [K in keyof BillFormValues]: BillFormValues[K] extends string ? (K extends "expireType" ? never : K) : never;
}[keyof BillFormValues];

/** The identity fields, fixed once the bill has a link: greyed when disabled. */
const LOCKABLE = "input disabled:bg-paper disabled:text-ink-soft";

/** One labelled field of a bank account line (`f` is its key under `bankAccounts.i`), with its error. */
function AccountField({
  i,
  f,
  label,
  errors,
  children,
}: {
  i: number;
  f: string;
  label: string;
  errors: Record<string, string>;
  children: (props: { id: string }) => React.ReactNode;
}) {
  const id = `bankAccounts-${i}-${f}`;
  return (
    <div>
      <label className="text-xs font-medium text-ink-soft" htmlFor={id}>
        {label}
      </label>
      {children({ id, ...invalid(errors, `bankAccounts.${i}.${f}`) })}
      <FieldError errors={errors} name={`bankAccounts.${i}.${f}`} />
    </div>
  );
}

export function BillForm({
  initial,
  billId,
  identityLocked,
}: {
  initial: BillFormValues;
  billId?: string;
  identityLocked?: boolean;
}) {
  const [state, action] = useActionState<SaveBillState, FormData>(saveBillAction, {});
  const [v, setV] = useState<BillFormValues>(initial);
  // The server's field errors, kept here so that each disappears as soon as its field changes; a new
  // answer from the server (a re-validation) replaces them all.
  const [answer, setAnswer] = useState(state);
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (answer !== state) {
    setAnswer(state);
    setErrors(state.fields ?? {});
  }
  const clear = (...prefixes: string[]) =>
    setErrors((e) => {
      const keys = Object.keys(e).filter((k) => prefixes.some((p) => k === p || k.startsWith(`${p}.`)));
      if (keys.length === 0) return e;
      const next = { ...e };
      for (const k of keys) delete next[k];
      return next;
    });
  // Fields whose error depends on another field's value are cleared together.
  const related: Partial<Record<keyof BillFormValues, string[]>> = {
    amount: ["taxFreeAmount", "vatAmount"],
    taxFreeAmount: ["amount", "vatAmount"],
    expireType: ["payExpireDate", "secondPayExpireDate"],
    payExpireDate: ["secondPayExpireDate"],
    billedYearMonth: ["ordinal", "billerNoticeKey"],
    ordinal: ["billerNoticeKey"],
    customerKey: ["ordinal", "billerNoticeKey"],
  };
  const set = <K extends keyof BillFormValues>(k: K, val: BillFormValues[K]) => {
    setV((p) => ({ ...p, [k]: val }));
    clear(k, ...(related[k] ?? []));
  };
  const setDetail = (i: number, d: Detail) => {
    setV((p) => ({ ...p, details: patchAt(p.details, i, () => d) }));
    clear(`details.${i}`);
  };
  const moveDetail = (i: number, dir: -1 | 1) => {
    setV((p) => {
      const arr = [...p.details];
      const j = i + dir;
      if (j < 0 || j >= arr.length) return p;
      [arr[i], arr[j]] = [arr[j]!, arr[i]!];
      return { ...p, details: arr };
    });
    clear("details"); // the indices in the messages no longer match
  };
  const setAccount = (i: number, patch: Partial<BillFormValues["bankAccounts"][number]>) => {
    setV((p) => ({ ...p, bankAccounts: patchAt(p.bankAccounts, i, (x) => ({ ...x, ...patch })) }));
    clear(...Object.keys(patch).map((f) => `bankAccounts.${i}.${f}`));
  };
  /** A top-level input through the shared Field; `locked` for the identity fields, `money` keeps digits only. */
  const field = (
    k: TextKey,
    label: string,
    {
      locked,
      money,
      ...input
    }: React.InputHTMLAttributes<HTMLInputElement> & { locked?: boolean; money?: boolean } = {},
  ) => (
    <Field
      id={k}
      label={label}
      compact
      error={errors[k]}
      value={v[k]}
      onChange={(e) => set(k, money ? digits(e.target.value) : e.target.value)}
      {...(locked && { className: LOCKABLE, disabled: identityLocked })}
      {...(money && { className: "input amount", inputMode: "numeric" as const })}
      {...input}
    />
  );
  const errorList = Object.entries(errors).filter(([k]) => k !== "_");
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
    details: v.details.map((d) =>
      d.type === "TEXT" ? { ...d, lines: d.lines.map((l) => l.trim()).filter(Boolean) } : d,
    ),
  };

  return (
    <form action={action} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_380px]" data-testid="bill-form" noValidate>
      <input type="hidden" name="payload" value={JSON.stringify(payload)} />
      {billId && <input type="hidden" name="billId" value={billId} />}
      <div className="min-w-0 space-y-4">
        <section className="card space-y-3 p-4">
          <h2 className="font-semibold">고객</h2>
          <div className="grid gap-3 sm:grid-cols-3">
            {field("customerKey", "고객번호", { maxLength: 50, placeholder: "예: APT-1011001", locked: true })}
            {field("customerName", "고객 이름(표시명)", { maxLength: 50, placeholder: "예: 101동 1001호" })}
            {field("customerBirth", "생년월일 (선택)", { type: "date" })}
          </div>
          <p className="text-xs text-ink-mute">
            고객번호는 우리가 관리하는 고객번호나 계약번호입니다 (영문·숫자·-·_, 50자 이내). 카카오페이가 청구서를 찾는
            열쇠라 링크를 만든 뒤에는 바꿀 수 없고, 전화번호처럼 밖에서도 사람을 알아볼 수 있는 번호는 쓸 수 없습니다.
            생년월일을 넣으면 같은 생년월일을 입력한 고객에게만 청구서가 보입니다.
          </p>
        </section>

        <section className="card space-y-3 p-4">
          <h2 className="font-semibold">청구 정보</h2>
          {field("title", "청구서명", { maxLength: 100, placeholder: "예: 2026년 7월 관리비" })}
          <div className="grid gap-3 sm:grid-cols-3">
            {field("billedYearMonth", "청구 연월", { type: "month", locked: true })}
            {field("ordinal", "회차 (선택)", { maxLength: 24, placeholder: "같은 달 여러 건일 때", locked: true })}
            {field("billerNoticeKey", "청구서 식별 코드 (선택)", {
              maxLength: 80,
              placeholder: "비우면 자동 생성",
              locked: true,
            })}
          </div>
          <p className="text-xs text-ink-mute">
            회차는 같은 고객에게 같은 달 청구서를 여러 장 보낼 때 구분하는 값입니다 (영문·숫자). 식별 코드는 이 청구서
            한 장을 가리키는 코드로, 비워 두면 자동으로 만듭니다.
          </p>
          <div className="grid gap-3 sm:grid-cols-3">
            {field("amount", "청구 금액 (원)", { money: true })}
            {field("taxFreeAmount", "그중 비과세 (원)", { money: true })}
            {field("vatAmount", `부가세 (비우면 ${autoVat.toLocaleString("ko-KR")}원)`, {
              money: true,
              placeholder: "자동 계산",
            })}
          </div>
          <div className="grid gap-3 sm:grid-cols-3">
            <div>
              <label className="label" htmlFor="expireType">
                납부 기한 <span className="ml-1 font-mono text-[11px] font-normal text-ink-mute">{v.expireType}</span>
              </label>
              <select
                id="expireType"
                className="input"
                value={v.expireType}
                onChange={(e) => set("expireType", e.target.value as BillFormValues["expireType"])}
              >
                <option value="D1">납기일까지</option>
                <option value="D2">두 번째 납기일까지</option>
                <option value="D0">기한 없음</option>
              </select>
            </div>
            {field("payExpireDate", "납기일", { type: "date" })}
            {v.expireType === "D2" && field("secondPayExpireDate", "두 번째 납기일", { type: "date" })}
          </div>
          <p className="text-xs text-ink-mute">
            {v.expireType === "D0"
              ? "기한 없음: 납기일이 지나도 카카오페이에서 납부할 수 있습니다. 납기일은 고객 안내용으로만 보입니다."
              : v.expireType === "D2"
                ? "두 번째 납기일이 지나면 카카오페이에서 납부할 수 없고, 고객에게 '납부기한이 경과하여 납부가 불가능합니다'라는 안내가 나옵니다."
                : "납기일이 지나면 카카오페이에서 납부할 수 없고, 고객에게 '납부기한이 경과하여 납부가 불가능합니다'라는 안내가 나옵니다."}
          </p>
        </section>

        <section className="card space-y-3 p-4" id="bank-accounts">
          <div className="flex items-center justify-between gap-2">
            <h2 className="font-semibold">계좌 송금 (선택)</h2>
            <button
              type="button"
              className="btn-ghost py-1.5 text-sm"
              disabled={v.bankAccounts.length >= 5}
              onClick={() =>
                set("bankAccounts", [
                  ...v.bankAccounts,
                  { bankCode: "", accountNo: "", holderName: "", senderName: "", accountType: "VIRTUAL" },
                ])
              }
              data-testid="add-bank-account"
            >
              + 계좌
            </button>
          </div>
          <p className="text-xs text-ink-mute">
            카카오페이와 계좌 송금을 따로 협의한 경우에만 넣으세요. 고객 화면에 은행·계좌번호가 보이고 송금으로도 낼 수
            있습니다.
          </p>
          <FieldError errors={errors} name="bankAccounts" />
          {v.bankAccounts.map((a, i) => {
            const known = a.bankCode === "" || BANK_LIST.some((b) => b.code === a.bankCode);
            const text = (
              f: "accountNo" | "holderName",
              label: string,
              input: React.InputHTMLAttributes<HTMLInputElement>,
            ) => (
              <AccountField i={i} f={f} label={label} errors={errors}>
                {(props) => (
                  <input
                    {...props}
                    className="input mt-1 py-2"
                    value={a[f]}
                    onChange={(e) => setAccount(i, { [f]: e.target.value })}
                    {...input}
                  />
                )}
              </AccountField>
            );
            return (
              <fieldset
                key={i}
                className="grid gap-2 rounded-xl bg-paper p-3 sm:grid-cols-[minmax(8.5rem,1fr)_minmax(0,1.7fr)_minmax(0,1fr)_7.5rem_auto] sm:items-start"
                data-testid={`bank-account-${i}`}
              >
                <legend className="sr-only">계좌 {i + 1}</legend>
                <AccountField i={i} f="bankCode" label="은행" errors={errors}>
                  {(props) => (
                    <>
                      <select
                        {...props}
                        className="input mt-1 py-2"
                        value={a.bankCode}
                        onChange={(e) => setAccount(i, { bankCode: e.target.value })}
                      >
                        <option value="">은행 선택</option>
                        {!known && <option value={a.bankCode}>알 수 없는 은행 ({a.bankCode})</option>}
                        {BANK_LIST.map((b) => (
                          <option key={b.code} value={b.code}>
                            {b.name}
                          </option>
                        ))}
                      </select>
                      {a.bankCode && (
                        <span className="mt-0.5 block font-mono text-[11px] text-ink-mute">은행코드 {a.bankCode}</span>
                      )}
                    </>
                  )}
                </AccountField>
                {text("accountNo", "계좌번호", { inputMode: "numeric", placeholder: "숫자와 -", maxLength: 50 })}
                {text("holderName", "예금주 (선택)", { maxLength: 20 })}
                <AccountField i={i} f="accountType" label="계좌 구분" errors={errors}>
                  {(props) => (
                    <select
                      {...props}
                      className="input mt-1 py-2 pr-8"
                      value={a.accountType}
                      onChange={(e) => setAccount(i, { accountType: e.target.value as "NORMAL" | "VIRTUAL" })}
                    >
                      <option value="VIRTUAL">가상계좌</option>
                      <option value="NORMAL">일반계좌</option>
                    </select>
                  )}
                </AccountField>
                <button
                  type="button"
                  className="btn-ghost py-2 text-sm sm:mt-5"
                  onClick={() => {
                    set("bankAccounts", dropAt(v.bankAccounts, i));
                    clear("bankAccounts");
                  }}
                >
                  삭제
                </button>
              </fieldset>
            );
          })}
        </section>

        <section className="card space-y-3 p-4" id="details-section">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="font-semibold">
              상세 항목 ({v.details.length}/{MAX_DETAILS})
            </h2>
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
          <p className="text-xs text-ink-mute">
            고객의 청구서 화면에서 금액 아래에 보이는 내용입니다. 종류: 항목별 금액(항목명·내용 목록), 안내 문구(줄글),
            표, 막대그래프. 최대 {MAX_DETAILS}개, 순서는 ↑↓로 바꿉니다.
          </p>
          <FieldError errors={errors} name="details" />
          {v.details.length === 0 && (
            <p className="text-sm text-ink-mute">청구서 화면에 보여줄 상세 내역을 추가하세요.</p>
          )}
          {v.details.map((d, i) => (
            <DetailEditor
              key={i}
              index={i}
              detail={d}
              errors={errors}
              onChange={(nd) => setDetail(i, nd)}
              onRemove={() => {
                set("details", dropAt(v.details, i));
                clear("details");
              }}
              onMove={(dir) => moveDetail(i, dir)}
            />
          ))}
        </section>

        {errorList.length > 0 ? (
          <div
            className="rounded-xl border border-red-200 bg-red-50 p-3 text-sm text-red-800"
            role="alert"
            data-testid="bill-form-error"
            id="bill-form-error"
          >
            <p className="font-semibold">입력 내용을 확인해 주세요 ({errorList.length}건)</p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {errorList.map(([k, msg]) => (
                <li key={k}>
                  <a
                    href={`#${fieldAnchor(k)}`}
                    className="underline"
                    data-testid="bill-form-error-link"
                    onClick={(e) => {
                      // Move the focus too (a fragment link only scrolls), so typing fixes the field at once.
                      const el = document.getElementById(fieldAnchor(k));
                      if (!el) return;
                      e.preventDefault();
                      el.scrollIntoView({ block: "center" });
                      el.focus({ preventScroll: true });
                    }}
                  >
                    {fieldLabel(k)}
                  </a>
                  : {msg}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          state.message &&
          !state.fields && (
            <p
              className="rounded-xl bg-red-50 p-3 text-sm text-red-700"
              role="alert"
              data-testid="bill-form-error"
              id="bill-form-error"
            >
              {state.message}
            </p>
          )
        )}
        <Submit editing={Boolean(billId)} />
      </div>

      <aside className="min-w-0 lg:sticky lg:top-4 lg:self-start">
        <p className="mb-2 text-sm font-medium text-ink-soft">고객 화면 미리보기</p>
        <BillPreview bill={{ ...payload, amount, details: v.details }} />
      </aside>
    </form>
  );
}

function DetailEditor(props: {
  index: number;
  detail: Detail;
  errors?: Record<string, string>;
  onChange: (d: Detail) => void;
  onRemove: () => void;
  onMove: (dir: -1 | 1) => void;
}) {
  const { detail: d, index: i, errors, onChange } = props;
  const p = `details.${i}`;
  const small = "input py-2 text-sm";
  // Every message of this item (not only the first), without repeating one.
  const itemErrors = [
    ...new Set(
      Object.entries(errors ?? {})
        .filter(([k]) => k === p || k.startsWith(`${p}.`))
        .map(([, m]) => m),
    ),
  ];
  const name = detailTypeLabel[d.type as DetailType];
  return (
    <div className="space-y-2 rounded-xl border border-line p-3" data-testid={`detail-${d.type}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-sm font-semibold">
          {i + 1}. {name}{" "}
          <span className="ml-1 rounded bg-paper px-1.5 py-0.5 font-mono text-[11px] font-normal text-ink-mute">
            {d.type}
          </span>
        </span>
        <div className="flex shrink-0 gap-1 whitespace-nowrap text-xs">
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
      <p className="text-xs text-ink-mute">{detailTypeHelp[d.type as DetailType]}</p>
      <input
        id={`details-${i}-title`}
        className={small}
        aria-label={`${name} 제목`}
        placeholder="제목 (예: 전체청구금액)"
        value={d.title}
        maxLength={50}
        onChange={(e) => onChange({ ...d, title: e.target.value })}
        {...(itemErrors.length > 0 && { "aria-invalid": true, "aria-describedby": `details-${i}-errors` })}
      />
      {d.type === "KEY_VALUE" && (
        <div className="space-y-1.5">
          {d.rows.map((r, j) => (
            <div
              key={j}
              className={`grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)] gap-1.5 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto_auto] ${r.level === 2 ? "border-l-2 border-kakao pl-2" : ""}`}
            >
              <input
                className={small}
                aria-label="항목명"
                placeholder="항목명"
                value={r.key}
                onChange={(e) => onChange({ ...d, rows: patchAt(d.rows, j, (x) => ({ ...x, key: e.target.value })) })}
              />
              <input
                className={small}
                aria-label="내용"
                placeholder="내용 (예: 20,000원)"
                value={r.value}
                onChange={(e) => onChange({ ...d, rows: patchAt(d.rows, j, (x) => ({ ...x, value: e.target.value })) })}
              />
              <label className="flex items-center gap-1.5 whitespace-nowrap rounded-xl border border-line px-2.5 text-sm">
                <input
                  type="checkbox"
                  className="size-4"
                  checked={r.level === 2}
                  onChange={(e) =>
                    onChange({
                      ...d,
                      rows: patchAt(d.rows, j, (x) => ({
                        ...x,
                        level: e.target.checked ? (2 as const) : (1 as const),
                      })),
                    })
                  }
                />
                들여쓰기
              </label>
              <RemoveButton
                wide
                label={`${j + 1}행 삭제`}
                disabled={d.rows.length <= 1}
                onClick={() => onChange({ ...d, rows: dropAt(d.rows, j) })}
              />
            </div>
          ))}
          <AddButton onClick={() => onChange({ ...d, rows: [...d.rows, { key: "", value: "", level: 1 }] })}>
            + 행 추가
          </AddButton>
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
              <input
                key={k}
                className={`${small} min-w-24 font-semibold`}
                aria-label={`열 제목 ${k + 1}`}
                value={h}
                onChange={(e) => onChange({ ...d, head: patchAt(d.head, k, () => e.target.value) })}
              />
            ))}
            <button
              type="button"
              className="btn-ghost shrink-0 whitespace-nowrap px-2 py-1 text-xs"
              disabled={d.head.length >= 6}
              onClick={() => onChange({ ...d, head: [...d.head, ""], rows: d.rows.map((r) => [...r, ""]) })}
            >
              +열
            </button>
            <button
              type="button"
              className="btn-ghost shrink-0 whitespace-nowrap px-2 py-1 text-xs"
              disabled={d.head.length <= 1}
              onClick={() => onChange({ ...d, head: d.head.slice(0, -1), rows: d.rows.map((r) => r.slice(0, -1)) })}
            >
              −열
            </button>
          </div>
          {d.rows.map((r, j) => (
            <div key={j} className="flex gap-1.5">
              {r.map((c, k) => (
                <input
                  key={k}
                  className={`${small} min-w-24`}
                  aria-label={`${j + 1}행 ${k + 1}열`}
                  value={c}
                  onChange={(e) =>
                    onChange({ ...d, rows: patchAt(d.rows, j, (row) => patchAt(row, k, () => e.target.value)) })
                  }
                />
              ))}
              <RemoveButton disabled={d.rows.length <= 1} onClick={() => onChange({ ...d, rows: dropAt(d.rows, j) })} />
            </div>
          ))}
          <AddButton onClick={() => onChange({ ...d, rows: [...d.rows, d.head.map(() => "")] })}>+ 행 추가</AddButton>
        </div>
      )}
      {d.type === "GRAPH" && (
        <div className="space-y-1.5">
          <input
            className={small}
            aria-label="축 이름"
            placeholder="축 이름 (예: 원/월)"
            value={d.unitName ?? ""}
            maxLength={20}
            onChange={(e) => onChange({ ...d, unitName: e.target.value })}
          />
          {d.points.map((pt, j) => (
            <div key={j} className="grid grid-cols-[1fr_1fr_auto] gap-1.5">
              <input
                className={small}
                aria-label="X축 값"
                placeholder="X (예: 07)"
                value={pt.x}
                maxLength={10}
                onChange={(e) => onChange({ ...d, points: patchAt(d.points, j, (x) => ({ ...x, x: e.target.value })) })}
              />
              <input
                className={small}
                aria-label="Y축 값"
                inputMode="numeric"
                placeholder="Y (숫자)"
                value={Number.isFinite(pt.y) ? String(pt.y) : ""}
                onChange={(e) => {
                  const y = e.target.value.trim() === "" ? Number.NaN : Number(e.target.value.replace(/,/g, ""));
                  onChange({ ...d, points: patchAt(d.points, j, (x) => ({ ...x, y })) });
                }}
              />
              <RemoveButton
                disabled={d.points.length <= 1}
                onClick={() => onChange({ ...d, points: dropAt(d.points, j) })}
              />
            </div>
          ))}
          <AddButton
            disabled={d.points.length >= MAX_GRAPH_POINTS}
            onClick={() => onChange({ ...d, points: [...d.points, { x: "", y: 0 }] })}
          >
            + 값 추가 (최대 {MAX_GRAPH_POINTS}개)
          </AddButton>
        </div>
      )}
      <input
        className={small}
        aria-label={`${name} 참고사항`}
        placeholder="참고사항 (선택)"
        value={d.description ?? ""}
        maxLength={200}
        onChange={(e) => onChange({ ...d, description: e.target.value })}
      />
      {itemErrors.length > 0 && (
        <ul className="space-y-0.5 text-xs text-red-600" id={`details-${i}-errors`} data-testid={`error-details-${i}`}>
          {itemErrors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The "−" that removes one line of an item (`wide` for the key/value rows). */
function RemoveButton({
  label,
  wide,
  disabled,
  onClick,
}: {
  label?: string;
  wide?: boolean;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={`btn-ghost ${wide ? "px-3" : "px-2"} py-1 text-xs`}
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
    >
      −
    </button>
  );
}

/** The "+ 행 추가" / "+ 값 추가" link-styled button under an item's lines. */
function AddButton({
  disabled,
  onClick,
  children,
}: {
  disabled?: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button type="button" className="text-xs font-semibold text-blue-700" disabled={disabled} onClick={onClick}>
      {children}
    </button>
  );
}
