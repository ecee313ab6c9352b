"use client";
// Issue the customer's link through the agency (create / re-create); failures show the agency's
// code, what it means and what to do, with the button for the next step (E818 → re-create …).
// Only the call that can succeed is offered: 링크 생성 while the bill has no link, 링크 재생성 once it
// has one (a second create is always E818, a re-create without a link always E812).
import { useActionState, useState } from "react";
import { useFormStatus } from "react-dom";
import { issueLinkAction, type LinkState } from "../actions";

function ModeButton({ mode, primary, label }: { mode: "create" | "recreate"; primary?: boolean; label: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      name="mode"
      value={mode}
      className={`${primary ? "btn-kakao" : "btn-ghost"} flex-1`}
      disabled={pending}
      data-testid={`link-${mode}`}
    >
      {pending ? "에이전시에 요청 중…" : label}
    </button>
  );
}

export function LinkPanel(props: { billId: string; hasLink: boolean; defaultExpireAt: string }) {
  const [state, action] = useActionState<LinkState, FormData>(issueLinkAction, {});
  const [expireAt, setExpireAt] = useState(props.defaultExpireAt);
  const offer = state.failure?.offer;
  return (
    <form action={action} className="space-y-3" data-testid="link-form">
      <input type="hidden" name="billId" value={props.billId} />
      <div>
        <label className="label" htmlFor="expireAt">
          링크 만료 일시 (한국 시간)
        </label>
        <input
          id="expireAt"
          name="expireAt"
          type="datetime-local"
          className="input"
          value={expireAt}
          onChange={(e) => setExpireAt(e.target.value)}
        />
      </div>
      <div className="flex gap-2">
        {props.hasLink ? (
          <ModeButton mode="recreate" primary label="링크 재생성" />
        ) : (
          <ModeButton mode="create" primary label="링크 생성" />
        )}
      </div>
      {props.hasLink && (
        <p className="text-xs text-ink-mute">
          재생성하면 새 링크가 발급되고 이전 링크는 더 이상 열리지 않습니다. 만료된 링크를 다시 보낼 때 쓰세요.
        </p>
      )}
      {state.ok && (
        <p className="rounded-xl bg-green-50 p-3 text-sm text-green-800" role="status" data-testid="link-result">
          {state.mode === "create"
            ? "링크를 생성했습니다."
            : "링크를 재생성했습니다. 이전 링크는 더 이상 열리지 않습니다."}
        </p>
      )}
      {state.failure && (
        <div className="rounded-xl border border-red-200 bg-red-50 p-3 text-sm" role="alert" data-testid="link-error">
          <p className="font-semibold text-red-800">
            <span className="mr-1 rounded bg-red-100 px-1.5 py-0.5 font-mono text-xs" data-testid="link-error-code">
              {state.failure.code}
            </span>
            {state.failure.message}
          </p>
          {state.failure.actionText && <p className="mt-1 text-red-900">→ {state.failure.actionText}</p>}
          {offer && (
            <button
              name="mode"
              value={offer}
              className="btn-dark mt-2 w-full py-2 text-sm"
              data-testid={`offer-${offer}`}
            >
              {offer === "recreate" ? "링크 재생성 하기" : "링크 생성 하기"}
            </button>
          )}
        </div>
      )}
    </form>
  );
}
