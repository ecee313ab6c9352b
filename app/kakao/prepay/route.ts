// POST /kakao/prepay — called by the Dozn agency (seed §6).
import { agencyRoute } from "../_agency-route";

export const dynamic = "force-dynamic";
export const POST = agencyRoute("prepay");
