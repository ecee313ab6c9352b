// POST /kakao/notice — called by the Dozn agency (seed §5).
import { agencyRoute } from "../_agency-route";

export const dynamic = "force-dynamic";
export const POST = agencyRoute("notice");
