"use client";
import { useActionState, useEffect, useRef, useState } from "react";
import { checkoutFields } from "@/lib/shop/checkout-fields";
import { ChoiceCards, methodChoices } from "../../_components/choice-card";
import { Field } from "../../_components/field";
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

/** What each text input of the form is, by name (the same ids, names and test ids as the server's fields). */
const INPUTS = {
  name: { label: "이름", autoComplete: "name", maxLength: 30 },
  phone: { label: "휴대폰 번호", inputMode: "tel", autoComplete: "tel", placeholder: "010-1234-5678" },
  email: { label: "이메일", type: "email", autoComplete: "email", placeholder: "you@example.com" },
  recipientName: { label: "받는 분", autoComplete: "shipping name", maxLength: 30 },
  recipientPhone: { label: "연락처", inputMode: "tel", autoComplete: "shipping tel", placeholder: "010-1234-5678" },
  address2: { label: "상세주소", autoComplete: "shipping address-line2", placeholder: "동·호수 등", maxLength: 100 },
  deliveryMemo: {
    label: "배송 메모 (선택)",
    list: "memo-suggestions",
    maxLength: 100,
    placeholder: "예: 문 앞에 놓아 주세요",
  },
} as const;

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

  // Safari keeps pages in its back/forward cache even with no-store: a page restored while its button
  // still said "결제창으로 이동하는 중…" would be a dead end — load it afresh instead.
  useEffect(() => {
    const onShow = (e: PageTransitionEvent) => {
      if (e.persisted) window.location.reload();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);
  const input = (id: keyof typeof INPUTS) => ({ id, error: fe[id], ...INPUTS[id] });
  const onBuyer = (k: "name" | "phone") => (e: React.ChangeEvent<HTMLInputElement>) =>
    setBuyer((b) => ({ ...b, [k]: e.target.value }));
  /** 받는 분 / 연락처: the buyer's while 주문자와 동일 is ticked (read-only), otherwise their own. */
  const recipientInput = (k: "name" | "phone") => ({
    className: "input read-only:bg-paper",
    readOnly: same,
    value: same ? buyer[k] : recipient[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setRecipient((r) => ({ ...r, [k]: e.target.value })),
  });
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
        <Field {...input("name")} defaultValue={v.name} required onChange={onBuyer("name")} />
        <Field {...input("phone")} defaultValue={v.phone} required onChange={onBuyer("phone")} />
        <Field {...input("email")} defaultValue={v.email} required />
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
        <Field {...input("recipientName")} {...recipientInput("name")} required />
        <Field {...input("recipientPhone")} {...recipientInput("phone")} required />
        <PostcodeSearch
          scriptUrl={postcodeScript}
          values={{ postcode: v.postcode ?? "", address1: v.address1 ?? "" }}
          errors={{ postcode: fe.postcode, address1: fe.address1 }}
        />
        <Field {...input("address2")} defaultValue={v.address2} required />
        <Field {...input("deliveryMemo")} defaultValue={v.deliveryMemo} />
        <datalist id="memo-suggestions">
          {memoSuggestions.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </section>

      <fieldset className="card space-y-2 p-4">
        <legend className="float-left mb-2 font-semibold">결제수단</legend>
        <div className="clear-both space-y-2">
          <ChoiceCards
            name="method"
            choices={methodChoices(methods)}
            defaultValue={v.method || methods[0]?.id}
            badge={
              <span className="grid size-8 shrink-0 place-items-center rounded-lg bg-kakao text-xs font-bold">pay</span>
            }
          />
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
