// An address that matches no page: the shop's frame with a way on (the (shop) group's own not-found
// covers notFound() inside shop pages).
import { NotFoundBody, ShopFrame } from "./_components/shop-frame";

export const metadata = { title: "페이지를 찾을 수 없습니다" };

export default function NotFound() {
  return (
    <ShopFrame>
      <NotFoundBody />
    </ShopFrame>
  );
}
