// Staff invitations by mail, where SMTP is configured (SMTP_URL + MAIL_FROM in lib/env.ts). Without
// SMTP nothing is sent and the owner passes the link on, as before. A mail that cannot be sent never
// undoes the invitation: the owner is told and still sees the link.
import nodemailer from "nodemailer";
import { env } from "../env";
import { kstDateTime } from "../kst";
import { log } from "../log";
import type { AdminRole } from "../generated/prisma/enums";
import { roleLabel } from "./roles";

export type InviteMail = {
  to: string;
  link: string;
  expiresAt: Date;
  role: AdminRole;
  merchantName: string;
  invitedBy: string;
};
export type MailOutcome = { sent: true } | { sent: false; reason: "not-configured" | "failed" };

export function mailConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

/** The invitation as plain Korean text (no HTML: it is read in any mail client). */
export function inviteMailText(m: InviteMail): { subject: string; text: string } {
  return {
    subject: `[${m.merchantName}] 관리자 초대`,
    text: [
      `${m.merchantName} 관리자 화면에 ${roleLabel[m.role]}(으)로 초대되었습니다.`,
      `초대한 사람: ${m.invitedBy}`,
      "",
      "아래 링크를 열어 이름과 비밀번호를 정하면 계정이 만들어집니다.",
      m.link,
      "",
      `링크는 ${kstDateTime(m.expiresAt)} (한국 시간)까지 한 번만 쓸 수 있습니다.`,
      "초대를 요청한 적이 없다면 이 메일을 무시해 주세요.",
    ].join("\n"),
  };
}

export async function sendInviteMail(m: InviteMail, deps: { timeoutMs?: number } = {}): Promise<MailOutcome> {
  const e = env();
  if (!e.SMTP_URL) return { sent: false, reason: "not-configured" };
  const timeout = deps.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    url: e.SMTP_URL,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  try {
    const { subject, text } = inviteMailText(m);
    await transport.sendMail({ from: e.MAIL_FROM.trim(), to: m.to, subject, text });
    return { sent: true };
  } catch (err) {
    // No address or link in the log (personal data / a credential).
    log.warn({ err: err instanceof Error ? err.message.slice(0, 200) : "unknown" }, "invite mail could not be sent");
    return { sent: false, reason: "failed" };
  } finally {
    transport.close();
  }
}
