// Staff invitations by mail where SMTP is configured: a tiny in-process SMTP server (node:net) accepts
// the message; it must go to the invitee, in Korean plain text, with the same link the owner sees.
// Without SMTP nothing is sent; with an SMTP server that cannot be reached the invitation still stands.
import { once } from "node:events";
import net from "node:net";
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-harness").then((m) => m.nextHeaders));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { env, resetEnvCache } from "@/lib/env";
import { login } from "@/lib/admin/sessions";
import { openInvite } from "@/lib/admin/staff";
import { DEMO_ADMIN } from "@/lib/seed";
import { inviteAction, type StaffState } from "@/app/admin/(console)/staff/actions";
import { actionCall, dispatch, postForm } from "./next-harness";

type Received = { from: string; to: string[]; data: string };

/** Just enough SMTP (RFC 5321) to accept messages: EHLO, MAIL, RCPT, DATA, QUIT. */
async function smtpServer() {
  const messages: Received[] = [];
  const server = net.createServer((sock) => {
    sock.setEncoding("utf8");
    let buf = "";
    let inData = false;
    let cur: Received = { from: "", to: [], data: "" };
    const reply = (line: string) => sock.write(`${line}\r\n`);
    reply("220 test-smtp ready");
    sock.on("data", (chunk: string) => {
      buf += chunk;
      for (;;) {
        if (inData) {
          const end = buf.indexOf("\r\n.\r\n");
          if (end < 0) return;
          cur.data = buf.slice(0, end);
          buf = buf.slice(end + 5);
          inData = false;
          messages.push(cur);
          cur = { from: "", to: [], data: "" };
          reply("250 2.0.0 queued");
          continue;
        }
        const nl = buf.indexOf("\r\n");
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") reply("250-test-smtp\r\n250 8BITMIME");
        else if (verb === "MAIL") {
          cur.from = line;
          reply("250 2.1.0 ok");
        } else if (verb === "RCPT") {
          cur.to.push(line);
          reply("250 2.1.5 ok");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 end with <CRLF>.<CRLF>");
        } else if (verb === "QUIT") {
          reply("221 bye");
          sock.end();
        } else if (verb === "RSET" || verb === "NOOP") reply("250 ok");
        else reply("502 not implemented");
      }
    });
    sock.on("error", () => {});
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as net.AddressInfo).port;
  return { port, messages, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The text body of a MIME message, whatever transfer encoding the mailer chose. */
function textBody(raw: string): { headers: string; text: string } {
  const sep = raw.indexOf("\r\n\r\n");
  const headers = raw.slice(0, sep);
  const body = raw.slice(sep + 4).replace(/^\.\./gm, ".");
  const enc = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (enc === "base64") return { headers, text: Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8") };
  if (enc === "quoted-printable") {
    const bytes = body
      .replace(/=\r\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return { headers, text: Buffer.from(bytes, "latin1").toString("utf8") };
  }
  return { headers, text: body };
}

async function ownerCookie() {
  const s = await login({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password });
  if (!s.ok) throw new Error("demo owner login failed");
  return `kc_admin=${s.value.token}`;
}

async function invite(cookie: string, email: string): Promise<StaffState> {
  const out = await dispatch(
    postForm("/admin/staff", { email, role: "MANAGER" }, { cookie }),
    actionCall(inviteAction as never, { prevState: {} }),
  );
  expect(out.status).toBe(200);
  return JSON.parse(out.body) as StaffState;
}

const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
});

describe("staff invitation mail", () => {
  it("with SMTP configured, the invitee gets the link by mail in Korean plain text and the owner still sees it", async () => {
    const smtp = await smtpServer();
    try {
      process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
      process.env.MAIL_FROM = "카카오 체크아웃 <no-reply@kakao-checkout.test>";
      resetEnvCache();
      const email = `mailed-${randomUUID().slice(0, 8)}@example.com`;
      const s = await invite(await ownerCookie(), email);
      expect(s).toMatchObject({ ok: true, mailed: "sent" });
      expect(s.message).toContain("초대 메일을 보냈습니다");
      expect(s.link).toMatch(/\/admin\/invite\/[\w-]{20,}$/);

      expect(smtp.messages).toHaveLength(1);
      const m = smtp.messages[0]!;
      expect(m.from).toContain("no-reply@kakao-checkout.test");
      expect(m.to.join(" ")).toContain(email);
      const { headers, text } = textBody(m.data);
      expect(headers).toMatch(/content-type:\s*text\/plain/i);
      expect(headers).not.toMatch(/text\/html/i);
      expect(text).toContain(s.link!);
      expect(text).toContain("매니저(으)로 초대되었습니다");
      expect(text).toContain("한 번만 쓸 수 있습니다");
      // The mailed link is the working one.
      expect((await openInvite(s.link!.split("/").pop()!))?.state).toBe("open");
    } finally {
      await smtp.close();
    }
  });

  it("without SMTP nothing is sent: the owner passes the link on", async () => {
    delete process.env.SMTP_URL;
    delete process.env.MAIL_FROM;
    resetEnvCache();
    const smtp = await smtpServer();
    try {
      const s = await invite(await ownerCookie(), `unmailed-${randomUUID().slice(0, 8)}@example.com`);
      expect(s).toMatchObject({ ok: true, mailed: "not-configured" });
      expect(s.message).toContain("직접 전달해 주세요");
      expect(s.link).toBeTruthy();
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });

  it("an SMTP server that cannot be reached does not undo the invitation", async () => {
    const smtp = await smtpServer();
    await smtp.close(); // nothing listens on that port any more
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    process.env.MAIL_FROM = "no-reply@kakao-checkout.test";
    resetEnvCache();
    const s = await invite(await ownerCookie(), `unreachable-${randomUUID().slice(0, 8)}@example.com`);
    expect(s).toMatchObject({ ok: true, mailed: "failed" });
    expect(s.message).toContain("메일을 보내지 못했습니다");
    expect((await openInvite(s.link!.split("/").pop()!))?.state).toBe("open");
  });

  it("SMTP_URL without a sender address is refused at start-up", () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:2525";
    delete process.env.MAIL_FROM;
    resetEnvCache();
    expect(() => env()).toThrow(/MAIL_FROM/);
  });
});
