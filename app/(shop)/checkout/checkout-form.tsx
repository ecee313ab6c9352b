"use client";
import { useActionState, useEffect, useRef, useState } from "react";
import { checkoutFields } from "@/lib/shop/checkout-fields";
import { SubmitButton } from "../../_components/submit-button";
import { checkoutAction, type CheckoutState } from "../actions";
import { PostcodeSearch } from "./postcode-search";

type Props = {
  methods: Array<{ id: string; label: string; description: string }>;
  total: number;
  buyNow: { productId: string; quantity: number } | null;
  agreements: Array<{ key: string; title: string; text: string }>;
  postcodeScript: string | null;
};

const memoSuggestions = [
  "문 앞에 놓아 주세요",
  "경비실에 맡겨 주세요",
  "배송 전에 연락 주세요",
  "택배함에 넣어 주세요",
];

export function CheckoutForm({ methods, total, buyNow, agreements, postcodeScript }: Props) {
  const [state, action] = useActionState<CheckoutState, FormData>(checkoutAction, {});
  const v = state.values ?? {};
  const fe = state.fieldErrors ?? {};
  const formRef = useRef<HTMLFormElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const [same, setSame] = useState(v.sameAsBuyer === "1");
  const [buyer, setBuyer] = useState({ name: v.name ?? "", phone: v.phone ?? "" });
  const [recipient, setRecipient] = useState({ name: v.recipientName ?? "", phone: v.recipientPhone ?? "" });
  const [agreed, setAgreed] = useState<Record<string, boolean>>({
    privacy: v.agreePrivacy === "1",
    thirdParty: v.agreeThirdParty === "1",
  });

  // The server answered with errors: the fields show what it sent back (React's "adjust state when a prop
  // changes": set during render, not in an effect).
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    if (state.error) {
      setSame(state.values?.sameAsBuyer === "1");
      setBuyer({ name: state.values?.name ?? "", phone: state.values?.phone ?? "" });
      setRecipient({ name: state.values?.recipientName ?? "", phone: state.values?.recipientPhone ?? "" });
      setAgreed({ privacy: state.values?.agreePrivacy === "1", thirdParty: state.values?.agreeThirdParty === "1" });
    }
  }

  // After the server answers with errors: focus the first field in error (or the message).
  useEffect(() => {
    if (!state.error) return;
    const first = checkoutFields.find((f) => state.fieldErrors?.[f]);
    const el = first ? formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`) : null;
    (el ?? errorRef.current)?.focus();
  }, [state]);

  const field = (name: string, label: string, input: React.ReactNode, hint?: string) => (
    <div>
      <label className="label" htmlFor={name}>
        {label}
      </label>
      {input}
      {hint && !fe[name] && (
        <p id={`${name}-hint`} className="mt-1 text-xs text-ink-soft">
          {hint}
        </p>
      )}
      {fe[name] && (
        <p id={`${name}-error`} className="mt-1 text-sm text-red-700" data-testid={`error-${name}`}>
          {fe[name]}
        </p>
      )}
    </div>
  );
  const aria = (name: string, hint = false) => ({
    "aria-invalid": fe[name] ? true : undefined,
    "aria-describedby": fe[name] ? `${name}-error` : hint ? `${name}-hint` : undefined,
  });
  // Safari keeps pages in its back/forward cache even with no-store: a page restored while its button
  // still said "결제창으로 이동하는 중…" would be a dead end — load it afresh instead.
  useEffect(() => {
    const onShow = (e: PageTransitionEvent) => {
      if (e.persisted) window.location.reload();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);
  const allAgreed = agreements.every((a) => agreed[a.key]);

  return (
    <form
      ref={formRef}
      action={action}
      className="space-y-4 [&_input]:scroll-mt-24 [&_input[aria-invalid=true]]:border-red-600"
      noValidate
      key={JSON.stringify(state.values ?? {})}
    >
      {buyNow && (
        <>
          <input type="hidden" name="productId" value={buyNow.productId} />
          <input type="hidden" name="quantity" value={buyNow.quantity} />
        </>
      )}
      {state.error && (
        <div
          ref={errorRef}
          tabIndex={-1}
          className="rounded-xl bg-red-50 p-3 text-sm text-red-700"
          role="alert"
          data-testid="checkout-error"
        >
          {state.error}
        </div>
      )}
      <section className="card space-y-3 p-4">
        <h2 className="font-semibold">주문자 정보</h2>
        {field(
          "name",
          "이름",
          <input
            id="name"
            name="name"
            className="input"
            autoComplete="name"
            defaultValue={v.name}
            maxLength={30}
            required
            {...aria("name")}
            onChange={(e) => setBuyer((b) => ({ ...b, name: e.target.value }))}
          />,
        )}
        {field(
          "phone",
          "휴대폰 번호",
          <input
            id="phone"
            name="phone"
            className="input"
            inputMode="tel"
            autoComplete="tel"
            placeholder="010-1234-5678"
            defaultValue={v.phone}
            required
            {...aria("phone")}
            onChange={(e) => setBuyer((b) => ({ ...b, phone: e.target.value }))}
          />,
        )}
        {field(
          "email",
          "이메일",
          <input
            id="email"
            name="email"
            type="email"
            className="input"
            autoComplete="email"
            placeholder="you@example.com"
            defaultValue={v.email}
            required
            {...aria("email")}
          />,
        )}
      </section>

      <section className="card space-y-3 p-4" data-testid="shipping">
        <div className="flex items-center justify-between gap-2">
          <h2 className="font-semibold">배송지</h2>
          <label className="flex cursor-pointer items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="sameAsBuyer"
              value="1"
              checked={same}
              onChange={(e) => setSame(e.target.checked)}
              className="size-4 accent-black"
            />
            주문자와 동일
          </label>
        </div>
        {field(
          "recipientName",
          "받는 분",
          <input
            id="recipientName"
            name="recipientName"
            className="input read-only:bg-paper"
            autoComplete="shipping name"
            maxLength={30}
            required
            readOnly={same}
            value={same ? buyer.name : recipient.name}
            onChange={(e) => setRecipient((r) => ({ ...r, name: e.target.value }))}
            {...aria("recipientName")}
          />,
        )}
        {field(
          "recipientPhone",
          "연락처",
          <input
            id="recipientPhone"
            name="recipientPhone"
            className="input read-only:bg-paper"
            inputMode="tel"
            autoComplete="shipping tel"
            placeholder="010-1234-5678"
            required
            readOnly={same}
            value={same ? buyer.phone : recipient.phone}
            onChange={(e) => setRecipient((r) => ({ ...r, phone: e.target.value }))}
            {...aria("recipientPhone")}
          />,
        )}
        <PostcodeSearch
          scriptUrl={postcodeScript}
          values={{ postcode: v.postcode ?? "", address1: v.address1 ?? "" }}
          errors={{ postcode: fe.postcode, address1: fe.address1 }}
        />
        {field(
          "address2",
          "상세주소",
          <input
            id="address2"
            name="address2"
            className="input"
            autoComplete="shipping address-line2"
            placeholder="동·호수 등"
            maxLength={100}
            required
            defaultValue={v.address2}
            {...aria("address2")}
          />,
        )}
        {field(
          "deliveryMemo",
          "배송 메모 (선택)",
          <>
            <input
              id="deliveryMemo"
              name="deliveryMemo"
              className="input"
              list="memo-suggestions"
              maxLength={100}
              placeholder="예: 문 앞에 놓아 주세요"
              defaultValue={v.deliveryMemo}
              {...aria("deliveryMemo")}
            />
            <datalist id="memo-suggestions">
              {memoSuggestions.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </>,
        )}
      </section>

      <fieldset className="card space-y-2 p-4">
        <legend className="float-left mb-2 font-semibold">결제수단</legend>
        <div className="clear-both space-y-2">
          {methods.map((m, i) => (
            <label
              key={m.id}
              className="flex cursor-pointer items-center gap-3 rounded-xl border border-line p-3 has-[:checked]:border-ink has-[:checked]:bg-paper"
            >
              <input
                type="radio"
                name="method"
                value={m.id}
                defaultChecked={v.method ? v.method === m.id : i === 0}
                className="size-4 accent-black"
              />
              <span className="grid size-8 shrink-0 place-items-center rounded-lg bg-kakao text-xs font-bold">pay</span>
              <span className="min-w-0">
                <span className="block font-medium">{m.label}</span>
                <span className="block text-xs text-ink-soft">{m.description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <section className="card space-y-3 p-4" data-testid="agreements">
        <label className="flex cursor-pointer items-center gap-2 font-semibold">
          <input
            type="checkbox"
            className="size-5 accent-black"
            checked={allAgreed}
            onChange={(e) => setAgreed(Object.fromEntries(agreements.map((a) => [a.key, e.target.checked])))}
          />
          주문 내용 확인 및 전체 동의
        </label>
        <div className="space-y-2 border-t border-line pt-3">
          {agreements.map((a) => {
            const name = a.key === "privacy" ? "agreePrivacy" : "agreeThirdParty";
            return (
              <div key={a.key}>
                <label className="flex cursor-pointer items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name={name}
                    value="1"
                    className="mt-0.5 size-4 shrink-0 accent-black"
                    checked={!!agreed[a.key]}
                    onChange={(e) => setAgreed((x) => ({ ...x, [a.key]: e.target.checked }))}
                    aria-invalid={fe[name] ? true : undefined}
                    aria-describedby={[`${name}-text`, fe[name] ? `${name}-error` : ""].filter(Boolean).join(" ")}
                  />
                  <span>
                    <span className="font-medium">[필수]</span> {a.title}
                  </span>
                </label>
                <details className="ml-6 mt-1 text-xs text-ink-soft">
                  <summary className="cursor-pointer select-none">내용 보기</summary>
                  <p id={`${name}-text`} className="mt-1 whitespace-pre-line rounded-lg bg-paper p-2 leading-relaxed">
                    {a.text}
                  </p>
                </details>
                {fe[name] && (
                  <p id={`${name}-error`} className="ml-6 mt-1 text-sm text-red-700" data-testid={`error-${name}`}>
                    {fe[name]}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      </section>

      <SubmitButton className="btn-kakao w-full text-base" pending="결제창으로 이동하는 중…" data-testid="pay-button">
        {`${total.toLocaleString("ko-KR")}원 결제하기`}
      </SubmitButton>
    </form>
  );
}
