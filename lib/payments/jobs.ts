// Payment jobs for the worker. TODO
import type { DomainJobs } from "../jobs/registry";

export const paymentJobs: DomainJobs = { name: "payments", handlers: {} };
