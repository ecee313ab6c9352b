// Moved: the phone / birth date / account rules are in lib/input/korean.ts (the Linkhub adapters' input
// checks in lib/providers/linkhub/validation.ts). Kept only for lib/customers' imports until they
// import lib/input/korean.ts directly.
export { normalizeAccount, normalizeBirthday, normalizePhone } from "../../input/korean";
