"use client";
// 우편번호 찾기 through Kakao's postcode service (lib/shop/postcode.ts) when the browser can load it;
// otherwise (offline, blocked, CSP) the buyer types 우편번호 and 주소 — both fields stay editable.
import { useEffect, useRef, useState } from "react";
import { Field, FieldNote, fieldAria } from "../../_components/field";

type DaumPostcodeData = {
  zonecode: string;
  roadAddress: string;
  jibunAddress: string;
  userSelectedType: "R" | "J";
  buildingName?: string;
  apartment?: "Y" | "N";
};
type DaumPostcode = new (opts: {
  oncomplete: (d: DaumPostcodeData) => void;
  onclose?: () => void;
  width?: string;
  height?: string;
}) => { embed: (el: HTMLElement, o?: { autoClose?: boolean }) => void };
declare global {
  interface Window {
    daum?: { Postcode?: DaumPostcode };
    kakao?: { Postcode?: DaumPostcode };
  }
}

let loading: Promise<DaumPostcode> | null = null;
function loadPostcode(src: string): Promise<DaumPostcode> {
  const ready = () => window.kakao?.Postcode ?? window.daum?.Postcode;
  if (ready()) return Promise.resolve(ready()!);
  loading ??= new Promise<DaumPostcode>((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.async = true;
    const timer = window.setTimeout(() => reject(new Error("timeout")), 6000);
    s.onload = () => {
      window.clearTimeout(timer);
      const P = ready();
      if (P) resolve(P);
      else reject(new Error("no Postcode"));
    };
    s.onerror = () => {
      window.clearTimeout(timer);
      reject(new Error("load failed"));
    };
    document.head.appendChild(s);
  }).catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}

const ADDRESS = {
  id: "address1",
  label: "주소",
  autoComplete: "shipping address-line1",
  maxLength: 200,
  placeholder: "도로명 또는 지번 주소",
} as const;

export function PostcodeSearch({
  scriptUrl,
  values,
  errors,
}: {
  scriptUrl: string | null;
  values: { postcode: string; address1: string };
  errors: { postcode?: string; address1?: string };
}) {
  const [status, setStatus] = useState<"off" | "loading" | "ready" | "open" | "unavailable">(
    scriptUrl ? "loading" : "off",
  );
  const postcodeRef = useRef<HTMLInputElement>(null);
  const addressRef = useRef<HTMLInputElement>(null);
  const detailRef = useRef<HTMLElement | null>(null);
  const layerRef = useRef<HTMLDivElement>(null);
  const ctor = useRef<DaumPostcode | null>(null);

  useEffect(() => {
    if (!scriptUrl) return;
    let alive = true;
    loadPostcode(scriptUrl).then(
      (P) => {
        ctor.current = P;
        if (alive) setStatus("ready");
      },
      () => alive && setStatus("unavailable"),
    );
    // Kakao's search page is framed: a CSP without its origin blocks it → manual entry.
    const onViolation = (e: SecurityPolicyViolationEvent) => {
      if (/frame-src|child-src|script-src/.test(e.effectiveDirective) && /postcode|kakao|daum/.test(e.blockedURI))
        setStatus("unavailable");
    };
    document.addEventListener("securitypolicyviolation", onViolation);
    return () => {
      alive = false;
      document.removeEventListener("securitypolicyviolation", onViolation);
    };
  }, [scriptUrl]);

  useEffect(() => {
    if (status !== "open" || !ctor.current || !layerRef.current) return;
    new ctor.current({
      width: "100%",
      height: "100%",
      oncomplete: (d) => {
        if (postcodeRef.current) postcodeRef.current.value = d.zonecode;
        const base = d.userSelectedType === "J" ? d.jibunAddress : d.roadAddress;
        const extra = d.userSelectedType === "R" && d.buildingName && d.apartment === "Y" ? ` (${d.buildingName})` : "";
        if (addressRef.current) addressRef.current.value = base + extra;
        setStatus("ready");
        detailRef.current = document.getElementById("address2");
        detailRef.current?.focus();
      },
    }).embed(layerRef.current, { autoClose: false });
  }, [status]);

  return (
    <>
      <div>
        <label className="label" htmlFor="postcode">
          우편번호
        </label>
        <div className="flex gap-2">
          <input
            ref={postcodeRef}
            id="postcode"
            name="postcode"
            className="input min-w-0 flex-1"
            inputMode="numeric"
            autoComplete="shipping postal-code"
            maxLength={5}
            placeholder="5자리"
            defaultValue={values.postcode}
            required
            {...fieldAria("postcode", errors.postcode, true)}
          />
          {(status === "ready" || status === "open") && (
            <button
              type="button"
              className="btn-dark shrink-0 px-4"
              onClick={() => setStatus(status === "open" ? "ready" : "open")}
              data-testid="postcode-search"
            >
              {status === "open" ? "검색 닫기" : "우편번호 찾기"}
            </button>
          )}
        </div>
        <FieldNote
          id="postcode"
          error={errors.postcode}
          hintTone="soft"
          hintTestId="postcode-hint"
          hint={
            status === "ready" || status === "open"
              ? "우편번호 찾기로 검색하거나 직접 입력할 수 있습니다."
              : status === "loading"
                ? "우편번호와 주소를 입력해 주세요."
                : "주소 검색을 사용할 수 없어 직접 입력해 주세요. (우편번호 5자리와 도로명 주소)"
          }
        />
        {status === "open" && (
          <div
            ref={layerRef}
            className="mt-2 h-[420px] overflow-hidden rounded-xl border border-line"
            data-testid="postcode-layer"
          />
        )}
      </div>
      <Field ref={addressRef} {...ADDRESS} error={errors.address1} defaultValue={values.address1} required />
    </>
  );
}
