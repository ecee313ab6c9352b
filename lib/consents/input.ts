// Customer input for consents, checked before anything is written or sent, with a Korean message
// per field. Phone, birth date and account rules: lib/input/korean.ts (the adapters use the same).
import { normalizeAccount, normalizeBirthday, normalizePhone } from "../input/korean";
import { BANK_LIST } from "../admin/banks";
import { findDocument, type SignDocument } from "./documents";

/** The withdrawal bank, by name (seed 000 sends bankName, not a code): the one bank table's names. */
export const BANKS: readonly string[] = BANK_LIST.map((b) => b.name);

export type FieldErrors = Record<string, string>;

export type Person = { name: string; phone: string; birthday: string };
export type CmsInput = Person & { bankName: string; accountNumber: string; accountHolder: string };
export type ESignInput = Person & { document: SignDocument };

const NAME = /^[가-힣a-zA-Z][가-힣a-zA-Z .·]*$/;

function person(raw: Record<string, string | undefined>, errors: FieldErrors, now: Date): Person {
  const name = (raw.name ?? "").trim();
  if (!name) errors.name = "이름을 입력해 주세요.";
  else if ([...name].length > 20 || !NAME.test(name)) errors.name = "이름은 한글 또는 영문 20자 이내로 입력해 주세요.";
  const phone = normalizePhone(raw.phone);
  if (!phone) errors.phone = "휴대폰 번호를 정확히 입력해 주세요. (예: 010-1234-5678)";
  const birthday = normalizeBirthday(raw.birthday, now);
  if (!birthday) errors.birthday = "생년월일 8자리를 정확히 입력해 주세요. (예: 19900131)";
  return { name, phone: phone ?? "", birthday: birthday ?? "" };
}

type RawForm = Record<string, string | undefined>;
/** The typed input, or the Korean message of every field in error. */
type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function parseCmsInput(raw: RawForm, now = new Date()): Parsed<CmsInput> {
  const errors: FieldErrors = {};
  const p = person(raw, errors, now);
  const bankName = (raw.bankName ?? "").trim();
  if (!BANKS.includes(bankName)) errors.bankName = "출금 은행을 선택해 주세요.";
  const accountNumber = normalizeAccount(raw.accountNumber);
  if (!accountNumber) errors.accountNumber = "계좌번호를 숫자로 정확히 입력해 주세요. (6~31자리, '-' 가능)";
  const accountHolder = (raw.accountHolder ?? "").trim();
  if (!accountHolder) errors.accountHolder = "예금주명을 입력해 주세요.";
  else if ([...accountHolder].length > 20 || !NAME.test(accountHolder))
    errors.accountHolder = "예금주명은 한글 또는 영문 20자 이내로 입력해 주세요.";
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { ...p, bankName, accountNumber: accountNumber!, accountHolder } };
}

export function parseESignInput(raw: RawForm, now = new Date()): Parsed<ESignInput> {
  const errors: FieldErrors = {};
  const p = person(raw, errors, now);
  const document = findDocument(raw.document);
  if (!document) errors.document = "서명할 문서를 선택해 주세요.";
  if (raw.agree !== "on" && raw.agree !== "1" && raw.agree !== "true")
    errors.agree = "문서 내용을 확인하고 동의란에 체크해 주세요.";
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { ...p, document: document! } };
}

export function maskAccount(n: string | null | undefined): string {
  if (!n) return "-";
  if (n.length <= 6) return `${n.slice(0, 2)}${"*".repeat(Math.max(0, n.length - 2))}`;
  return `${n.slice(0, 3)}${"*".repeat(n.length - 6)}${n.slice(-3)}`;
}

export function maskBirthday(b: string | null | undefined): string {
  return b && b.length === 8 ? `${b.slice(0, 4)}-**-**` : "-";
}
