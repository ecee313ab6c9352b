// Helpers for the consent integration tests: the customer's KakaoTalk (sandbox over HTTP).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { db } from "@/lib/db";
import { sandboxUrl } from "./helpers";

export const customer = { name: "홍길동", phone: "010-2345-6789", birthday: "1990-01-31" };
export const cmsForm = (over: Record<string, string> = {}) => ({
  ...customer,
  bankName: "KB국민은행",
  accountNumber: "123456-01-234567",
  accountHolder: "홍길동",
  ...over,
});
export const esignForm = (over: Record<string, string> = {}) => ({
  ...customer,
  document: "service-contract",
  agree: "on",
  ...over,
});

/** The customer presses 서명하기 / 거절 on the simulated KakaoTalk sheet. */
export async function kakaoTalk(receiptId: string, action: "sign" | "decline") {
  const sheet = await fetch(`${sandboxUrl()}/kakaotalk/r/${receiptId}`);
  if (!sheet.ok) throw new Error(`KakaoTalk sheet answered ${sheet.status}`);
  const r = await fetch(`${sandboxUrl()}/kakaotalk/r/${receiptId}/${action}`, {
    method: "POST",
    body: new URLSearchParams({}),
    redirect: "manual",
  });
  if (r.status !== 303) throw new Error(`KakaoTalk ${action} answered ${r.status}`);
}

/** Arms a sandbox fault for one consent's calls (`match`: the receipt id, compared with the request path). */
export async function armConsentFault(fault: {
  provider: "barocert" | "kakaocert";
  op: "token" | "request" | "status" | "verify";
  mode: string;
  match?: string;
  delayMs?: number;
  times?: number;
  code?: string;
}) {
  const r = await fetch(`${sandboxUrl()}/__sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fault),
  });
  if (!r.ok) throw new Error(`arming fault failed: ${r.status} ${await r.text()}`);
}

/** Sandbox test control: the next verify of this receipt is performed, then answered with HTTP 500. */
export async function loseNextVerifyAnswer(receiptId: string) {
  const r = await fetch(`${sandboxUrl()}/__sandbox/linkhub/requests/${receiptId}/lose-verify-answer`, {
    method: "POST",
  });
  if (!r.ok) throw new Error(`lose-verify-answer answered ${r.status}`);
}

/** Polls `read` until `done` holds or the deadline passes (no sleeps as synchronisation). */
export async function until<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  { timeoutMs = 30_000, everyMs = 200, what = "condition" } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what}: ${JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? String(x) : x)).slice(0, 500)}`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function sandboxRequest(receiptId: string) {
  const r = await fetch(`${sandboxUrl()}/__sandbox/linkhub/requests`);
  const j = (await r.json()) as { requests: Array<Record<string, unknown>> };
  return j.requests.find((x) => x.receiptID === receiptId);
}

export async function consent(id: string) {
  return db.consentRequest.findUniqueOrThrow({
    where: { id },
    include: { events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
  });
}

export async function asn1parse(der: Buffer): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "consent-")), "consent.der");
  fs.writeFileSync(file, der);
  const { stdout } = await promisify(execFile)("openssl", ["asn1parse", "-inform", "DER", "-in", file]);
  return stdout;
}
