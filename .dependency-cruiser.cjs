// Import rules as code (`npm run lint`, part of `npm test`). The layering the README describes:
//   app/ → lib/<domain>/ → lib/providers/<name>/ ;  sandbox/ stands apart (it plays the providers).
// A domain reaches a concrete provider only through its composition file (the registry that wires the
// adapters to the domain's port); a provider adapter knows no domain except that domain's port types.
const DOMAINS = "(payments|bills|consents|orders|admin|shop|customers)";
// The files where a domain wires concrete providers to its port (its composition root). lib/payments/csp.ts
// is the second one of payments: the list of each provider's pure CSP declaration (lib/providers/<name>/csp.ts),
// kept apart from providers.ts so that proxy.ts (every request) never loads the adapters.
const COMPOSITION = `^lib/(${DOMAINS}/(providers|registry)|payments/csp)\\.ts$`;
// The port (types) a provider adapter implements.
const PORTS = `^lib/${DOMAINS}/port\\.ts$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "sandbox-stands-apart",
      comment: "The sandbox plays the providers as they are; it never imports the app's code.",
      severity: "error",
      from: { path: "^sandbox/" },
      to: { path: "^(lib|app)/" },
    },
    {
      name: "lib-not-app",
      comment: "lib/ is the application core; app/ (pages, routes) depends on it, never the reverse.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^app/" },
    },
    {
      name: "lib-not-next",
      comment: "lib/ has no Next.js imports (use cases run in the worker, scripts and tests too).",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "node_modules/next/" },
    },
    {
      name: "providers-know-no-domain",
      comment: "A provider folder holds the wire format; it may implement a domain's port, nothing more.",
      severity: "error",
      from: { path: "^lib/providers/" },
      to: { path: `^lib/${DOMAINS}/`, pathNot: PORTS },
    },
    {
      name: "domains-use-ports",
      comment: "A domain reaches a concrete provider only through its composition file (registry).",
      severity: "error",
      from: { path: `^lib/${DOMAINS}/`, pathNot: [COMPOSITION, "\\.test\\.ts$"] },
      to: { path: "^lib/providers/[^/]+/" },
    },
    {
      name: "no-cycles-in-lib",
      severity: "error",
      from: { path: "^lib/" },
      to: { circular: true, path: "^lib/" },
    },
    {
      name: "no-orphans-in-lib",
      comment: "A lib file nothing imports is dead code (tests, scripts and type declarations aside).",
      severity: "error",
      from: { orphan: true, path: "^lib/", pathNot: ["\\.test\\.ts$", "\\.d\\.ts$", "^lib/generated/"] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^lib/generated/", "^\\.next", "^node_modules/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
