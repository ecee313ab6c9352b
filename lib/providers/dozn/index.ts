// Dozn agency (KakaoPay 청구서): link API client + wire schemas/builders for our biller endpoints.
export * from "./codes";
export * from "./schemas";
export * from "./client";
export * from "./auth";
export * from "./biller";
