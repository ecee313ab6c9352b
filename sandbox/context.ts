// What every simulated provider gets from the sandbox host. The sandbox is an independent reading
// of the provider specs (../shared/seeds): it never imports the app's lib/ or app/.
import type { Hono } from "hono";
import type { Faults } from "./faults.ts";

export type SandboxContext = {
  /** Public base URL of this sandbox as browsers and the app reach it, e.g. http://127.0.0.1:4010 */
  publicUrl: string;
  faults: Faults;
  log: (msg: string, data?: Record<string, unknown>) => void;
  /** Current time; tests may shift it through /__sandbox/clock to exercise expiries. */
  now: () => Date;
};

export type ProviderModule = {
  /** Short id used by the fault controls, e.g. "kakaopay", "payup", "dozn", "barocert", "kakaocert" */
  name: string;
  title: string;
  mount: (app: Hono, ctx: SandboxContext) => void;
};
