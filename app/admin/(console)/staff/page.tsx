import { listStaff } from "@/lib/admin/staff";
import { roleHelp, roleLabel, ROLES } from "@/lib/admin/roles";
import { kstDateTime } from "@/lib/admin/format";
import { requireAdmin } from "../../../_lib/admin";
import { InviteForm, RevokeInvite, StaffRowActions } from "./forms";

export const metadata = { title: "직원 관리" };

export default async function StaffPage() {
  const admin = await requireAdmin("staff.manage");
  const { users, invites } = await listStaff(admin.merchantId);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">직원 관리</h1>
      <section className="card p-4">
        <h2 className="mb-3 font-semibold">직원 초대</h2>
        <InviteForm />
        <ul className="mt-4 grid gap-1 text-xs text-ink-mute sm:grid-cols-3">
          {ROLES.map((r) => (
            <li key={r}>
              <b className="text-ink-soft">{roleLabel[r]}</b>: {roleHelp[r]}
            </li>
          ))}
        </ul>
      </section>
      {invites.length > 0 && (
        <section className="card p-4">
          <h2 className="mb-3 font-semibold">수락 대기 중인 초대</h2>
          <ul className="divide-y divide-line text-sm">
            {invites.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="min-w-0 break-all">
                  {i.email} · {roleLabel[i.role]}{" "}
                  <span className="text-xs text-ink-mute">({kstDateTime(i.expiresAt)}까지)</span>
                </span>
                <RevokeInvite id={i.id} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card p-4">
        <h2 className="mb-3 font-semibold">계정 {users.length}개</h2>
        <ul className="divide-y divide-line text-sm" data-testid="staff-list">
          {users.map((u) => (
            <li
              key={u.id}
              className="grid gap-2 py-3 sm:grid-cols-[1fr_auto] sm:items-center"
              data-testid="staff-row"
              data-email={u.email}
            >
              <div className="min-w-0">
                <p className="font-medium">
                  {u.name} <span className="text-xs font-semibold text-ink-soft">{roleLabel[u.role]}</span>
                  {u.disabledAt && (
                    <span className="ml-1 rounded-md bg-gray-100 px-1.5 py-0.5 text-xs text-gray-600">비활성</span>
                  )}
                </p>
                <p className="break-all text-xs text-ink-mute">
                  {u.email} · 만든 날 {kstDateTime(u.createdAt).slice(0, 10)}
                </p>
              </div>
              <StaffRowActions id={u.id} role={u.role} disabled={!!u.disabledAt} self={u.id === admin.adminId} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
