// Demo data: one merchant, eight products and (outside production) one owner login with a published
// password. Idempotent (upserts). A production database gets its first owner from
// `npm run admin:create -- --email … --role owner` instead.
import { db as defaultDb, type Db } from "./db";
import { hashPassword } from "./admin/password";

export const DEMO_ADMIN = { email: "admin@kakao-checkout.test", password: "demo-admin-1234", name: "데모 관리자" };

export const DEMO_PRODUCTS = [
  {
    slug: "jeju-tangerine",
    name: "제주 햇감귤 3kg",
    summary: "새콤달콤한 제주 노지 감귤",
    price: 18900,
    taxFree: true,
    color: "#FF9F1C",
  },
  {
    slug: "hallabong-gift",
    name: "한라봉 선물세트",
    summary: "명절 선물용 특품 한라봉 9과",
    price: 45000,
    taxFree: true,
    color: "#F77F00",
  },
  {
    slug: "green-tea",
    name: "제주 유기농 녹차 티백",
    summary: "첫물 찻잎으로 만든 녹차 50티백",
    price: 12900,
    taxFree: false,
    color: "#2A9D8F",
  },
  {
    slug: "omija-syrup",
    name: "문경 오미자청 500ml",
    summary: "다섯 가지 맛의 오미자 원액",
    price: 21000,
    taxFree: false,
    color: "#E63946",
  },
  {
    slug: "honey",
    name: "지리산 아카시아 꿀 1kg",
    summary: "지리산 자락에서 채밀한 천연 벌꿀",
    price: 32000,
    taxFree: true,
    color: "#FFB703",
  },
  {
    slug: "mug",
    name: "백자 머그컵",
    summary: "이천 도예가가 빚은 백자 머그",
    price: 28000,
    taxFree: false,
    color: "#8D99AE",
  },
  {
    slug: "tote",
    name: "한글 캘리그라피 에코백",
    summary: "'고맙습니다' 손글씨 캔버스 에코백",
    price: 15900,
    taxFree: false,
    color: "#457B9D",
  },
  {
    slug: "rice-cake",
    name: "수제 모듬 떡 세트",
    summary: "찹쌀떡·인절미·꿀떡 모듬 20개입",
    price: 24500,
    taxFree: true,
    color: "#C9ADA7",
  },
] as const;

/** The demo owner is created only when NODE_ENV is not "production" (its password is in the README). */
export function seedsDemoAdmin(nodeEnv: string | undefined = process.env.NODE_ENV) {
  return nodeEnv !== "production";
}

export async function seedDemo(deps: { db?: Db; nodeEnv?: string } = {}) {
  const db = deps.db ?? defaultDb;
  const merchant = await db.merchant.upsert({
    where: { code: "KC" },
    update: {},
    create: { code: "KC", name: "카카오 체크아웃 상점" },
  });
  for (const [i, p] of DEMO_PRODUCTS.entries()) {
    await db.product.upsert({
      where: { slug: p.slug },
      update: {},
      create: {
        merchantId: merchant.id,
        slug: p.slug,
        name: p.name,
        summary: p.summary,
        description: `${p.summary}. 주문 후 1~2일 안에 출고됩니다. 신선식품은 수령 후 냉장 보관해 주세요.`,
        price: p.price,
        taxFree: p.taxFree,
        imagePath: `/products/${p.slug}.svg`,
        sortOrder: i,
      },
    });
  }
  if (!seedsDemoAdmin(deps.nodeEnv)) return { merchantId: merchant.id, demoAdmin: false };
  const existing = await db.adminUser.findUnique({ where: { email: DEMO_ADMIN.email } });
  if (!existing) {
    await db.adminUser.create({
      data: {
        merchantId: merchant.id,
        email: DEMO_ADMIN.email,
        name: DEMO_ADMIN.name,
        role: "OWNER",
        passwordHash: await hashPassword(DEMO_ADMIN.password),
      },
    });
  }
  return { merchantId: merchant.id, demoAdmin: true };
}
