"use client";
// Copies the bill's link for a text message or KakaoTalk; says so where the button is (and to screen readers).
import { useState } from "react";

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (plain http on another host, an old browser): the selection way.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

export function CopyButton({ text, label = "링크 복사" }: { text: string; label?: string }) {
  const [done, setDone] = useState<"ok" | "failed" | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className="btn-ghost px-3 py-1.5 text-sm"
        onClick={async () => {
          setDone((await copyText(text)) ? "ok" : "failed");
          setTimeout(() => setDone(null), 2500);
        }}
        data-testid="link-copy"
      >
        {label}
      </button>
      <span
        role="status"
        className={`text-xs ${done === "failed" ? "text-red-700" : "text-green-700"}`}
        data-testid="link-copy-status"
      >
        {done === "ok"
          ? "복사했습니다"
          : done === "failed"
            ? "복사하지 못했습니다. 링크를 길게 눌러 복사해 주세요."
            : ""}
      </span>
    </span>
  );
}
