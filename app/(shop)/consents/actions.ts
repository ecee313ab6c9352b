"use server";
// Consent server actions: parse the form, call the use case, send the browser on.
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { fieldErrorsOf } from "@/lib/errors";
import {
  requestCmsConsent,
  requestESign,
  requestFailureOf,
  reRequestConsent,
  type Links,
  type RequestOutcome,
} from "@/lib/consents/consents";
import { appLaunchUrl, appToAppAvailable } from "@/lib/consents/providers";
import { isOrderNumber } from "@/lib/orders/order-number";
import { hitAll } from "@/lib/ratelimit";
import { formProblem } from "../../_lib/input";
import { currentIp } from "../../_lib/ratelimit";
import { canSeeOrder, deviceFromRequest } from "../../_lib/request";
import { canSeeConsent, grantConsentAccess } from "../../_lib/consent-access";

export type ConsentFormState = {
  error?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  failedId?: string;
};

const str = (f: FormData, k: string) => String(f.get(k) ?? "");

/**
 * Each consent request is a KakaoTalk message to a person and a billable provider call: limited per
 * phone number (what an attacker cannot vary to reach a victim) and per client IP, before lib/consents
 * is called at all — a refused request has no side effect.
 */
async function consentLimit(phone: string) {
  const digits = phone.replace(/\D/g, "");
  return hitAll([
    ["consentPerPhone", /^01\d{8,9}$/.test(digits) ? digits : null],
    ["consentPerIp", await currentIp()],
  ]);
}

/** Only links the customer may use: an order they can see (by its number). */
async function linksFrom(formData: FormData): Promise<Links | string> {
  const orderNumber = str(formData, "order").trim().toUpperCase();
  if (!orderNumber) return {};
  if (!isOrderNumber(orderNumber) || !(await canSeeOrder(orderNumber)))
    return "연결할 주문을 확인할 수 없습니다. 주문 조회 후 다시 시도해 주세요.";
  const o = await db.order.findUnique({ where: { orderNumber }, select: { id: true } });
  return o ? { orderId: o.id } : "연결할 주문을 찾을 수 없습니다.";
}

/** Sent: on to the waiting screen (or the KakaoTalk app); the browser may see the request from now on. */
async function go(sent: { id: string; channel: "TALK" | "APP"; txId?: string }): Promise<never> {
  await grantConsentAccess(sent.id);
  if (sent.channel === "APP" && sent.txId) {
    const launch = appLaunchUrl(sent.txId, `${env().APP_URL}/consents/${sent.id}/app-return`);
    if (launch) redirect(launch);
  }
  redirect(`/consents/${sent.id}`);
}

async function finish(r: RequestOutcome, values: Record<string, string>): Promise<ConsentFormState> {
  if (r.ok) return go(r.value);
  const failure = requestFailureOf(r.error);
  if (!failure) return { error: r.error.message, fieldErrors: fieldErrorsOf(r.error), values };
  if (failure.id) await grantConsentAccess(failure.id);
  return { error: r.error.message, values, failedId: failure.retryable ? undefined : failure.id };
}

/** A request form's fields, checked before lib/consents is called: the input layer, the linked order, the limits. */
async function readRequest(
  formData: FormData,
  fields: string[],
): Promise<{ ok: true; values: Record<string, string>; links: Links } | { ok: false; state: ConsentFormState }> {
  const values = Object.fromEntries(fields.map((k) => [k, str(formData, k)]));
  const bad = formProblem(formData);
  if (bad) return { ok: false, state: { error: bad.message, values: {} } };
  const links = await linksFrom(formData);
  if (typeof links === "string") return { ok: false, state: { error: links, values } };
  const limited = await consentLimit(values.phone!);
  if (!limited.ok) return { ok: false, state: { error: limited.error.message, values } };
  return { ok: true, values, links };
}

export async function requestCmsAction(_prev: ConsentFormState, formData: FormData): Promise<ConsentFormState> {
  const r = await readRequest(formData, [
    "name",
    "phone",
    "birthday",
    "bankName",
    "accountNumber",
    "accountHolder",
    "order",
  ]);
  if (!r.ok) return r.state;
  return finish(await requestCmsConsent(r.values, r.links), r.values);
}

export async function requestESignAction(_prev: ConsentFormState, formData: FormData): Promise<ConsentFormState> {
  const r = await readRequest(formData, ["name", "phone", "birthday", "document", "agree", "order", "channel"]);
  if (!r.ok) return r.state;
  const { values, links } = r;
  const appToApp = values.channel === "app" && appToAppAvailable() && (await deviceFromRequest()) === "MOBILE";
  return finish(await requestESign(values, links, { appToApp }), values);
}

/** "다시 요청하기" on an expired / declined / failed screen: same details, new KakaoTalk request. */
export async function reRequestAction(formData: FormData) {
  const id = str(formData, "id");
  if (!/^[a-z0-9]{20,40}$/.test(id) || !(await canSeeConsent(id))) redirect("/consents");
  const old = await db.consentRequest.findUnique({ where: { id }, select: { customerPhone: true } });
  const limited = await consentLimit(old?.customerPhone ?? "");
  if (!limited.ok) redirect(`/consents/${id}?notice=${encodeURIComponent(limited.error.message)}`);
  const r = await reRequestConsent(id, { by: "customer" });
  if (r.ok) await go(r.value);
  else {
    const newId = requestFailureOf(r.error)?.id;
    if (newId && newId !== id) {
      await grantConsentAccess(newId);
      redirect(`/consents/${newId}`);
    }
    redirect(`/consents/${id}?notice=${encodeURIComponent(r.error.message)}`);
  }
}
