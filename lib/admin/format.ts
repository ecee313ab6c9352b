// The KST formatter for staff screens and exports: "2026-12-01 00:24:48" — 24-hour clock with
// hourCycle h23 (hour12:false alone gives "24:24" for 00:24 in ko-KR), always Asia/Seoul.
const parts = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Seoul",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function kstParts(d: Date) {
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value])) as Record<string, string>;
  return p;
}

/** "2026-12-01 00:24:48" (KST). */
export function kstDateTime(d: Date | null | undefined): string {
  if (!d || Number.isNaN(d.getTime())) return "-";
  const p = kstParts(d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** "2026-12-01 00:24" (KST), for lists. */
export function kstDateTimeShort(d: Date | null | undefined): string {
  const s = kstDateTime(d);
  return s === "-" ? s : s.slice(0, 16);
}

/** "2026-12-01" (KST calendar day). */
export function kstDate(d: Date | null | undefined): string {
  const s = kstDateTime(d);
  return s === "-" ? s : s.slice(0, 10);
}

/** The KST calendar day `days` days from `now` ("YYYY-MM-DD"). */
export function kstDay(now: Date, days = 0): string {
  return kstDate(new Date(now.getTime() + days * 86_400_000));
}

/** "010-****-5678" (digits only input; anything shorter than 8 digits is fully masked). */
export function maskPhoneNumber(phone: string | null | undefined): string {
  const d = (phone ?? "").replace(/\D/g, "");
  if (d.length < 8) return d ? "*".repeat(d.length) : "-";
  return `${d.slice(0, 3)}-${"*".repeat(d.length - 7)}-${d.slice(-4)}`;
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
