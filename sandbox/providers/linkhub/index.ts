import type { ProviderModule } from "../../context.ts";

const provider: ProviderModule = {
  name: "linkhub",
  title: "linkhub (not built yet)",
  mount() {},
};
export default provider;
