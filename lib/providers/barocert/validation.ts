// Moved to lib/providers/linkhub/validation.ts (shared by both Linkhub adapters). Kept for the
// importers outside this work (lib/customers) until they import it from there.
export * from "../linkhub/validation";
