// POST /kakao/pay-result — called by the Dozn agency (seed §7).
import { agencyRoute } from "../_agency-route";

export const dynamic = "force-dynamic";
export const POST = agencyRoute("pay-result");
