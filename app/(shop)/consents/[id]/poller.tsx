"use client";
// The waiting screen: polls our server (which polls the provider) every 2 s, shows the time left,
// and stops on a final state (then re-renders the page, which shows that state's screen).
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { ConsentView } from "@/lib/consents/view";

const POLL_MS = 2000;

function left(expiresAt: string | null, now: number) {
  if (!expiresAt) return null;
  const s = Math.max(0, Math.floor((Date.parse(expiresAt) - now) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function ConsentPoller({ initial, launchUrl }: { initial: ConsentView; launchUrl?: string }) {
  const router = useRouter();
  const [view, setView] = useState(initial);
  const [now, setNow] = useState(() => Date.now());
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const r = await fetch(`/api/consents/${initial.id}/refresh`, { method: "POST", cache: "no-store" });
        if (r.ok) {
          const v = (await r.json()) as ConsentView;
          setOffline(false);
          setView(v);
          if (v.final) {
            stop = true;
            router.refresh();
            return;
          }
        } else setOffline(true);
      } catch {
        setOffline(true);
      }
      if (!stop) timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    const clock = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      stop = true;
      clearTimeout(timer);
      clearInterval(clock);
    };
  }, [initial.id, router]);

  const remaining = left(view.expiresAt, now);
  const checking = view.screen === "checking";
  const expiredLocally = view.expiresAt !== null && Date.parse(view.expiresAt) <= now;
  return (
    <section
      className="card p-5 text-center"
      data-testid="consent-screen"
      data-screen={view.final ? view.screen : checking ? "checking" : "waiting"}
      aria-live="polite"
    >
      {checking ? (
        <div
          className="mx-auto size-12 animate-spin rounded-full border-4 border-kakao border-t-transparent"
          aria-hidden
        />
      ) : (
        <div
          className="mx-auto grid size-14 place-items-center rounded-2xl bg-kakao text-lg font-black text-kakao-brown"
          aria-hidden
        >
          톡
        </div>
      )}
      <h1 className="mt-4 text-xl font-bold">{view.heading}</h1>
      <p className="mt-2 text-sm text-ink-soft" data-testid="consent-message">
        {view.message}
      </p>
      {!checking && remaining && (
        <p className="mt-4 text-sm text-ink-soft">
          남은 시간{" "}
          <span className="amount text-2xl font-bold text-ink" data-testid="time-left">
            {expiredLocally ? "0:00" : remaining}
          </span>
        </p>
      )}
      {!checking && expiredLocally && <p className="mt-1 text-xs text-ink-mute">만료 여부를 확인하고 있습니다…</p>}
      {!checking && view.channel === "TALK" && (
        <ol className="mx-auto mt-5 max-w-xs space-y-1.5 text-left text-sm text-ink-soft">
          <li>1. 카카오톡 메시지 〈카카오 인증서〉를 엽니다.</li>
          <li>2. 요청 내용을 확인하고 [서명하기]를 누릅니다.</li>
          <li>3. 이 화면으로 돌아오면 자동으로 완료됩니다.</li>
        </ol>
      )}
      {!checking && launchUrl && (
        <a href={launchUrl} className="btn-kakao mt-5 w-full" data-testid="open-kakaotalk">
          카카오톡 앱 열기
        </a>
      )}
      {offline && (
        <p
          className="mt-4 rounded-xl bg-amber-50 p-3 text-sm text-amber-800"
          role="status"
          data-testid="consent-offline"
        >
          연결이 원활하지 않습니다. 자동으로 다시 확인하고 있습니다.
        </p>
      )}
    </section>
  );
}
