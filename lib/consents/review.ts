// 확인 필요: a person looked at a consent in review.
import { db as defaultDb, type Db } from "../db";
import { fail, ok, type Result } from "../errors";
import { addConsentEvent } from "./events";
import { updateWhileIn } from "./state";

/**
 * 확인 필요: a person looked at a consent in review; the note goes to the timeline (status stays).
 * VALIDATION (no note, or too long), ALREADY_RESOLVED (not in review, or marked already).
 */
export async function markConsentReviewed(
  id: string,
  input: { by: string; note: string; merchantId?: string },
  deps: { db?: Db; now?: () => Date } = {},
): Promise<Result<void>> {
  const db = deps.db ?? defaultDb;
  const note = input.note.trim();
  if (!note) return fail("VALIDATION", "확인 내용을 입력해 주세요.");
  if (note.length > 500) return fail("VALIDATION", "확인 내용은 500자 이하로 입력해 주세요.");
  return db.$transaction(async (tx) => {
    const n = await updateWhileIn(
      tx,
      id,
      "NEEDS_REVIEW",
      { reviewedAt: (deps.now ?? (() => new Date()))(), reviewedBy: input.by },
      { reviewedAt: null, ...(input.merchantId ? { merchantId: input.merchantId } : {}) },
    );
    if (!n) return fail("ALREADY_RESOLVED", "확인이 필요한 요청이 아니거나 이미 처리되었습니다.");
    await addConsentEvent(tx, {
      consentId: id,
      type: "consent.reviewed",
      message: `확인 처리 (${input.by}): ${note}`,
      resultCode: "REVIEWED",
    });
    return ok(undefined);
  });
}
