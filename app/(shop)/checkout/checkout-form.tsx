"use client";
import { useActionState } from "react";
import { SubmitButton } from "../../_components/submit-button";
import { checkoutAction, type CheckoutState } from "../actions";

export function CheckoutForm({ methods, total }: { methods: Array<{ id: string; label: string; description: string }>; total: number }) {
  const [state, action] = useActionState<CheckoutState, FormData>(checkoutAction, {});
  const v = state.values ?? {};
  const fe = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <section className="card space-y-3 p-4">
        <h2 className="font-semibold">주문자 정보</h2>
        <div>
          <label className="label" htmlFor="name">
            이름
          </label>
          <input id="name" name="name" className="input" autoComplete="name" defaultValue={v.name} maxLength={30} required aria-invalid={!!fe.name} />
          {fe.name && <p className="mt-1 text-sm text-red-600">{fe.name}</p>}
        </div>
        <div>
          <label className="label" htmlFor="phone">
            휴대폰 번호
          </label>
          <input id="phone" name="phone" className="input" inputMode="tel" autoComplete="tel" placeholder="010-1234-5678" defaultValue={v.phone} required aria-invalid={!!fe.phone} />
          {fe.phone && <p className="mt-1 text-sm text-red-600">{fe.phone}</p>}
        </div>
        <div>
          <label className="label" htmlFor="email">
            이메일
          </label>
          <input id="email" name="email" type="email" className="input" autoComplete="email" placeholder="you@example.com" defaultValue={v.email} required aria-invalid={!!fe.email} />
          {fe.email && <p className="mt-1 text-sm text-red-600">{fe.email}</p>}
        </div>
      </section>
      <fieldset className="card space-y-2 p-4">
        <legend className="float-left mb-2 font-semibold">결제수단</legend>
        <div className="clear-both space-y-2">
          {methods.map((m, i) => (
            <label key={m.id} className="flex cursor-pointer items-center gap-3 rounded-xl border border-line p-3 has-[:checked]:border-ink has-[:checked]:bg-paper">
              <input type="radio" name="method" value={m.id} defaultChecked={v.method ? v.method === m.id : i === 0} className="size-4 accent-black" />
              <span className="grid size-8 place-items-center rounded-lg bg-kakao text-xs font-bold">pay</span>
              <span>
                <span className="block font-medium">{m.label}</span>
                <span className="block text-xs text-ink-mute">{m.description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {state.error && (
        <p className="rounded-xl bg-red-50 p-3 text-sm text-red-700" role="alert" data-testid="checkout-error">
          {state.error}
        </p>
      )}
      <p className="text-xs text-ink-mute">주문 내용을 확인했으며 결제에 동의합니다. 결제 금액은 서버에서 다시 계산됩니다.</p>
      <SubmitButton className="btn-kakao w-full text-base" pending="결제창으로 이동하는 중…" data-testid="pay-button">
        {`${total.toLocaleString("ko-KR")}원 결제하기`}
      </SubmitButton>
    </form>
  );
}
