// The port every payment provider meets (Medusa's AbstractPaymentProvider idea): the order and
// payment logic never reads a provider's wire format, only these shapes.
import type { Won } from "../money";

export type Device = "PC" | "MOBILE";
export type ProviderName = "KAKAOPAY" | "PAYUP_KCP";

/** How the provider answered when it did not succeed. */
export type GatewayFailure =
  /** The provider definitely refused; nothing happened on its side. */
  | { kind: "declined"; code: string; message: string; customerMessage: string }
  /** No clear answer (timeout, 5xx, network): the operation may or may not have happened. */
  | { kind: "unknown"; code: string; message: string }
  /** Our credentials/configuration are wrong: staff must fix it. */
  | { kind: "config"; code: string; message: string };

export type GatewayResult<T> = { ok: true; value: T; log: ProviderCallLog } | { ok: false; failure: GatewayFailure; log: ProviderCallLog };

/** What goes into the timeline for each provider call: operation and result code, never secrets. */
export type ProviderCallLog = { op: string; resultCode: string; durationMs: number; detail?: Record<string, unknown> };

export type Amounts = { total: Won; taxFree: Won; vat: Won };

export type InitiateInput = {
  paymentId: string;
  orderNumber: string;
  customerRef: string; // non-personal id of the buyer
  itemName: string;
  quantity: number;
  amounts: Amounts;
  device: Device;
  returnUrls: { approval: string; cancel: string; fail: string };
};

export type NextAction = { type: "redirect"; url: string };

export type Initiated = { providerTxId: string; next: NextAction; expiresAt: Date };

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
  card?: { issuer?: string; purchaser?: string; type?: string; bin?: string; installMonth?: number; number?: string; approvalNo?: string };
};

/** What the customer's return carries to prove they authorised the payment. */
export type ApprovalToken =
  | { kind: "pg_token"; value: string }
  | { kind: "kcp"; authorization: unknown; postedAmount?: number };

export type ApproveInput = {
  providerTxId: string | null;
  providerData: unknown;
  orderNumber: string;
  customerRef: string;
  token: ApprovalToken;
  expectedTotal: Won;
};

export type CancelInput = {
  providerTxId: string;
  amount: Won;
  taxFree: Won;
  vat: Won;
  remainingBefore: Won;
  reason: string;
  /** This repeats a cancel whose answer was lost: a provider's "not cancellable any more" means the first went through. */
  resend?: boolean;
};
export type Cancelled = { cancelledTotal: Won; cancelledTaxFree: Won; cancelledVat: Won; remaining: Won; cancelledAt: Date };

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

export interface PaymentGateway {
  readonly provider: ProviderName;
  /** Whether the provider can cancel part of a payment (PayUp's KakaoPay API cannot). */
  readonly partialRefund: boolean;
  /** Whether lookup() reports cancelled amounts (KakaoPay) or refunds must be re-sent to learn their fate (PayUp). */
  readonly reportsCancellations: boolean;
  approve(input: ApproveInput): Promise<GatewayResult<Approved>>;
  cancel(input: CancelInput): Promise<GatewayResult<Cancelled>>;
  /** The provider's view of a payment, for reconciliation. */
  lookup(input: { providerTxId: string | null; providerData: unknown; expectedTotal: Won }): Promise<GatewayResult<ProviderState>>;
}

/** KakaoPay online: the customer is redirected to KakaoPay after `initiate` (ready). */
export interface RedirectPaymentGateway extends PaymentGateway {
  readonly provider: "KAKAOPAY";
  initiate(input: InitiateInput): Promise<GatewayResult<Initiated>>;
}
