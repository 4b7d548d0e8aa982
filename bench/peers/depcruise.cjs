// dependency-cruiser with the same four layer laws as eslint.boundaries.config.js.
module.exports = {
  forbidden: [
    { name: "api-skips-spine", severity: "error", from: { path: "^src/hoc/api/" }, to: { path: "^src/hoc/[^/]+/[^/]+/(L5_engines|L6_drivers)/" } },
    { name: "engine-cross-domain", severity: "error", from: { path: "^src/hoc/[^/]+/([^/]+)/L5_engines/" }, to: { path: "^src/hoc/[^/]+/[^/]+/L5_engines/", pathNot: "^src/hoc/[^/]+/$1/" } },
    { name: "driver-upward", severity: "error", from: { path: "^src/hoc/[^/]+/[^/]+/L6_drivers/" }, to: { path: "^src/hoc/[^/]+/[^/]+/L5_engines/" } },
    { name: "engine-to-orchestrator", severity: "error", from: { path: "^src/hoc/[^/]+/[^/]+/L5_engines/" }, to: { path: "^src/hoc/[^/]+/hoc_spine/orchestrator/" } },
  ],
  options: { doNotFollow: { path: "node_modules" }, tsPreCompilationDeps: true, tsConfig: { fileName: "tsconfig.json" } },
};
