import type { ProviderModule } from "../../context.ts";

const provider: ProviderModule = {
  name: "dozn",
  title: "dozn (not built yet)",
  mount() {},
};
export default provider;
