// Form pieces shared by the consent forms (server-safe: no hooks).
import { Field } from "../../_components/field";

type FieldSpec = { id: string; label: string } & React.InputHTMLAttributes<HTMLInputElement>;
type FormState = { values: Record<string, string | undefined>; errors: Record<string, string | undefined> };

/** Required text fields, each with what was typed and its error taken from the form's state by id. */
export function Fields({
  specs,
  values,
  errors,
  hints = {},
}: FormState & { specs: readonly FieldSpec[]; hints?: Record<string, string | undefined> }) {
  return specs.map((f) => (
    <Field key={f.id} defaultValue={values[f.id]} error={errors[f.id]} hint={hints[f.id]} required {...f} />
  ));
}

const SIGNER: readonly FieldSpec[] = [
  { id: "name", label: "이름", autoComplete: "name", maxLength: 20 },
  { id: "phone", label: "휴대폰 번호", inputMode: "tel", autoComplete: "tel", placeholder: "010-1234-5678" },
  {
    id: "birthday",
    label: "생년월일",
    inputMode: "numeric",
    autoComplete: "bday",
    placeholder: "19900131",
    maxLength: 10,
  },
];

/** 이름 · 휴대폰 번호 · 생년월일 of the person who signs in KakaoTalk (both consent forms). */
export function SignerFields({ nameHint, phoneHint, ...state }: FormState & { nameHint?: string; phoneHint?: string }) {
  return <Fields specs={SIGNER} {...state} hints={{ name: nameHint, phone: phoneHint }} />;
}

/** The consent form around its sections: the server action, the order it belongs to, focus on errors. */
export function ConsentForm({
  formRef,
  action,
  order,
  children,
}: {
  formRef: React.Ref<HTMLFormElement>;
  action: (data: FormData) => void;
  order?: string;
  children: React.ReactNode;
}) {
  return (
    <form ref={formRef} action={action} className="space-y-4" noValidate>
      {order && <input type="hidden" name="order" value={order} />}
      {children}
    </form>
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
