// The customer's return from a provider (app/pay/[provider]/[step]): the provider's adapter reads the
// request into a domain event; this finds the attempt it names, checks the attempt's token and hands
// the event to its use case (acceptReturn / abandonPayment). The route only maps the outcome to a
// response.
import { db as defaultDb, type Db } from "../db";
import { env } from "../env";
import { log } from "../log";
import { abandonPayment } from "./abandon-payment";
import { acceptReturn } from "./approve-payment";
import { verifyAttemptToken } from "./attempt-token";
import type { PaymentProvider, ReturnRequest } from "./port";

export type ReturnOutcome =
  /** Nothing in the request names an attempt (or it cannot be read): nothing changed. */
  | { kind: "unreadable"; problem: "unreadable" | "bad_characters" }
  /** No attempt of this provider by that name: nothing changed. */
  | { kind: "not_found" }
  /** Not this attempt's return (no or a wrong attempt token): nothing changed. */
  | { kind: "forbidden"; orderNumber: string }
  /** The attempt's return, but without what the provider always sends: nothing decided. */
  | { kind: "malformed"; orderNumber: string }
  /** Handled: the receipt shows what happened (paid, 결제 확인 중, cancelled, failed). */
  | { kind: "handled"; orderNumber: string };

export type ReturnDeps = { db?: Db; secret?: string; providerTimeoutMs?: number };

export async function receiveReturn(
  provider: PaymentProvider,
  req: ReturnRequest,
  deps: ReturnDeps = {},
): Promise<ReturnOutcome> {
  const db = deps.db ?? defaultDb;
  const secret = deps.secret ?? env().APP_SECRET;
  const parsed = provider.parseReturn(req);
  if (!parsed.ok) {
    log.warn(
      { provider: provider.name, step: req.step.slice(0, 20), problem: parsed.problem },
      "unreadable provider return",
    );
    return { kind: "unreadable", problem: parsed.problem };
  }
  const where =
    "paymentId" in parsed.attempt
      ? { id: parsed.attempt.paymentId }
      : { providerOrderRef: parsed.attempt.providerOrderRef };
  const payment = await db.payment.findFirst({
    where: { ...where, provider: provider.name },
    select: { id: true, order: { select: { orderNumber: true } } },
  });
  if (!payment) {
    log.warn({ provider: provider.name }, "provider return for an unknown attempt");
    return { kind: "not_found" };
  }
  const orderNumber = payment.order.orderNumber;
  const { attemptToken, event } = parsed;
  if (!verifyAttemptToken(secret, payment.id, attemptToken)) {
    log.warn({ paymentId: payment.id }, "provider return without this attempt's token");
    return { kind: "forbidden", orderNumber };
  }
  switch (event.kind) {
    case "malformed":
      log.warn({ paymentId: payment.id, issues: event.issues }, "malformed provider return");
      return { kind: "malformed", orderNumber };
    case "cancelled":
    case "failed": {
      const r = await abandonPayment(
        {
          paymentId: payment.id,
          reason: event.kind === "cancelled" ? "cancel" : "fail",
          code: event.code,
          message: event.message,
          provider: provider.name,
          attemptToken,
        },
        { db, secret, gateway: provider },
      );
      return r.kind === "ok" ? { kind: "handled", orderNumber } : r;
    }
    case "approved": {
      const outcome = await acceptReturn(
        { paymentId: payment.id, attemptToken, authorization: event.authorization, postedAmount: event.postedAmount },
        { db, secret, gateway: provider, providerTimeoutMs: deps.providerTimeoutMs ?? env().PROVIDER_TIMEOUT_MS },
      );
      if (outcome.kind !== "in_progress" && outcome.kind !== "paid")
        log.warn(
          { provider: provider.name, outcome: outcome.kind, ...("message" in outcome && { message: outcome.message }) },
          "provider return not claimed",
        );
      if (outcome.kind === "not_found" || outcome.kind === "forbidden") return outcome;
      return { kind: "handled", orderNumber };
    }
  }
}
