// Test controls: arm a fault for the next N calls of one provider operation.
//   mode "timeout": the provider DOES the operation at once, then holds the response for delayMs
//                   (the caller times out although the provider's state changed: reconciliation).
//   mode "delay":   the provider waits delayMs, THEN does the operation, then answers (a slow network
//                   or a slow provider: during the wait a lookup truthfully says "not done yet", after
//                   it the operation has happened — even if the caller gave up in between).
//                   Only providers listed in DELAY_PROVIDERS implement it; arming it for another one is
//                   refused (400) rather than silently ignored.
//   mode "hang":    holds the response without doing anything.
//   mode "http500": answers 500 without doing anything.
//   mode "error":   answers the provider's own error for `code` (each provider maps it).
import { z } from "zod";

export const faultSchema = z.object({
  provider: z.string().min(1),
  op: z.string().min(1), // operation name as the provider module names it, or "*" for any
  mode: z.enum(["timeout", "delay", "hang", "http500", "error"]),
  code: z.string().optional(),
  message: z.string().optional(),
  delayMs: z.number().int().min(0).max(120_000).default(30_000),
  times: z.number().int().min(1).max(1000).default(1),
  // Only calls whose request (as the provider passes it, e.g. the raw body) contains this text, so
  // parallel tests can each fault their own transaction.
  match: z.string().min(1).optional(),
});
export type FaultInput = z.input<typeof faultSchema>;

/** Fault-provider names whose modules implement mode "delay" (see each provider's README). */
export const DELAY_PROVIDERS: readonly string[] = ["kakaopay", "payup"];
export type Fault = z.output<typeof faultSchema>;

export class Faults {
  private armed: Fault[] = [];

  arm(input: FaultInput): Fault {
    const fault = faultSchema.parse(input);
    this.armed.push(fault);
    return fault;
  }

  /** Consumes one armed fault for this provider/op (and request subject, for faults with `match`), if any. */
  take(provider: string, op: string, subject = ""): Fault | undefined {
    const i = this.armed.findIndex(
      (f) => f.provider === provider && (f.op === op || f.op === "*") && (!f.match || subject.includes(f.match)),
    );
    if (i < 0) return undefined;
    const f = this.armed[i]!;
    f.times -= 1;
    if (f.times <= 0) this.armed.splice(i, 1);
    return { ...f };
  }

  list(): Fault[] {
    return this.armed.map((f) => ({ ...f }));
  }

  clear(provider?: string) {
    this.armed = provider ? this.armed.filter((f) => f.provider !== provider) : [];
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
