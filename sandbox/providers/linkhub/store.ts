// In-memory consent requests shared by Barocert Kakao CMS and legacy KakaoCert e-sign, and the
// state machine of reference §2.9: 0 waiting → 1 complete | 2 expired | 3 declined | 4 failed.
import crypto from "node:crypto";
import { buildSignedData } from "./crypto.ts";

export type State = 0 | 1 | 2 | 3 | 4;
export const STATE_LABEL: Record<State, string> = { 0: "대기", 1: "완료", 2: "만료", 3: "거절", 4: "실패" };
/** Verify is accepted only this long after completion (S0). */
export const VERIFY_WINDOW_MS = 10 * 60_000;

export type CmsFields = {
  requestCorp: string;
  bankName: string;
  bankAccountNum: string;
  bankAccountName: string;
  bankAccountBirthday: string;
  bankServiceType: string;
};
export type ESignFields = {
  token: string;
  callCenterNum: string;
  callCenterName?: string;
  subClientID?: string;
  allowSimpleRegistYN: boolean;
  verifyNameYN: boolean;
  payload?: string;
};

export type ConsentRequest = {
  kind: "cms" | "esign";
  receiptID: string;
  clientCode: string;
  clientName: string;
  /** who the message says is asking: requestCorp (CMS) or client/sub-client name (e-sign) */
  sender: string;
  title: string;
  message?: string;
  receiverName: string;
  receiverHP: string;
  receiverBirthday: string;
  expireIn: number;
  appUseYN: boolean;
  returnURL?: string;
  txId?: string;
  cms?: CmsFields;
  esign?: ESignFields;
  state: State;
  requestedAt: Date;
  expireAt: Date;
  viewedAt?: Date;
  completedAt?: Date;
  verifiedAt?: Date;
  /** verify calls that reached the operation (after any armed fault), and how many of them verified */
  verifyCalls: number;
  verifySuccesses: number;
  /** test control: the next successful verify is performed, then its answer is lost (HTTP 500) */
  loseNextVerifyAnswer?: boolean;
  endedAt?: Date;
  signedData?: string;
  /** app-to-app signature handed back to the merchant app (legacy KakaoCert) */
  signature?: string;
  gender: "MALE" | "FEMALE";
  ci: string;
};

/** yyyyMMddHHmmss in KST (UTC+9), the format of every *DT field. */
export function kstStamp(d: Date | undefined): string | null {
  if (!d) return null;
  const k = new Date(d.getTime() + 9 * 3_600_000);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${k.getUTCFullYear()}${p(k.getUTCMonth() + 1)}${p(k.getUTCDate())}${p(k.getUTCHours())}${p(k.getUTCMinutes())}${p(k.getUTCSeconds())}`;
}

export class ConsentStore {
  private byId = new Map<string, ConsentRequest>();
  private byTx = new Map<string, string>();
  private seq = crypto.randomInt(0, 900_000);

  /** 32 digits for Barocert (clientCode ‖ yyyyMMddHHmmss ‖ 6-digit seq), 18 for legacy (yyMMddHHmmss ‖ seq). */
  newReceiptId(kind: ConsentRequest["kind"], clientCode: string, now: Date): string {
    this.seq = (this.seq + 1) % 1_000_000;
    const stamp = kstStamp(now)!;
    const n = String(this.seq).padStart(6, "0");
    return kind === "cms" ? `${clientCode}${stamp}${n}` : `${stamp.slice(2)}${n}`;
  }

  add(r: Omit<ConsentRequest, "gender" | "ci" | "state" | "txId" | "verifyCalls" | "verifySuccesses">): ConsentRequest {
    const h = crypto.createHash("sha512").update(`${r.receiverName}|${r.receiverBirthday}|${r.receiverHP}`).digest();
    const rec: ConsentRequest = {
      ...r,
      state: 0,
      verifyCalls: 0,
      verifySuccesses: 0,
      gender: (h[0]! & 1) === 0 ? "MALE" : "FEMALE",
      ci: h.toString("base64"), // 88 chars, shaped like a Korean CI
      txId: r.appUseYN ? crypto.randomBytes(16).toString("hex") : undefined,
    };
    this.byId.set(rec.receiptID, rec);
    if (rec.txId) this.byTx.set(rec.txId, rec.receiptID);
    return rec;
  }

  /** Looks a request up and applies expiry at `now`. */
  get(receiptID: string, now: Date): ConsentRequest | undefined {
    const r = this.byId.get(receiptID);
    if (r) refresh(r, now);
    return r;
  }
  byTxId(txId: string, now: Date): ConsentRequest | undefined {
    const id = this.byTx.get(txId);
    return id ? this.get(id, now) : undefined;
  }
  list(now: Date, filter: { phone?: string } = {}): ConsentRequest[] {
    const out = [...this.byId.values()].filter((r) => !filter.phone || r.receiverHP === filter.phone);
    out.forEach((r) => refresh(r, now));
    return out.sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
  }
}

function refresh(r: ConsentRequest, now: Date) {
  if (r.state === 0 && now.getTime() > r.expireAt.getTime()) {
    r.state = 2;
    r.endedAt = r.expireAt;
  }
}

export type Transition = { ok: true; rec: ConsentRequest } | { ok: false; reason: "not_pending"; rec: ConsentRequest };

export function markViewed(r: ConsentRequest, now: Date) {
  if (r.state === 0 && !r.viewedAt) r.viewedAt = now;
}

/** Signed content: the e-sign token verbatim, or the CMS consent statement. */
export function signedContent(r: ConsentRequest): string {
  if (r.esign) return r.esign.token;
  const c = r.cms!;
  return [
    "[자동이체 출금동의]",
    `청구기관: ${c.requestCorp}`,
    `출금은행: ${c.bankName}`,
    `출금계좌: ${c.bankAccountNum}`,
    `예금주: ${c.bankAccountName}`,
    `예금주 생년월일: ${c.bankAccountBirthday}`,
    `서비스 종류: ${c.bankServiceType}`,
    `요청: ${r.title}`,
    `접수아이디: ${r.receiptID}`,
    `본인은 위 계좌에서 ${c.requestCorp}이(가) 청구하는 금액을 자동이체로 출금하는 것에 동의합니다.`,
  ].join("\n");
}

export function sign(r: ConsentRequest, now: Date, opts: { gender?: "MALE" | "FEMALE" } = {}): Transition {
  if (r.state !== 0) return { ok: false, reason: "not_pending", rec: r };
  markViewed(r, now);
  if (opts.gender) r.gender = opts.gender;
  r.state = 1;
  r.completedAt = now;
  r.signedData = buildSignedData(Buffer.from(signedContent(r), "utf8"), {
    signer: `${r.receiverName} (Kakao Sandbox)`,
    signingTime: now,
  }).toString("base64");
  if (r.appUseYN && r.kind === "esign") r.signature = crypto.randomBytes(96).toString("base64");
  return { ok: true, rec: r };
}

export function end(r: ConsentRequest, now: Date, state: 3 | 4): Transition {
  if (r.state !== 0) return { ok: false, reason: "not_pending", rec: r };
  r.state = state;
  r.endedAt = now;
  return { ok: true, rec: r };
}
