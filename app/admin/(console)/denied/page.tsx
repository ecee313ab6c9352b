import Link from "next/link";
import { PERMISSIONS, permissionLabel, roleLabel, type Permission } from "@/lib/admin/roles";
import { requireAdmin } from "../../../_lib/admin";

export const metadata = { title: "권한 없음" };

export default async function Denied({ searchParams }: { searchParams: Promise<{ need?: string }> }) {
  const admin = await requireAdmin();
  const need = (await searchParams).need;
  const perm = PERMISSIONS.includes(need as Permission) ? (need as Permission) : null;
  return (
    <div className="card mx-auto max-w-md p-6 text-center" data-testid="denied">
      <h1 className="text-lg font-bold">권한이 없습니다</h1>
      <p className="mt-2 text-sm text-ink-soft">
        {perm ? `${permissionLabel[perm]}` : "이 화면"}은(는) 지금 역할({roleLabel[admin.role]})로 사용할 수 없습니다.
        필요하면 소유자에게 역할 변경을 요청해 주세요.
      </p>
      <Link href="/admin" className="btn-ghost mt-4 inline-block py-2 text-sm">
        관리자 홈으로
      </Link>
    </div>
  );
}
