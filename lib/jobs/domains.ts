// Every domain's jobs, for the worker.
import { billJobs } from "../bills/jobs";
import { consentJobs } from "../consents/jobs";
import { paymentJobs } from "../payments/jobs";
import type { DomainJobs } from "./registry";

export const allDomainJobs: DomainJobs[] = [paymentJobs, consentJobs, billJobs];
