// Form pieces shared by the consent forms (server-safe: no hooks).
import { Field } from "../../_components/field";

export { Field };

/** 이름 · 휴대폰 번호 · 생년월일 of the person who signs in KakaoTalk (both consent forms). */
export function SignerFields({
  values: v,
  errors: fe,
  nameHint,
  phoneHint,
}: {
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
  nameHint?: string;
  phoneHint?: string;
}) {
  return (
    <>
      <Field
        id="name"
        label="이름"
        autoComplete="name"
        defaultValue={v.name}
        maxLength={20}
        error={fe.name}
        hint={nameHint}
        required
      />
      <Field
        id="phone"
        label="휴대폰 번호"
        inputMode="tel"
        autoComplete="tel"
        placeholder="010-1234-5678"
        defaultValue={v.phone}
        error={fe.phone}
        hint={phoneHint}
        required
      />
      <Field
        id="birthday"
        label="생년월일"
        inputMode="numeric"
        autoComplete="bday"
        placeholder="19900131"
        maxLength={10}
        defaultValue={v.birthday}
        error={fe.birthday}
        required
      />
    </>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="rounded-xl bg-red-50 p-3 text-sm text-red-700" role="alert" tabIndex={-1} data-testid="consent-error">
      {message}
    </p>
  );
}

export function KakaoBadge() {
  return (
    <span className="grid size-9 shrink-0 place-items-center rounded-xl bg-kakao text-sm font-black text-kakao-brown">
      톡
    </span>
  );
}
