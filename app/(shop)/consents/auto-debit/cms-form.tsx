"use client";
import { FieldNote, fieldAria } from "../../../_components/field";
import { SubmitButton } from "../../../_components/submit-button";
import { requestCmsAction } from "../actions";
import { ConsentForm, Fields, FormError, SignerFields } from "../_fields";
import { useConsentForm } from "../_use-consent-form";

const ACCOUNT = [
  { id: "accountNumber", label: "계좌번호", inputMode: "numeric", placeholder: "숫자만 또는 '-' 포함", maxLength: 40 },
  { id: "accountHolder", label: "예금주", maxLength: 20 },
] as const;
const HOLDER_HINT = "출금동의는 예금주 본인만 할 수 있습니다. 서명한 분과 예금주가 다르면 동의가 무효 처리됩니다.";

export function CmsForm({ banks, order }: { banks: readonly string[]; order?: string }) {
  const { state, action, formRef, values: v, errors: fe } = useConsentForm(requestCmsAction);
  return (
    <ConsentForm formRef={formRef} action={action} order={order}>
      <section className="card space-y-3 p-4">
        <h2 className="font-semibold">신청인 정보</h2>
        <SignerFields values={v} errors={fe} phoneHint="이 번호의 카카오톡으로 인증 요청이 갑니다." />
      </section>
      <section className="card space-y-3 p-4">
        <h2 className="font-semibold">출금 계좌</h2>
        <div>
          <label className="label" htmlFor="bankName">
            은행
          </label>
          <select
            id="bankName"
            name="bankName"
            className="input"
            defaultValue={v.bankName ?? ""}
            {...fieldAria("bankName", fe.bankName, false)}
            required
          >
            <option value="" disabled>
              은행을 선택해 주세요
            </option>
            {banks.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
          <FieldNote id="bankName" error={fe.bankName} />
        </div>
        <Fields specs={ACCOUNT} values={v} errors={fe} hints={{ accountHolder: HOLDER_HINT }} />
      </section>
      <FormError message={state.error} />
      <p className="text-xs leading-relaxed text-ink-mute">
        [신청하기]를 누르면 카카오톡으로 출금동의 전자서명 요청이 발송됩니다. 5분 안에 카카오톡에서 서명해 주세요.
        입력한 정보는 자동이체 처리에만 사용됩니다.
      </p>
      <SubmitButton className="btn-kakao w-full text-base" pending="카카오톡으로 요청하는 중…" data-testid="cms-submit">
        카카오톡으로 출금동의 신청하기
      </SubmitButton>
    </ConsentForm>
  );
}
