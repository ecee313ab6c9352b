// The port every payment provider meets (Medusa's AbstractPaymentProvider idea): the order and payment
// logic and the app never read a provider's wire format, field names or codes — only these shapes.
// An adapter lives in lib/providers/<name>/ and imports this file only; lib/payments/providers.ts (the
// registry) is the one place that knows which adapters exist.
import type { PaymentProvider as ProviderName } from "../generated/prisma/enums";
import type { Won } from "../money";

export type { ProviderName };
export type Device = "PC" | "MOBILE";

/**
 * What a provider's pages need the browser to reach, by CSP directive: absolute URLs (the policy keeps
 * their origins; empty values and custom app schemes are skipped). Declared in the provider's folder
 * (lib/providers/<name>/csp.ts, pure: proxy.ts builds the policy from it on every request) and listed in
 * lib/payments/csp.ts.
 */
export type ProviderCsp = {
  /** scripts the provider's window loads (CSP2 browsers; CSP3 trusts only the nonce) */
  scriptSrc?: ReadonlyArray<string | null | undefined>;
  /** where its forms post, or redirect to */
  formAction?: ReadonlyArray<string | null | undefined>;
  /** what its window frames */
  frameSrc?: ReadonlyArray<string | null | undefined>;
};

/** How the provider answered when it did not succeed. */
export type ProviderFailure =
  /** The provider definitely refused; nothing happened on its side. */
  | { kind: "declined"; code: string; message: string; customerMessage: string }
  /** No clear answer (timeout, 5xx, network): the operation may or may not have happened. */
  | { kind: "unknown"; code: string; message: string }
  /** Our credentials/configuration are wrong: staff must fix it. */
  | { kind: "config"; code: string; message: string };

export type ProviderResult<T> =
  { ok: true; value: T; log: ProviderCallLog } | { ok: false; failure: ProviderFailure; log: ProviderCallLog };

/** What goes into the timeline for each provider call: operation and result code, never secrets. */
export type ProviderCallLog = { op: string; resultCode: string; durationMs: number; detail?: Record<string, unknown> };

export type Amounts = { total: Won; taxFree: Won; vat: Won };

// ------------------------------------------------------------------ initiate

export type InitiateInput = {
  paymentId: string;
  orderNumber: string;
  /** 1 for the order's first attempt, 2 for the next… (a provider that refuses a reused order reference numbers them). */
  attempt: number;
  customerRef: string; // non-personal id of the buyer
  itemName: string;
  quantity: number;
  amounts: Amounts;
  buyer: { name: string; email?: string };
  device: Device;
  userAgent?: string;
  /**
   * Where the customer comes back: `${base}/<step>` is served by app/pay/[provider]/[step] and handed to
   * this adapter's parseReturn. The adapter puts `attemptToken` (and, if it likes, `paymentId`) in the URL:
   * a return without the attempt's token changes nothing.
   */
  returnTo: { base: string; paymentId: string; attemptToken: string };
};

/**
 * A form the shop renders on its own page (/pay/<provider>/window/<payment>) to open the provider's window: hidden
 * fields posted in `acceptCharset`, either submitted at once (`open.kind: "auto"`, with a visible button
 * when scripts are off) or handed to the provider's script (`open.kind: "script"`). The page gives the
 * script a button `#go` (opens the window again) and an alert box `#err` (a message for the customer).
 */
export type PaymentForm = {
  name: string;
  acceptCharset: "euc-kr" | "utf-8";
  action?: string;
  fields: Array<{ name: string; value: string }>;
  open: { kind: "auto" } | { kind: "script"; src: string; setup: string; run: string };
};

/** What the customer's browser does next: go to the provider's page, or open its window from ours. */
export type NextStep = { kind: "redirect"; url: string } | { kind: "form"; form: PaymentForm };

export type Initiated = {
  /** The provider's transaction id, when it gives one before the charge (KakaoPay's tid). */
  providerTxId?: string;
  /** The provider's reference for this attempt, by which its return may name it (KCP's ordr_idxx). */
  providerOrderRef?: string;
  /** Opaque to the domain (no secrets): kept on the payment and handed back to approve / lookup. */
  providerData?: Record<string, unknown>;
  expiresAt: Date;
  next: NextStep;
};

// ------------------------------------------------------------------ the customer's return

/** A request to /pay/<provider>/<step>: the query string and, for a POST, the raw body (read with a cap). */
export type ReturnRequest = { step: string; query: URLSearchParams; body: Uint8Array | null };

export type ReturnEvent =
  /**
   * The customer authorised the payment at the provider. `authorization` (opaque, JSON, no card data) is
   * kept on the payment and reaches approve / lookup in providerData; `postedAmount` is the amount the
   * returning form carried, when it carries one (it must equal ours).
   */
  | { kind: "approved"; authorization: Record<string, unknown>; postedAmount?: Won }
  /** The customer cancelled at the provider's window. */
  | { kind: "cancelled"; code?: string; message?: string }
  /** The provider sent the customer back with a failure: nothing was charged. */
  | { kind: "failed"; code?: string; message?: string }
  /** The return names an attempt but lacks what the provider always sends: nothing is decided from it. */
  | { kind: "malformed"; issues: string[] };

export type ParsedReturn =
  /** Not a return we can read at all (unknown step, missing fields, unreadable body): nothing names an attempt. */
  | { ok: false; problem: "unreadable" | "bad_characters" }
  | {
      ok: true;
      /** Which attempt: our payment id, or the provider's reference for it (Initiated.providerOrderRef). */
      attempt: { paymentId: string } | { providerOrderRef: string };
      attemptToken: string | null;
      event: ReturnEvent;
    };

// ------------------------------------------------------------------ approve / lookup / cancel

export type Approved = {
  /**
   * The provider's id of the charged transaction (KakaoPay tid, PayUp transactionId). null when the
   * provider confirmed the charge without giving it (PayUp's 8002 answer may carry none): refunds then
   * need staff to enter it.
   */
  providerTxId: string | null;
  /**
   * What the approval rests on, for the timeline: e.g. "amount reported by the provider" or "amount
   * PayUp registered with our signed order request (the answer carried none)".
   */
  basis?: string;
  /** The provider's echo of our order reference, when it gave one (must equal ours). */
  orderRef?: string;
  /** taxFree / vat are undefined when the provider does not report them (PayUp). */
  amounts: { total: Won; taxFree?: Won; vat?: Won };
  method: "CARD" | "MONEY" | string;
  approvedAt: Date;
  providerApprovalId: string;
  /**
   * The card, as far as the provider told us (stored as Payment.cardInfo, shown on the receipt):
   * issuer 카드사 (발급사), purchaser 매입사, type 신용/체크, installMonth 0 = 일시불, approvalNo 카드 승인번호,
   * number a masked card number. A field the provider did not give is absent.
   */
  card?: {
    issuer?: string;
    purchaser?: string;
    type?: string;
    bin?: string;
    installMonth?: number;
    number?: string;
    approvalNo?: string;
  };
};

export type ApproveInput = {
  providerTxId: string | null;
  /** Initiated.providerData with the return's authorization merged in (ReturnEvent "approved"). */
  providerData: unknown;
  orderNumber: string;
  customerRef: string;
  expectedTotal: Won;
};

export type LookupInput = { providerTxId: string | null; providerData: unknown; expectedTotal: Won };

export type CancelInput = {
  providerTxId: string;
  amount: Won;
  taxFree: Won;
  vat: Won;
  remainingBefore: Won;
  reason: string;
  /**
   * "refund": a cancel sent for the first time. "reconcile": it repeats a cancel whose answer was lost, so a
   * provider's "not cancellable any more" means the first one went through.
   */
  mode: "refund" | "reconcile";
};
export type Cancelled = {
  cancelledTotal: Won;
  cancelledTaxFree: Won;
  cancelledVat: Won;
  remaining: Won;
  cancelledAt: Date;
};

/**
 * Provider status reduced to what our state machine needs. Only "aborted"/"failed" (terminal: nothing
 * was charged and this attempt can no longer be charged) and the charged states are definite. Anything
 * else — READY, in-progress statuses, a status we do not know — is "pending": unknown is not failed.
 * "uncertain" is an answer that proves nothing either way (PayUp's 2001 / 8001 / 9002 to a re-sent
 * authorization): a person must look.
 */
export type ProviderState =
  | { state: "pending"; providerStatus?: string }
  | { state: "aborted"; providerStatus?: string }
  | { state: "failed"; providerStatus?: string }
  | { state: "uncertain"; providerStatus: string; message: string }
  | { state: "approved" | "partially_cancelled" | "cancelled"; approved: Approved; cancelled: Amounts };

/** How the shop names the provider to customers and in the timeline. */
export type ProviderDisplay = {
  /** The brand the customer pays with: "<brand> 결제" on the window page, "<brand> 머니/카드" on the receipt. */
  brand: string;
  /** The checkout choice. */
  method: { id: string; label: string; description: string };
  /** In the timeline's "… 결제 시도". */
  name: string;
  /** Where the customer was when they cancelled ("고객이 <window>에서 결제를 취소함"). */
  window: string;
  /** After "카카오페이 머니/카드" on the receipt, e.g. "(KCP)". */
  receiptNote?: string;
};

export interface PaymentProvider {
  readonly name: ProviderName;
  /** The URL segment of its returns: /pay/<slug>/<step>. */
  readonly slug: string;
  readonly display: ProviderDisplay;
  /** Whether the provider can cancel part of a payment (PayUp's KakaoPay API cannot). */
  readonly partialRefund: boolean;
  /** Whether lookup() reports cancelled amounts (KakaoPay) or refunds must be re-sent to learn their fate (PayUp). */
  readonly reportsCancellations: boolean;
  /**
   * Whether lookup() is itself a capture attempt (PayUp has no status API: it re-sends the stored
   * authorization). Then only the worker or staff ask, only for the order's current unpaid attempt,
   * and never while the approve may still be running.
   */
  readonly lookupCaptures: boolean;
  /**
   * When the provider may confirm a charge without its transaction id (PayUp's 8002), staff enter the id its
   * console shows: what one looks like (a mistyped id would cancel someone else's payment) and the KST day
   * it carries, if any (checked against the day staff read). null: never needed.
   */
  readonly manualTransactionId: { pattern: RegExp; hint: string; dayOf(transactionId: string): string | null } | null;

  initiate(input: InitiateInput): Promise<ProviderResult<Initiated>>;
  /** Reads the customer's return (query, or a POST body in the provider's charset). Never throws. */
  parseReturn(req: ReturnRequest): ParsedReturn;
  approve(input: ApproveInput): Promise<ProviderResult<Approved>>;
  cancel(input: CancelInput): Promise<ProviderResult<Cancelled>>;
  /** The provider's view of a payment, for reconciliation. */
  lookup(input: LookupInput): Promise<ProviderResult<ProviderState>>;
  /**
   * What a customer reads about an attempt that failed with this provider's own code (Korean, with a next
   * step), and the short code to show beside it; null fields: not for customers / not a code of ours.
   */
  describeFailure(failureCode: string): { customerMessage: string | null; displayCode: string | null };
  /**
   * Whether a failure code this adapter reported means the provider never answered (timeout, network, 5xx,
   * an unreadable answer) — rather than an answer that proves nothing. Only then does a re-sent cancel's
   * "not cancellable any more" prove that the first one went through.
   */
  noAnswer(failureCode: string): boolean;
}

/**
 * How staff timelines show a result code a provider records: "ok" (done as asked), "pending" (a state while
 * the customer is still in the window), null (anything else: shown as a code to look at). Static per
 * provider (no configuration needed), so the registry lists these beside the factories.
 */
export type CodeTone = (code: string) => "ok" | "pending" | null;
