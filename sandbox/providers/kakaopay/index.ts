import type { ProviderModule } from "../../context.ts";

const provider: ProviderModule = {
  name: "kakaopay",
  title: "kakaopay (not built yet)",
  mount() {},
};
export default provider;
