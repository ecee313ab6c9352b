// One error-code enum for the whole app, each code with its HTTP status and a Korean message a
// customer or staff member can act on (dub.co style). Use cases return these as values (Result<T>),
// route handlers map them to a status (httpStatus / app/_lib/http.ts errorResponse) and server actions
// to a form state (formState; admin actions through withAdminAction in app/_lib/admin.ts).
// A per-domain outcome is a member here (with its details), never a union of its own.

export const ErrorCodes = {
  VALIDATION: { status: 400, message: "입력값을 확인해 주세요." },
  BAD_REQUEST: { status: 400, message: "잘못된 요청입니다." },
  /** a request body over the endpoint's cap (refused unread, or as soon as the cap was passed) */
  PAYLOAD_TOO_LARGE: { status: 413, message: "요청 본문이 너무 큽니다." },
  /** a request body of a media type the endpoint does not take */
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "지원하지 않는 형식입니다." },
  UNAUTHORIZED: { status: 401, message: "로그인이 필요합니다." },
  FORBIDDEN: { status: 403, message: "권한이 없습니다." },
  NOT_FOUND: { status: 404, message: "찾을 수 없습니다." },
  ORDER_NOT_FOUND: { status: 404, message: "주문을 찾을 수 없습니다." },
  PRODUCT_UNAVAILABLE: { status: 409, message: "판매하지 않는 상품이 포함되어 있습니다." },
  ORDER_ALREADY_PAID: { status: 409, message: "이미 결제가 완료된 주문입니다." },
  ORDER_CLOSED: { status: 409, message: "새 주문으로 대체되어 종료된 주문입니다. 장바구니에서 다시 주문해 주세요." },
  PAYMENT_IN_PROGRESS: { status: 409, message: "결제를 처리하고 있습니다. 잠시 후 다시 확인해 주세요." },
  PAYMENT_NOT_APPROVABLE: { status: 409, message: "승인할 수 없는 결제 상태입니다." },
  AMOUNT_MISMATCH: { status: 409, message: "결제 금액이 주문 금액과 일치하지 않아 결제를 취소했습니다." },
  REFUND_INVALID: { status: 400, message: "환불 금액을 확인해 주세요." },
  REFUND_IN_PROGRESS: { status: 409, message: "이미 진행 중인 환불이 있습니다." },
  NOT_REFUNDABLE: { status: 409, message: "환불할 수 없는 결제 상태입니다." },
  PROVIDER_ERROR: { status: 502, message: "결제사에서 요청을 처리하지 못했습니다." },
  PROVIDER_TIMEOUT: { status: 504, message: "결제사 응답이 지연되고 있습니다. 잠시 후 상태를 다시 확인해 주세요." },
  PROVIDER_CONFIG: { status: 500, message: "결제사 연동 설정이 올바르지 않습니다. 관리자에게 문의해 주세요." },
  RATE_LIMITED: { status: 429, message: "요청이 너무 많습니다. 잠시 후 다시 시도해 주세요." },
  CROSS_SITE: { status: 403, message: "다른 사이트에서 보낸 요청은 처리하지 않습니다." },
  CONFLICT: { status: 409, message: "다른 요청과 겹쳤습니다. 다시 시도해 주세요." },
  NOT_EDITABLE: { status: 409, message: "지금 상태에서는 수정할 수 없습니다." },
  ALREADY_RESOLVED: { status: 409, message: "이미 처리되었거나 찾을 수 없는 항목입니다." },
  /** a consent / e-signature request the provider did not take (details: { id?, retryable }) */
  CONSENT_REQUEST_FAILED: { status: 502, message: "인증 요청을 보내지 못했습니다. 잠시 후 다시 시도해 주세요." },
  /** the bill agency did not issue the customer's link (details: lib/bills/port.ts LinkFailure — the code the
   *  link form shows, what to do next, the button to offer; the message says what happened) */
  BILL_LINK_FAILED: { status: 502, message: "청구서 링크를 발급하지 못했습니다." },
  /** a sealed personal-data value that the configured keys cannot open */
  PII_UNREADABLE: {
    status: 500,
    message: "저장된 값을 복호화할 수 없습니다. 암호화 키 설정(PII_KEYS)을 확인해 주세요.",
  },
  INTERNAL: { status: 500, message: "일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요." },
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export type AppError = { code: ErrorCode; message: string; details?: unknown };

export function appError(code: ErrorCode, message?: string, details?: unknown): AppError {
  return { code, message: message ?? ErrorCodes[code].message, details };
}

export function httpStatus(code: ErrorCode): number {
  return ErrorCodes[code].status;
}

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E = AppError>(error: E): Result<never, E> => ({ ok: false, error });

/** Field name → message, for the form to show under each field. */
export type FieldErrors = Record<string, string>;

/** An error with field messages: details.fields (the convention every use case follows). */
export function fieldErrorsOf(e: Pick<AppError, "details">): FieldErrors | undefined {
  const f = (e.details as { fields?: unknown } | undefined)?.fields;
  return f && typeof f === "object" ? (f as FieldErrors) : undefined;
}

/** Shorthand for err(appError(…)). */
export const fail = (code: ErrorCode, message?: string, details?: unknown): Result<never> =>
  err(appError(code, message, details));

/**
 * What a server action's form reads: ok, the message to show, the code, field messages, and `at`
 * (a new value on every answer, so a form can tell two equal answers apart).
 */
export type FormState = { ok?: boolean; message?: string; code?: ErrorCode; fields?: FieldErrors; at?: number };

/** An error as a form state. */
export function formState(e: AppError): FormState {
  const fields = fieldErrorsOf(e);
  return { ok: false, code: e.code, message: e.message, ...(fields && { fields }), at: Date.now() };
}
