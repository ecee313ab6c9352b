// Bill row ↔ the form's initial values.
import { fromWireDetail, type WireDetail } from "@/lib/bills/details";
import { kstDate } from "@/lib/kst";
import type { BillFormValues } from "./bill-form";

const dash = (ymd: string | null | undefined) =>
  ymd && ymd.length === 8 ? `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)}` : "";

export function emptyFormValues(now = new Date()): BillFormValues {
  const today = kstDate(now);
  const due = kstDate(new Date(now.getTime() + 14 * 86_400_000));
  return {
    customerKey: "",
    customerName: "",
    customerBirth: "",
    billedYearMonth: today.slice(0, 7),
    ordinal: "",
    billerNoticeKey: "",
    settlementCode: "",
    title: "",
    amount: "",
    taxFreeAmount: "0",
    vatAmount: "",
    expireType: "D1",
    payExpireDate: due,
    secondPayExpireDate: "",
    bankAccounts: [],
    details: [],
  };
}

type BillRow = {
  billerUserKey: string;
  billedYearMonth: string | null;
  ordinal: string | null;
  billerNoticeKey: string;
  settlementCode: string | null;
  title: string;
  amount: number | bigint;
  taxFreeAmount: number | bigint;
  vatAmount: number | bigint;
  expireType: string;
  payExpireDate: string;
  secondPayExpireDate: string | null;
  bankAccounts: unknown;
  details: unknown;
  customer: { name: string; birthDate: string | null };
};

export function formValuesOf(b: BillRow): BillFormValues {
  const accounts =
    (b.bankAccounts as {
      bank_code: string;
      account_no: string;
      holder_name?: string;
      sender_name?: string;
      account_type: "NORMAL" | "VIRTUAL";
    }[]) ?? [];
  return {
    customerKey: b.billerUserKey,
    customerName: b.customer.name,
    customerBirth: dash(b.customer.birthDate),
    billedYearMonth: b.billedYearMonth ? `${b.billedYearMonth.slice(0, 4)}-${b.billedYearMonth.slice(4)}` : "",
    ordinal: b.ordinal ?? "",
    billerNoticeKey: b.billerNoticeKey,
    settlementCode: b.settlementCode ?? "",
    title: b.title,
    amount: String(b.amount),
    taxFreeAmount: String(b.taxFreeAmount),
    vatAmount: String(b.vatAmount),
    expireType: (["D0", "D1", "D2"].includes(b.expireType) ? b.expireType : "D1") as BillFormValues["expireType"],
    payExpireDate: dash(b.payExpireDate),
    secondPayExpireDate: dash(b.secondPayExpireDate),
    bankAccounts: accounts.map((a) => ({
      bankCode: a.bank_code,
      accountNo: a.account_no,
      holderName: a.holder_name ?? "",
      senderName: a.sender_name ?? "",
      accountType: a.account_type,
    })),
    details: ((b.details as WireDetail[]) ?? []).map(fromWireDetail),
  };
}
