// PayUp — KakaoPay through KCP: typed client, response codes, window form builders, KCP return parsing,
// EUC-KR helpers. The wire format stays in this folder.
export * from "./signature";
export * from "./codes";
export {
  parseKcpReturn,
  type KcpReturn,
  type PayUpAuthorization,
  // wire schemas, for tests and logging
  orderRequestWire,
  orderResponseWire,
  payRequestWire,
  payResponseWire,
  cancelRequestWire,
  cancelResponseWire,
  kcpReturnWire,
} from "./schemas";
export * from "./forms";
export * from "./euckr";
export * from "./client";
export * from "./gateway";
