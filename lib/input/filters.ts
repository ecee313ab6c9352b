// Shared pieces of the staff lists' filter schemas (orders, consents, audit, and their CSV exports).
import { z } from "zod";
import { isRealDate } from "./guard";

/** An optional YYYY-MM-DD date filter: empty means none; an impossible date gets its own message. */
export const filterDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "날짜는 YYYY-MM-DD 형식입니다.")
  .refine(isRealDate, "존재하지 않는 날짜입니다.")
  .optional()
  .or(z.literal("").transform(() => undefined));
