import Link from "next/link";
import { kstDateTime } from "@/lib/admin/format";
import { roleLabel } from "@/lib/admin/roles";
import { openInvite } from "@/lib/admin/staff";
import { AcceptForm } from "./form";

export const dynamic = "force-dynamic";
export const metadata = { title: "직원 초대", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const inv = await openInvite(token);
  return (
    <main className="grid min-h-dvh place-items-center bg-paper px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <span className="mx-auto grid size-10 place-items-center rounded-xl bg-kakao font-bold">K</span>
          <h1 className="mt-3 text-xl font-bold">관리자 계정 만들기</h1>
        </div>
        {inv?.state === "open" ? (
          <>
            <p className="mb-3 text-center text-sm text-ink-soft" data-testid="invite-summary">
              {inv.merchantName}에서 <b>{inv.email}</b>을(를) <b>{roleLabel[inv.role]}</b>(으)로 초대했습니다.
              <br />
              <span className="text-xs text-ink-mute">{kstDateTime(inv.expiresAt)}까지 유효</span>
            </p>
            <AcceptForm token={token} email={inv.email} />
          </>
        ) : (
          <div className="card p-5 text-center text-sm" role="alert" data-testid="invite-invalid">
            <p className="font-semibold">
              {inv?.state === "expired"
                ? "초대 링크가 만료되었습니다."
                : inv?.state === "accepted"
                  ? "이미 사용한 초대 링크입니다."
                  : "사용할 수 없는 초대 링크입니다."}
            </p>
            <p className="mt-2 text-ink-soft">
              {inv?.state === "accepted"
                ? "만든 계정으로 로그인해 주세요."
                : "소유자에게 새 초대 링크를 요청해 주세요."}
            </p>
            <Link href="/admin/login" className="btn-ghost mt-4 inline-block py-2">
              로그인으로
            </Link>
          </div>
        )}
      </div>
    </main>
  );
}
