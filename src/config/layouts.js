// Recognising a repository's layout from its file list, for `hoc-audit init`: which folders (or file suffixes)
// play which role, and the starter config that describes them. Pure functions over relative posix paths, so the
// decision is tested over plain data; the CLI only walks the tree and writes the file. Folder names and file
// suffixes are all there is to go on before any config exists: a starting point the user checks, said as such.

/** @typedef {{ id: string, name: string, level: number, patterns: string[], files: number }} StarterLayer */
/** @typedef {{ kind: string, title: string, layers: StarterLayer[], allow: Record<string, import("../types.js").AllowEntry[]> }} Layout */

export const SCHEMA_REF = "./node_modules/eslint-plugin-hoc/schema/hoc.config.schema.json";

/**
 * The roles of a layered backend, top to bottom, with the folder names and file suffixes that say so (documented in
 * the README's `hoc-audit init` section).
 */
export const ROLES = [
  { id: "api", level: 2, folders: ["controllers", "controller", "routes", "handlers", "resolvers"], suffixes: [".controller", ".resolver"] },
  { id: "service", level: 4, folders: ["services", "service", "usecases", "use-cases", "commands"], suffixes: [".service"] },
  { id: "library", level: 5, folders: ["lib", "libs", "libraries"], suffixes: [] },
  { id: "repository", level: 6, folders: ["repositories", "repository", "repos", "dao", "queries", "db", "database"], suffixes: [".repository", ".repo"] },
  { id: "model", level: 7, folders: ["models", "entities", "entity"], suffixes: [".entity", ".model"] },
];

/** What each role may import: the roles below it, except that the API goes through services, not repositories. */
const MAY_IMPORT = /** @type {Record<string, string[]>} */ ({
  api: ["api", "service", "library", "model"],
  service: ["service", "library", "repository", "model"],
  library: ["library", "repository", "model"],
  repository: ["repository", "model"],
  model: ["model"],
});

const NOT_A_LAYER = /^(__tests__|__mocks__|test|tests|spec|e2e|fixtures|node_modules)$/;

/** @param {string} rel the file name without its source extension */
const stem = (rel) => rel.slice(rel.lastIndexOf("/") + 1).replace(/\.(ts|tsx|mts|cts)$/, "");

/**
 * The shallowest folder below `base` named one of `names` that holds source files, as a prefix
 * ("src/controllers/"), with its file count; test and mock folders are not layers.
 * @param {string[]} files
 * @param {string[]} names
 * @param {string} base a prefix ending in "/" (or "")
 */
function shallowestFolder(files, names, base) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const f of files) {
    if (!f.startsWith(base)) continue;
    const parts = f.slice(base.length).split("/");
    for (let i = 0; i < parts.length - 1; i++) {
      if (NOT_A_LAYER.test(parts[i])) break;
      if (!names.includes(parts[i])) continue;
      const prefix = `${base}${parts.slice(0, i + 1).join("/")}/`;
      counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
      break;
    }
  }
  const best = [...counts].sort((a, b) => a[0].split("/").length - b[0].split("/").length || b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return best ? { prefix: best[0], files: best[1] } : null;
}

/** @param {string[]} paths @returns {string} the longest common folder prefix, ending in "/" (or "") */
function commonFolder(paths) {
  if (paths.length === 0) return "";
  let parts = paths[0].split("/").slice(0, -1);
  for (const p of paths) {
    const q = p.split("/");
    let i = 0;
    while (i < parts.length && i < q.length - 1 && parts[i] === q[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.length ? `${parts.join("/")}/` : "";
}

/**
 * @param {StarterLayer[]} layers
 * @param {boolean} domains the layout has `<domain>` folders: a repository serves its own domain's services only
 * @returns {Record<string, import("../types.js").AllowEntry[]>}
 */
function allowFor(layers, domains) {
  const ids = new Set(layers.map((l) => l.id));
  /** @type {Record<string, import("../types.js").AllowEntry[]>} */
  const allow = {};
  for (const l of layers) {
    allow[l.id] = MAY_IMPORT[l.id].filter((to) => ids.has(to)).map((to) => (domains && to === "repository" ? { to, same: ["domain"] } : to));
  }
  return allow;
}

/** @param {StarterLayer[]} layers */
const titleOf = (layers) => layers.map((l) => l.id).join(" → ");

/** @param {string[]} files @returns {Layout | null} */
function hocLayout(files) {
  const n = files.filter((f) => /(^|\/)hoc\/(api\/|[^/]+\/(hoc_spine|[^/]+\/L[5-7]_))/.test(f)).length;
  if (n === 0) return null;
  return { kind: "hoc", title: `the HOC layout (${n} files under hoc/)`, layers: [], allow: {} };
}

/**
 * `modules/<domain>/…` (two domains at least): roles told by file suffix (`billing.service.ts`) or sub-folder.
 * @param {string[]} files
 * @returns {Layout | null}
 */
function modulesLayout(files) {
  const all = files.map((f) => /^((?:.*\/)?)modules\/([^/]+)\/(.+)$/.exec(f)).filter((m) => m !== null);
  if (all.length === 0) return null;
  // The modules folder that holds the most files (a repository may have another one, e.g. in a frontend).
  /** @type {Map<string, number>} */
  const byBase = new Map();
  for (const m of all) byBase.set(m[1], (byBase.get(m[1]) ?? 0) + 1);
  const base = [...byBase].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  const mine = all.filter((m) => m[1] === base);
  const domains = new Set(mine.map((m) => m[2]));
  if (domains.size < 2) return null;
  /** @type {StarterLayer[]} */
  const layers = [];
  for (const role of ROLES) {
    const suffixes = role.suffixes.filter((s) => mine.some((m) => stem(m[3]).endsWith(s)));
    const folders = role.folders.filter((d) => mine.some((m) => m[3].startsWith(`${d}/`)));
    const files = mine.filter((m) => suffixes.some((s) => stem(m[3]).endsWith(s)) || folders.some((d) => m[3].startsWith(`${d}/`))).length;
    if (files === 0) continue;
    const patterns = [...folders.map((d) => `./${base}modules/<domain>/${d}/**`), ...suffixes.map((s) => `./${base}modules/<domain>/**/*${s}.ts`)];
    layers.push({ id: role.id, name: role.id, level: role.level, patterns, files });
  }
  if (layers.length < 2) return null;
  return {
    kind: "modules",
    title: `feature modules (${base}modules/<domain>/…, ${domains.size} domains): ${titleOf(layers)}`,
    layers,
    allow: allowFor(layers, true),
  };
}

/**
 * Roles told by file suffix anywhere (NestJS without a modules folder: `app/order/order.service.ts`).
 * @param {string[]} files
 * @returns {Layout | null}
 */
function suffixLayout(files) {
  /** @type {StarterLayer[]} */
  const layers = [];
  for (const role of ROLES) {
    const suffixes = role.suffixes.filter((s) => files.some((f) => stem(f).endsWith(s) && !f.split("/").some((p) => NOT_A_LAYER.test(p))));
    const mine = files.filter((f) => suffixes.some((s) => stem(f).endsWith(s)) && !f.split("/").some((p) => NOT_A_LAYER.test(p)));
    if (mine.length === 0) continue;
    const base = commonFolder(mine);
    layers.push({ id: role.id, name: role.id, level: role.level, patterns: suffixes.map((s) => `./${base}**/*${s}.ts`), files: mine.length });
  }
  if (layers.length < 2 || !layers.some((l) => l.id === "service")) return null;
  return { kind: "suffixes", title: `roles by file suffix (*.controller.ts, *.service.ts, …): ${titleOf(layers)}`, layers, allow: allowFor(layers, false) };
}

/**
 * Roles told by folder name (controllers/, services/, repositories/, routes/, lib/, queries/, models/), all below
 * the folder that holds the top-most role: one application, not folders picked from several.
 * @param {string[]} files
 * @returns {Layout | null}
 */
function folderLayout(files) {
  const anchorRole = ROLES.find((r) => shallowestFolder(files, r.folders, "") !== null && r.id !== "model");
  if (!anchorRole) return null;
  const anchor = /** @type {{ prefix: string }} */ (shallowestFolder(files, anchorRole.folders, ""));
  const base = anchor.prefix.split("/").slice(0, -2).join("/");
  const prefix = base ? `${base}/` : "";
  /** @type {StarterLayer[]} */
  const layers = [];
  for (const role of ROLES) {
    const hit = shallowestFolder(files, role.folders, prefix);
    if (hit) layers.push({ id: role.id, name: role.id, level: role.level, patterns: [`./${hit.prefix}**`], files: hit.files });
  }
  if (layers.length < 2) return null;
  return { kind: "folders", title: titleOf(layers), layers, allow: allowFor(layers, false) };
}

/**
 * The first layout the file list fits, most specific first.
 * @param {string[]} files relative posix paths of source files
 * @returns {Layout | null}
 */
export function recognizeLayout(files) {
  const sorted = [...files].sort();
  return hocLayout(sorted) ?? modulesLayout(sorted) ?? suffixLayout(sorted) ?? folderLayout(sorted);
}

/**
 * The starter hoc.config.json of a layout (a plain object, `$schema` first).
 * @param {Layout} layout
 */
export function starterConfig(layout) {
  if (layout.kind === "hoc") return { $schema: SCHEMA_REF };
  return {
    $schema: SCHEMA_REF,
    layers: layout.layers.map(({ id, name, level, patterns }) => ({ id, name, level, patterns })),
    allow: layout.allow,
  };
}
