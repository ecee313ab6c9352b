// CSV exports are audited with their filters and row count: the generator is wrapped so the row is
// written when the stream ends (completely, cancelled by the client, or cut by an error).
import { recordAudit, type AuditActor, type AuditAction } from "./audit";

export async function* auditedCsv(
  rows: AsyncGenerator<string>,
  a: { actor: AuditActor; action: AuditAction; label: string; filters: Record<string, unknown>; ip: string | null },
  record: typeof recordAudit = recordAudit,
): AsyncGenerator<string> {
  let chunks = 0;
  let complete = false;
  try {
    for await (const chunk of rows) {
      chunks++;
      yield chunk;
    }
    complete = true;
  } finally {
    const count = Math.max(0, chunks - 1); // the first chunk is the header line
    const filters = Object.fromEntries(Object.entries(a.filters).filter(([, v]) => v !== undefined && v !== ""));
    await record(a.actor, {
      action: a.action,
      summary: `${a.label} ${count.toLocaleString("ko-KR")}행 내보냄${complete ? "" : " (중단됨)"}`,
      detail: { filters, rows: count, complete },
      ip: a.ip,
    }).catch(() => undefined);
  }
}
