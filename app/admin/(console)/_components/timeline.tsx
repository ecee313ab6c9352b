// One timeline for every admin detail page (orders, bills, consents): time, what happened (a Korean
// label where the domain has one, the event type and its result code) and the message. The result code
// is coloured the same way everywhere (lib/admin/result-code.ts): quiet for success, red to look at.
import { resultCodeTone } from "@/lib/admin/result-code";
import { kstDateTime } from "@/lib/admin/format";

export type TimelineEvent = { id: string; createdAt: Date; type: string; resultCode?: string | null; message: string };

const codeTone = {
  ok: "bg-paper text-ink-soft",
  pending: "bg-blue-50 text-blue-800",
  attention: "bg-red-50 text-red-700",
} as const;
// (the old bills timeline: OK quiet, anything else red — now the rule for every domain, with provider states in blue)

/** An event's result code, small and monospaced, coloured by what it means. */
export function ResultCode({ code, eventType }: { code: string; eventType?: string }) {
  const tone = resultCodeTone(code, eventType);
  return (
    <span
      className={`ml-1 whitespace-nowrap rounded px-1 font-mono text-[11px] ${codeTone[tone]}`}
      data-code-tone={tone}
    >
      {code}
    </span>
  );
}

export function Timeline({
  events,
  label,
  text = (m) => m,
  title = "타임라인",
}: {
  events: TimelineEvent[];
  /** the event type in staff words (shown before the type itself), when the domain has such a table */
  label?: (type: string) => string;
  /** the message in staff words (statuses, amounts, dates) */
  text?: (message: string) => string;
  title?: string;
}) {
  return (
    <section className="card p-4">
      <h2 className="mb-3 font-semibold">{title}</h2>
      <ol className="space-y-2 text-sm" data-testid="timeline">
        {events.map((e) => (
          <li
            key={e.id}
            className="grid grid-cols-1 gap-x-3 gap-y-0.5 border-b border-line pb-2 last:border-0 sm:grid-cols-[150px_200px_1fr] sm:border-0 sm:pb-0"
          >
            <span className="whitespace-nowrap text-xs text-ink-mute sm:text-sm">{kstDateTime(e.createdAt)}</span>
            <span className="min-w-0 break-words leading-5 text-ink-soft" data-event-type={e.type}>
              {label && <>{label(e.type)} </>}
              <span className={`font-mono ${label ? "text-[11px] text-ink-mute" : "text-xs"}`}>{e.type}</span>
              {e.resultCode && <ResultCode code={e.resultCode} eventType={e.type} />}
            </span>
            <span className="min-w-0 break-words">{text(e.message)}</span>
          </li>
        ))}
      </ol>
      {events.length === 0 && <p className="text-sm text-ink-mute">기록이 없습니다.</p>}
    </section>
  );
}
