// The Revealables of one record (server-safe, no directive): `reveal(field, masked, testId)` with the
// record's type and id, the viewer's right to reveal and the field's name for the button fixed once.
import { Revealable } from "./reveal";

const LABEL = { phone: "휴대폰 번호", birthday: "생년월일", account: "계좌번호", contact: "연락처" } as const;

export function revealer(type: "consent" | "order" | "bill", id: string, canReveal: boolean) {
  return function reveal(field: keyof typeof LABEL, masked: string, testId: string, buttonTestId?: string) {
    return (
      <Revealable
        masked={masked}
        type={type}
        id={id}
        field={field}
        label={LABEL[field]}
        canReveal={canReveal}
        testId={testId}
        {...(buttonTestId && { buttonTestId })}
      />
    );
  };
}
