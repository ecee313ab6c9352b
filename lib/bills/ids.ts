// Ids for rows written with raw SQL, in the shape of Prisma's cuid() (25 chars: "c" + time +
// counter + process fingerprint + random). Increasing within a process, so the timeline's
// ORDER BY "createdAt", id keeps the events of one transaction (same createdAt) in write order.
import { randomBytes } from "node:crypto";
import os from "node:os";

const b36 = (n: number, len: number) => n.toString(36).padStart(len, "0").slice(-len);
const fingerprint = b36(
  (process.pid % 1296) * 1296 + ([...os.hostname()].reduce((s, c) => s + c.charCodeAt(0), 0) % 1296),
  4,
);
let counter = Math.floor(Math.random() * 1296);
let lastMs = 0;

export function newId(): string {
  lastMs = Math.max(lastMs, Date.now()); // never backwards, even if the clock is
  counter = (counter + 1) % 36 ** 4;
  if (counter === 0) lastMs++; // a wrapped counter must not sort before the ids just made
  const random = b36(randomBytes(6).readUIntBE(0, 6) % 36 ** 8, 8);
  return `c${b36(lastMs, 8)}${b36(counter, 4)}${fingerprint}${random}`;
}
