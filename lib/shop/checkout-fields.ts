/** Checkout form field names in page order (the first one with an error gets focus). */
export const checkoutFields = [
  "name",
  "phone",
  "email",
  "recipientName",
  "recipientPhone",
  "postcode",
  "address1",
  "address2",
  "deliveryMemo",
  "agreePrivacy",
  "agreeThirdParty",
] as const;
export type CheckoutField = (typeof checkoutFields)[number];
