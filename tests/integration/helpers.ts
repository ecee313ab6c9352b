// Shared helpers for integration tests (real DB from global setup, real sandbox over HTTP).
import { inject } from "vitest";
import { db } from "@/lib/db";

export const sandboxUrl = () => inject("sandboxUrl");

export async function demoProducts() {
  return db.product.findMany({ orderBy: { sortOrder: "asc" } });
}

export const buyer = { name: "김카카오", phone: "010-1234-5678", email: "buyer@example.com" };

export async function armFault(fault: { provider: string; op: string; mode: string; code?: string; delayMs?: number; times?: number }) {
  const r = await fetch(`${sandboxUrl()}/__sandbox/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fault) });
  if (!r.ok) throw new Error(`arming fault failed: ${r.status} ${await r.text()}`);
}

export async function clearFaults() {
  await fetch(`${sandboxUrl()}/__sandbox/faults`, { method: "DELETE" });
}
