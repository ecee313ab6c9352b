// Staff roles and what each may do. Every admin page, server action and API route asks `can()`
// (through app/_lib/admin.ts) before it calls a use case.
import type { AdminRole } from "../generated/prisma/enums";

export const PERMISSIONS = [
  "read", // lists and details, personal data masked
  "pii.reveal", // show a phone / account number in full on a detail page (audited)
  "export", // CSV downloads (audited with filters and row count)
  "refund",
  "payment.refresh",
  "payment.tid", // enter PayUp's transaction id
  "attention.resolve", // 확인 필요: mark handled, refresh from there
  "bill.write", // create / edit bills, issue links
  "consent.write", // request, re-request, refresh consents
  "evidence.download", // consent .der files
  "staff.manage", // invite, change roles, disable
  "audit.read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MANAGER: readonly Permission[] = [
  "read",
  "pii.reveal",
  "export",
  "refund",
  "payment.refresh",
  "payment.tid",
  "attention.resolve",
  "bill.write",
  "consent.write",
  "evidence.download",
];

export const ROLE_PERMISSIONS: Record<AdminRole, readonly Permission[]> = {
  OWNER: PERMISSIONS,
  MANAGER,
  VIEWER: ["read"],
};

export function can(role: AdminRole, perm: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.includes(perm) ?? false;
}

export const ROLES: readonly AdminRole[] = ["OWNER", "MANAGER", "VIEWER"];

export const roleLabel: Record<AdminRole, string> = { OWNER: "소유자", MANAGER: "매니저", VIEWER: "조회 전용" };
export const roleHelp: Record<AdminRole, string> = {
  OWNER: "모든 기능과 직원 관리, 감사 로그",
  MANAGER: "환불·청구서·동의 요청·CSV 내보내기 (직원 관리 제외)",
  VIEWER: "조회만 (개인정보 가림, 내보내기 불가)",
};

export const permissionLabel: Record<Permission, string> = {
  read: "조회",
  "pii.reveal": "개인정보 보기",
  export: "CSV 내보내기",
  refund: "환불",
  "payment.refresh": "결제 상태 조회",
  "payment.tid": "거래번호 입력",
  "attention.resolve": "확인 필요 처리",
  "bill.write": "청구서 작성",
  "consent.write": "동의 요청",
  "evidence.download": "증빙 파일 내려받기",
  "staff.manage": "직원 관리",
  "audit.read": "감사 로그",
};

export const forbiddenMessage = (perm: Permission) =>
  `${permissionLabel[perm]} 권한이 없습니다. 소유자에게 문의해 주세요.`;
