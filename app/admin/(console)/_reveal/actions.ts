"use server";
// "보기" on an admin detail page: one personal-data value for a manager or owner, audited
// (lib/admin/reveal.ts re-checks the role, scopes the record to the merchant and writes the audit row).
// The value goes back only in this action's answer, never into a page's HTML.
import { z } from "zod";
import { revealPersonalData } from "@/lib/admin/reveal";
import { ok } from "@/lib/errors";
import { withAdminAction } from "../../../_lib/admin";
import { currentIp } from "../../../_lib/ratelimit";

export type RevealState = { ok?: boolean; value?: string; message?: string };

const text = z.preprocess((v) => (typeof v === "string" ? v : ""), z.string());

export const revealAction = withAdminAction(
  {
    perm: "pii.reveal",
    schema: z.object({ type: text, id: text, field: text }),
    state: (e): RevealState => ({ ok: false, message: e.message }),
  },
  async ({ admin, input }) => {
    const r = await revealPersonalData(admin, input, { ip: await currentIp() });
    return r.ok ? ok<RevealState>({ ok: true, value: r.value }) : r;
  },
);
