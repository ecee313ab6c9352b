import type { ProviderModule } from "../../context.ts";

const provider: ProviderModule = {
  name: "payup",
  title: "payup (not built yet)",
  mount() {},
};
export default provider;
