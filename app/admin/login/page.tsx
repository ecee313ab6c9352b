import { redirect } from "next/navigation";
import { env } from "@/lib/env";
import { DEMO_ADMIN } from "@/lib/seed";
import { currentAdmin } from "../../_lib/admin";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "관리자 로그인" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ invited?: string }> }) {
  if (await currentAdmin()) redirect("/admin");
  const invited = (await searchParams).invited === "1";
  const demo = env().SHOW_DEMO_LOGIN === "1" ? DEMO_ADMIN : null;
  return (
    <main className="grid min-h-dvh place-items-center bg-paper px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <span className="mx-auto grid size-10 place-items-center rounded-xl bg-kakao font-bold">K</span>
          <h1 className="mt-3 text-xl font-bold">카카오 체크아웃 관리자</h1>
        </div>
        {invited && (
          <p className="mb-3 rounded-xl bg-green-50 p-3 text-center text-sm text-green-800" role="status">
            계정을 만들었습니다. 새 비밀번호로 로그인해 주세요.
          </p>
        )}
        <LoginForm />
        {demo && (
          <p className="mt-4 rounded-xl bg-white p-3 text-center text-xs text-ink-soft" data-testid="demo-login">
            데모 계정: <b>{demo.email}</b> / <b>{demo.password}</b>
          </p>
        )}
      </div>
    </main>
  );
}
