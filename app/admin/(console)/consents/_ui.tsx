// Small presentational pieces for the consent admin pages.
import type { ConsentStatus } from "@/lib/generated/prisma/enums";
import { consentStatusLabel } from "@/lib/consents/state";

const tone: Record<ConsentStatus, string> = {
  REQUESTING: "bg-blue-100 text-blue-800",
  WAITING: "bg-gray-100 text-gray-700",
  VIEWED: "bg-gray-100 text-gray-700",
  COMPLETED: "bg-blue-100 text-blue-800",
  VERIFYING: "bg-blue-100 text-blue-800",
  VERIFY_UNKNOWN: "bg-blue-100 text-blue-800",
  VERIFIED: "bg-green-100 text-green-800",
  IDENTITY_MISMATCH: "bg-red-100 text-red-700",
  EXPIRED: "bg-amber-100 text-amber-800",
  REJECTED: "bg-amber-100 text-amber-800",
  FAILED: "bg-red-100 text-red-700",
  NEEDS_REVIEW: "bg-purple-100 text-purple-800",
};

export function ConsentBadge({ status }: { status: ConsentStatus }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-semibold ${tone[status]}`}
      data-status={status}
    >
      {consentStatusLabel[status]}
    </span>
  );
}
