import { ShopFrame } from "../_components/shop-frame";

export default async function ShopLayout({ children }: { children: React.ReactNode }) {
  return <ShopFrame>{children}</ShopFrame>;
}
