// Input checks shared by the Linkhub-family adapters: a clear Korean message before any request.
// The personal-field rules are the app's (lib/input/korean.ts): the consent form and these adapters read
// a phone, a birth date and an account number the same way.
import { normalizeAccount, normalizeBirthday, normalizePhone } from "../../input/korean";

export { normalizeAccount, normalizeBirthday, normalizePhone };

export type Invalid = { ok: false; kind: "invalid"; field: string; message: string };
export const invalid = (field: string, message: string): Invalid => ({ ok: false, kind: "invalid", field, message });

const chars = (s: string) => [...s].length;

export function text(
  field: string,
  label: string,
  value: string | undefined,
  max: number,
  required = true,
): string | Invalid {
  const v = (value ?? "").trim();
  if (!v) return required ? invalid(field, `${label}을(를) 입력해 주세요.`) : "";
  if (chars(v) > max) return invalid(field, `${label}은(는) ${max}자 이하로 입력해 주세요.`);
  return v;
}

export const isInvalid = (v: unknown): v is Invalid =>
  typeof v === "object" && v !== null && (v as Invalid).kind === "invalid";

/** The person asked to sign (name, mobile number, birth date): the same rules for Barocert and KakaoCert. */
export function receiver(
  input: { receiverName?: string; receiverHP?: string; receiverBirthday?: string },
  opts: { nameMax: number; now: Date },
): { receiverName: string; receiverHP: string; receiverBirthday: string } | Invalid {
  const receiverName = text("receiverName", "수신자 성명", input.receiverName, opts.nameMax);
  if (isInvalid(receiverName)) return receiverName;
  const receiverHP = normalizePhone(input.receiverHP);
  if (!receiverHP) return invalid("receiverHP", "휴대폰 번호를 정확히 입력해 주세요. (예: 010-1234-5678)");
  const receiverBirthday = normalizeBirthday(input.receiverBirthday, opts.now);
  if (!receiverBirthday) return invalid("receiverBirthday", "생년월일 8자리를 정확히 입력해 주세요. (예: 19900131)");
  return { receiverName, receiverHP, receiverBirthday };
}

/** Seconds until the request expires: 1–1000, default 300. */
export function expiry(field: string, value: number | undefined): number | Invalid {
  const n = value ?? 300;
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : invalid(field, "요청 만료시간은 1~1000초 사이여야 합니다.");
}
