// The frame of a consent request page (자동이체 출금동의, 전자서명): back link, title, what it is, and the
// order the request will be linked to, when the link carried one.
import Link from "next/link";

export function ConsentRequestPage({
  title,
  intro,
  order,
  children,
}: {
  title: string;
  intro: React.ReactNode;
  order?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <Link href="/consents" className="text-sm text-ink-mute hover:underline">
        ← 동의·서명
      </Link>
      <header>
        <h1 className="text-xl font-bold">{title}</h1>
        <p className="mt-1 text-sm text-ink-soft">{intro}</p>
        {order && (
          <p className="mt-2 rounded-xl bg-paper p-3 text-sm" data-testid="linked-order">
            연결 주문 <span className="font-mono font-semibold">{order}</span>
          </p>
        )}
      </header>
      {children}
    </div>
  );
}
