// The ConsentRequest state machine, executable: the only code that writes ConsentRequest.status.
// Every move is a compare-and-set from the allowed source states (`updateMany where status in …`)
// with its timeline event in the same transaction, so pollers on several app instances and workers
// cannot both move a request, a final state is never left, and the once-only verify is called by the
// single winner of the claim (COMPLETED | VERIFY_UNKNOWN → VERIFYING). A move the table forbids
// throws: it is a bug, not a race.
//
//   REQUESTING → WAITING → VIEWED → COMPLETED → VERIFYING → VERIFIED | IDENTITY_MISMATCH
//        │          └────────┴─→ EXPIRED | REJECTED | FAILED        │  ↑
//        └→ FAILED                                                   ▼  │ retry (worker)
//                                                            VERIFY_UNKNOWN → NEEDS_REVIEW (확인 필요) | FAILED
//
// "Unknown is not failed": a verify without a definite answer goes to VERIFY_UNKNOWN, never FAILED.
// The provider allows one verify; a retry answered "already verified" (or a status that shows a
// verify time) means the lost call used it → NEEDS_REVIEW, never VERIFIED without the signed data.
import type { Prisma } from "../generated/prisma/client";
import type { ConsentStatus } from "../generated/prisma/enums";
import type { Db, Tx } from "../db";
import { enqueue } from "../jobs/enqueue";
import { addConsentEvent } from "./events";
import type { ProviderState } from "./port";

export const transitions: Record<ConsentStatus, readonly ConsentStatus[]> = {
  REQUESTING: ["WAITING", "FAILED"],
  WAITING: ["VIEWED", "COMPLETED", "EXPIRED", "REJECTED", "FAILED"],
  VIEWED: ["COMPLETED", "EXPIRED", "REJECTED", "FAILED"],
  // FAILED: the 10-minute verify window passed before anyone verified (no verify call was made)
  COMPLETED: ["VERIFYING", "FAILED"],
  VERIFYING: [
    "VERIFIED",
    "IDENTITY_MISMATCH",
    "FAILED", // a definite refusal / unusable result (bad DER, undecryptable identity)
    "COMPLETED", // the call certainly did not reach the verify (configuration, signature mismatch): try again
    "WAITING", // the provider says the signature is not complete yet
    "EXPIRED",
    "REJECTED",
    "VERIFY_UNKNOWN", // no definite answer: the verify may or may not have been used
    "NEEDS_REVIEW", // "already verified": an earlier (lost) call used it
  ],
  VERIFY_UNKNOWN: [
    "VERIFYING", // the worker's retry claims the call
    "NEEDS_REVIEW", // the provider's status shows a verify time, or nothing could be confirmed in time
    "FAILED", // the window passed and the provider's status confirms no verify happened
  ],
  VERIFIED: [],
  IDENTITY_MISMATCH: [],
  EXPIRED: [],
  REJECTED: [],
  FAILED: [],
  NEEDS_REVIEW: [],
};

export function canTransition(from: ConsentStatus, to: ConsentStatus): boolean {
  return transitions[from].includes(to);
}

export function sourcesOf(to: ConsentStatus): ConsentStatus[] {
  return (Object.keys(transitions) as ConsentStatus[]).filter((from) => transitions[from].includes(to));
}

export const FINAL: readonly ConsentStatus[] = [
  "VERIFIED",
  "IDENTITY_MISMATCH",
  "EXPIRED",
  "REJECTED",
  "FAILED",
  "NEEDS_REVIEW",
];
export const PENDING: readonly ConsentStatus[] = ["WAITING", "VIEWED"];
/** Not final: the worker keeps a consent.settle job for each of these. */
export const IN_FLIGHT: readonly ConsentStatus[] = [
  "REQUESTING",
  "WAITING",
  "VIEWED",
  "COMPLETED",
  "VERIFYING",
  "VERIFY_UNKNOWN",
];
export const isFinal = (s: ConsentStatus) => FINAL.includes(s);

export const consentStatusLabel: Record<ConsentStatus, string> = {
  REQUESTING: "요청 중",
  WAITING: "서명 대기",
  VIEWED: "확인함",
  COMPLETED: "서명 완료",
  VERIFYING: "검증 중",
  VERIFY_UNKNOWN: "검증 확인 중",
  VERIFIED: "검증 완료",
  IDENTITY_MISMATCH: "본인 불일치",
  EXPIRED: "만료",
  REJECTED: "거절",
  FAILED: "실패",
  NEEDS_REVIEW: "확인 필요",
};

export const consentKindLabel = { CMS: "자동이체 출금동의", ESIGN: "전자서명" } as const;

/** What the provider says (port.ts) → our status; undefined for a state we do not know (keep polling). */
export function statusFromProvider(state: ProviderState, viewed: boolean): ConsentStatus | undefined {
  switch (state) {
    case "waiting":
      return viewed ? "VIEWED" : "WAITING";
    case "signed":
      return "COMPLETED";
    case "expired":
      return "EXPIRED";
    case "refused":
      return "REJECTED";
    case "failed":
      return "FAILED";
    default:
      return undefined;
  }
}

// ------------------------------------------------------------------------------------------ writer

export class ForbiddenConsentTransition extends Error {
  constructor(
    readonly from: ConsentStatus,
    readonly to: ConsentStatus,
  ) {
    super(`consent transition ${from} → ${to} is not in the table`);
    this.name = "ForbiddenConsentTransition";
  }
}

export type ConsentTimelineEvent = {
  type: string;
  message: string;
  resultCode?: string | number | null;
  data?: Record<string, unknown>;
};

/** Everything but the status (and the fields only the writer sets). */
export type ConsentData = Omit<Prisma.ConsentRequestUpdateManyMutationInput, "status" | "id">;

/** The worker's consent.settle job: one per consent (dedupe key), a few seconds after it is needed. */
export const SETTLE_QUEUE = "consent.settle" as const;
export const settleJobKey = (id: string) => `consent:${id}`;
/** Entering these states (re)schedules the worker soon: a verify to retry, a completed request to verify. */
const FOLLOW_UP_DELAY_S: Partial<Record<ConsentStatus, number>> = { REQUESTING: 5, COMPLETED: 3, VERIFY_UNKNOWN: 3 };

export async function enqueueSettle(sql: Tx | Db, id: string, delaySeconds: number) {
  return enqueue(sql, SETTLE_QUEUE, { consentId: id }, { key: settleJobKey(id), delaySeconds });
}

const KEEPS_SIGNATURE: readonly ConsentStatus[] = ["COMPLETED", "VERIFYING", "VERIFY_UNKNOWN"];

function inTx<T>(sql: Tx | Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // `db` is a Proxy (no `has` trap) and an interactive-transaction client has no $transaction
  return typeof (sql as Partial<Db>).$transaction === "function" ? (sql as Db).$transaction(fn) : fn(sql as Tx);
}

/**
 * Compare-and-set `id` to `to` from `from` (default: every source the table allows) with `data`,
 * writing `event` in the same transaction (the caller's, or a new one when given the client).
 * Returns false when the row was not in a source state (another instance moved it first).
 * Throws ForbiddenConsentTransition when `from` names a source the table does not allow.
 */
export async function transition(
  sql: Tx | Db,
  id: string,
  to: ConsentStatus,
  opts: {
    from?: ConsentStatus | readonly ConsentStatus[];
    data?: ConsentData;
    where?: Prisma.ConsentRequestWhereInput;
    event: ConsentTimelineEvent;
  },
): Promise<boolean> {
  const from = opts.from === undefined ? sourcesOf(to) : typeof opts.from === "string" ? [opts.from] : [...opts.from];
  for (const f of from) if (!canTransition(f, to)) throw new ForbiddenConsentTransition(f, to);
  if (from.length === 0) throw new ForbiddenConsentTransition(to, to);
  const data: Prisma.ConsentRequestUpdateManyMutationInput = { ...opts.data, status: to };
  if (!KEEPS_SIGNATURE.includes(to)) data.appSignature = null;
  return inTx(sql, async (tx) => {
    const m = await tx.consentRequest.updateMany({ where: { ...opts.where, id, status: { in: from } }, data });
    if (m.count === 0) return false;
    await addConsentEvent(tx, { consentId: id, ...opts.event, data: { ...opts.event.data, to } });
    const delay = FOLLOW_UP_DELAY_S[to];
    if (delay !== undefined) await enqueueSettle(tx, id, delay);
    return true;
  });
}

/**
 * Writes fields other than the status while the row is still in one of `statuses` (a guard, not a
 * move: e.g. the pollers' lastPolledAt claim, the provider's timestamps, the 확인 필요 review mark).
 * Returns how many rows matched (0 or 1).
 */
export async function updateWhileIn(
  sql: Tx | Db,
  id: string,
  statuses: ConsentStatus | readonly ConsentStatus[],
  data: ConsentData,
  where: Prisma.ConsentRequestWhereInput = {},
): Promise<number> {
  if ("status" in (data as Record<string, unknown>))
    throw new Error("updateWhileIn cannot write the status: use transition()");
  const list = typeof statuses === "string" ? [statuses] : [...statuses];
  const m = await sql.consentRequest.updateMany({ where: { ...where, id, status: { in: list } }, data });
  return m.count;
}

/**
 * Creates a consent request in its initial status (REQUESTING) with its first timeline event and the
 * worker's settle job, in one transaction: whatever happens to the provider call after this, the
 * worker will bring the request to a final state.
 */
export async function createRequest(
  sql: Tx | Db,
  data: Omit<Prisma.ConsentRequestUncheckedCreateInput, "status" | "events" | "id">,
  event: ConsentTimelineEvent,
) {
  return inTx(sql, async (tx) => {
    const row = await tx.consentRequest.create({ data: { ...data, status: "REQUESTING" } });
    await addConsentEvent(tx, { consentId: row.id, ...event });
    await enqueueSettle(tx, row.id, FOLLOW_UP_DELAY_S.REQUESTING!);
    return row;
  });
}
