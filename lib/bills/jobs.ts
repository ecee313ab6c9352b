// Bill jobs for the worker (bill.settle). TODO: parked cancellations, mismatched pay-results.
import type { DomainJobs } from "../jobs/registry";

export const billJobs: DomainJobs = { name: "bills", handlers: {} };
