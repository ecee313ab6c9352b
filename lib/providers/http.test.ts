import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maybeReachedFor, postJson, request } from "./http";

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/hang") return; // never answers
    if (req.url === "/big") {
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      return res.end(Buffer.alloc(4096, 0x41));
    }
    if (req.url === "/bytes") {
      res.writeHead(200, { "Content-Type": "text/plain; charset=euc-kr" });
      return res.end(Buffer.from([0xc7, 0xd1])); // "한" in EUC-KR
    }
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ ok: 1 }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("the one transport", () => {
  it("JSON answer; raw bytes are kept for the provider's own encoding", async () => {
    expect(await postJson(`${base}/json`, { a: 1 }, { timeoutMs: 1000 })).toMatchObject({
      ok: true,
      status: 200,
      body: { ok: 1 },
    });
    const r = await request(`${base}/bytes`, { method: "GET", timeoutMs: 1000 });
    expect(r.ok && [...r.bytes]).toEqual([0xc7, 0xd1]);
  });

  it("timeout: may have reached the provider (unknown, not failed)", async () => {
    expect(await request(`${base}/hang`, { timeoutMs: 100 })).toMatchObject({
      ok: false,
      kind: "timeout",
      timeoutMs: 100,
      maybeReached: true,
    });
  });

  it("the caller's abort is a timeout too", async () => {
    const c = new AbortController();
    setTimeout(() => c.abort(), 50);
    expect(await request(`${base}/hang`, { timeoutMs: 5000, signal: c.signal })).toMatchObject({
      ok: false,
      kind: "timeout",
      maybeReached: true,
    });
  });

  it("connection refused: network, certainly not reached", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await request(`http://127.0.0.1:${port}/x`, { timeoutMs: 1000 })).toMatchObject({
      ok: false,
      kind: "network",
      code: "ECONNREFUSED",
      maybeReached: false,
    });
  });

  it("an answer over the size cap is an unusable answer (http, reached)", async () => {
    expect(await request(`${base}/big`, { method: "GET", timeoutMs: 1000, maxBytes: 1024 })).toMatchObject({
      ok: false,
      kind: "http",
      status: 200,
      maybeReached: true,
    });
  });

  it("the rule: only a connection-phase network error is 'not reached'", () => {
    expect(maybeReachedFor("timeout")).toBe(true);
    expect(maybeReachedFor("http")).toBe(true);
    expect(maybeReachedFor("network", "ECONNRESET")).toBe(true);
    expect(maybeReachedFor("network")).toBe(true);
    expect(maybeReachedFor("network", "ENOTFOUND")).toBe(false);
  });
});
