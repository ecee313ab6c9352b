// `npm run biller` (node --import tsx scripts/biller-server.ts): the agency-facing biller API
// POST /kakao/notice | /kakao/prepay | /kakao/pay-result as a plain node:http process, without
// Next.js' request pipeline — the deployment option for high agency traffic. Every answer comes
// from the same lib/bills/agency-endpoint.handleAgencyCall the Next route handlers use; this file
// only owns the socket:
//   * the agency's address is the TCP peer, checked against DOZN_AGENCY_IPS (seed 003 §1.3; no
//     credential unless DOZN_AGENCY_CREDENTIAL is set); X-Forwarded-For counts only when the peer is
//     one of TRUSTED_PROXY_IPS (lib/bills/remote-ip.peerIp)
//   * bodies are read up to MAX_BODY_BYTES (64 KB); beyond that the answer is the envelope
//     handleAgencyCall gives an oversized body (after authentication), and the connection closes
//   * anything but POST on the three paths: 404 / 405 JSON
//   * keep-alive; SIGTERM/SIGINT stop accepting, finish in-flight calls (≤ 10 s), close the pool
// Env: the app's (lib/env.ts) plus BILLER_PORT (3100) and BILLER_HOST (127.0.0.1).
import http from "node:http";
import { pathToFileURL } from "node:url";
import { handleAgencyCall, MAX_BODY_BYTES, type AgencyAuthSettings } from "../lib/bills/agency-endpoint.ts";
import { env } from "../lib/env.ts";
import { log } from "../lib/log.ts";
import { respond, type BillerEndpoint } from "../lib/providers/dozn/index.ts";

const ENDPOINTS: Record<string, BillerEndpoint> = {
  "/kakao/notice": "notice",
  "/kakao/prepay": "prepay",
  "/kakao/pay-result": "pay-result",
};

const JSON_HEADERS = { "Content-Type": "application/json;charset=utf-8", "Cache-Control": "no-store" } as const;

export type BillerServerOptions = {
  /** Overrides the agency auth settings from env (tests). */
  auth?: AgencyAuthSettings;
  /** How long shutdown waits for in-flight calls before closing their sockets. */
  drainMs?: number;
};

export type BillerServer = {
  server: http.Server;
  listen: (port: number, host: string) => Promise<{ port: number; host: string }>;
  /** Stops accepting, lets in-flight calls finish (≤ drainMs), then closes every socket. */
  close: () => Promise<void>;
};

type Body = { text: string; tooLarge: boolean };

/** Reads the body up to MAX_BODY_BYTES; past that it stops keeping bytes and reports tooLarge. */
function readBody(req: http.IncomingMessage): Promise<Body> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    req.resume(); // discard; the connection is closed after the answer
    return Promise.resolve({ text: "", tooLarge: true });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        if (!tooLarge) {
          tooLarge = true;
          chunks.length = 0;
          resolve({ text: "", tooLarge: true }); // answer now; the rest is discarded
        }
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => {
      if (!tooLarge)
        resolve({
          text: chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8"),
          tooLarge: false,
        });
    });
    req.on("error", () => resolve({ text: "", tooLarge }));
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, { ...JSON_HEADERS, "Content-Length": String(Buffer.byteLength(json)), ...extra });
  res.end(json);
}

export function createBillerServer(opts: BillerServerOptions = {}): BillerServer {
  let closing = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;

  const server = http.createServer(async (req, res) => {
    inFlight++;
    res.on("close", () => {
      inFlight--;
      if (inFlight === 0) drained?.();
    });
    if (closing) res.setHeader("Connection", "close");
    const path = (req.url ?? "/").split("?", 1)[0]!;
    const endpoint = ENDPOINTS[path];
    if (!endpoint) {
      req.resume();
      return send(res, 404, { res_code: "NOT_FOUND", message: "Not Found", data: null });
    }
    if (req.method !== "POST") {
      req.resume();
      return send(
        res,
        405,
        { res_code: "METHOD_NOT_ALLOWED", message: "Method Not Allowed", data: null },
        { Allow: "POST" },
      );
    }
    try {
      const body = await readBody(req);
      const { status, body: answer } = await handleAgencyCall(
        {
          endpoint,
          rawBody: body.text,
          bodyTooLarge: body.tooLarge,
          header: (name) => {
            const v = req.headers[name.toLowerCase()];
            return Array.isArray(v) ? v.join(", ") : (v ?? null);
          },
          forwardedFor: typeof req.headers["x-forwarded-for"] === "string" ? req.headers["x-forwarded-for"] : null,
          remoteAddress: req.socket.remoteAddress ?? null,
        },
        opts.auth ? { auth: opts.auth } : {},
      );
      // An unread body would be taken for the next request on this connection: close it.
      send(res, status, answer, body.tooLarge ? { Connection: "close" } : {});
    } catch (e) {
      // handleAgencyCall answers every failure in the envelope itself; this is a bug or a bad env.
      log.error({ endpoint, err: e instanceof Error ? e.message : String(e) }, "biller server: unexpected failure");
      if (!res.headersSent) send(res, 500, respond("E601"));
      else res.destroy();
    }
  });
  // The agency answers within 3 s; idle keep-alive sockets outlive a typical 60 s proxy idle timeout.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const a = server.address();
          resolve({ port: typeof a === "object" && a ? a.port : port, host });
        });
      }),
    close: async () => {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((r) => (drained = r)),
          new Promise((r) => setTimeout(r, opts.drainMs ?? 10_000).unref()),
        ]);
      }
      server.closeAllConnections();
      await stopped;
    },
  };
}

async function main() {
  let e: ReturnType<typeof env>;
  try {
    e = env();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
  if (e.DOZN_AGENCY_IPS.length === 0) log.warn("DOZN_AGENCY_IPS is empty: every agency call will be refused (E003)");
  const { db } = await import("../lib/db.ts");
  await db.$queryRaw`SELECT 1`; // fail fast without a database, and open the first pooled connection

  const biller = createBillerServer();
  const { port, host } = await biller.listen(e.BILLER_PORT, e.BILLER_HOST);
  log.info(
    {
      port,
      host,
      agencyIps: e.DOZN_AGENCY_IPS.length,
      trustedProxies: e.TRUSTED_PROXY_IPS.length,
      credential: Boolean(e.DOZN_AGENCY_CREDENTIAL),
    },
    "biller API listening",
  );
  console.log(
    `biller API on http://${host.includes(":") ? `[${host}]` : host}:${port} (POST /kakao/notice | prepay | pay-result)`,
  );

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // second signal: leave now
    stopping = true;
    log.info({ signal }, "biller API stopping");
    await biller.close();
    await db.$disconnect().catch(() => {});
    process.exit(0);
  };
  process.on("SIGTERM", (s) => void stop(s));
  process.on("SIGINT", (s) => void stop(s));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
}
