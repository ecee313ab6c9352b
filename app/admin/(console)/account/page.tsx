import { roleHelp, roleLabel } from "@/lib/admin/roles";
import { requireAdmin } from "../../../_lib/admin";
import { PasswordForm } from "../staff/forms";

export const metadata = { title: "내 계정" };

export default async function AccountPage() {
  const admin = await requireAdmin();
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-xl font-bold">내 계정</h1>
      <section className="card p-4 text-sm">
        <dl className="grid grid-cols-[80px_1fr] gap-y-1.5">
          <dt className="text-ink-mute">이름</dt>
          <dd>{admin.name}</dd>
          <dt className="text-ink-mute">이메일</dt>
          <dd className="break-all">{admin.email}</dd>
          <dt className="text-ink-mute">역할</dt>
          <dd>
            {roleLabel[admin.role]} <span className="text-xs text-ink-mute">({roleHelp[admin.role]})</span>
          </dd>
        </dl>
      </section>
      <section className="card p-4">
        <h2 className="mb-3 font-semibold">비밀번호 바꾸기</h2>
        <PasswordForm />
      </section>
    </div>
  );
}
