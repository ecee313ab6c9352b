// Staff-screen formatting: dates come from the one KST formatter (lib/kst.ts); masks and separators here.
export { kstDate, kstDateTime, kstDateTimeShort, kstDay } from "@/lib/kst";

/** "010-****-5678" (digits only input; anything shorter than 8 digits is fully masked). */
export function maskPhoneNumber(phone: string | null | undefined): string {
  const d = (phone ?? "").replace(/\D/g, "");
  if (d.length < 8) return d ? "*".repeat(d.length) : "-";
  return `${d.slice(0, 3)}-${"*".repeat(d.length - 7)}-${d.slice(-4)}`;
}

/**
 * "****4567": an account number shown by its last four digits only (lists, exports, the shop). Takes the
 * stored last four (ConsentRequest.bankAccountLast4) or a full number; the length is never revealed.
 */
export function maskAccountNumber(accountOrLast4: string | null | undefined): string {
  const d = (accountOrLast4 ?? "").replace(/\D/g, "").slice(-4);
  return d ? `****${d}` : "-";
}

/** "ka***@example.com". */
export function maskEmail(email: string | null | undefined): string {
  if (!email) return "-";
  const [local, domain] = email.split("@");
  if (!domain) return "***";
  return `${local!.slice(0, 2)}${"*".repeat(Math.max(3, local!.length - 2))}@${domain}`;
}

/** Amounts in free text ("34800원") get separators ("34,800원"). */
export function withSeparators(text: string): string {
  return text.replace(/(\d{4,})(\s?원)/g, (_, n: string, won: string) => `${Number(n).toLocaleString("ko-KR")}${won}`);
}
