// A sample /kakao/notice result using every detail item type (tests, screenshots, demo billers).
// Note: the TEXT item uses the seed example's camelCase `itemType` on purpose (accepted leniently).
export const SAMPLE_RESULT = {
  biller_user_key: "CUST0001",
  billed_year_month: "202607",
  title: "2026년 7월 관리비",
  amount: 29000,
  tax_free_amount: 0,
  vat_amount: 2636,
  expire_type: "D2",
  pay_expire_date: "20260731",
  second_pay_expire_date: "20260810",
  bank_accounts: [
    { bank_code: "088", account_no: "56211234567890", holder_name: "카카오아파트", account_type: "VIRTUAL" },
  ],
  details: [
    {
      title: "전체청구금액",
      item_type: "KEY_VALUE",
      elements: [
        { key: "당월 부과 금액", value: "27,800 원", level: 1 },
        { key: "미납액", value: "1,200 원", level: 2 },
        { key: "총 부과 금액", value: "29,000 원", level: 1 },
      ],
      description: "납기 후 연체료가 부과됩니다.",
    },
    { title: "기본정보", itemType: "TEXT", elements: ["카카오아파트", "101동 1001호"] },
    {
      title: "항목별부과금액",
      item_type: "TABLE",
      elements: {
        head: ["항목", "당월금액", "전월대비"],
        rows: [
          ["전기료", "12,000 원", "+500"],
          ["수도료", "8,000 원", "-100"],
        ],
      },
    },
    {
      title: "최근 3개월 사용요금 추이",
      item_type: "GRAPH",
      unit_name: "원/월",
      elements: [
        { x: "05", y: 20000 },
        { x: "06", y: 32100 },
        { x: "07", y: 29000 },
      ],
    },
  ],
};
