import { NotFoundBody } from "../_components/shop-frame";

export const metadata = { title: "페이지를 찾을 수 없습니다" };

export default function ShopNotFound() {
  return <NotFoundBody />;
}
