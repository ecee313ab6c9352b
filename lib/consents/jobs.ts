// Consent jobs for the worker (consent.settle). TODO: poll in-flight consents, retry verify.
import type { DomainJobs } from "../jobs/registry";

export const consentJobs: DomainJobs = { name: "consents", handlers: {} };
