// hoc/no-private-kwargs-leak: request params that may still carry `_`-prefixed or reserved keys must not reach a
// facade call (the `_invariantMode` bug of the original system).
import path from "node:path";
import { defineCheck } from "./define.js";

const WHY =
  "they may carry keys the registry injects (`_invariantMode`, any `_`-prefixed key) and {{reserved}}, which the handler passes explicitly; the facade then fails on an argument it does not expect or, worse, acts on it";

export const noPrivateKwargsLeak = defineCheck({
  id: "hoc/no-private-kwargs-leak",
  description: "Request params reach a facade only as named fields or through a sanitizer: no `_`-prefixed keys, no reserved keys (tenantId).",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "private keys to facades", unit: "facade calls", violationWord: "leaks" },
  scope: "project",
  types: "optional",
  reads: ["privateKeys"],
  suggestions: true,
  messages: {
    leakParams: `\`{{arg}}\` passes the request params to \`{{call}}\`: ${WHY}. Pass named fields, or \`{{sanitizer}}({{arg}})\`.`,
    leakCopy: `\`{{arg}}\` is {{how}} of \`{{origin}}\` passed to \`{{call}}\`: copying keeps every key, so ${WHY}. Pass named fields, or \`{{sanitizer}}({{arg}})\`.`,
    leakRest: `\`{{arg}}\` is the rest of a destructuring of \`{{origin}}\` passed to \`{{call}}\`: naming some keys does not remove the others, so ${WHY}. Destructure from \`{{sanitizer}}({{origin}})\` instead.`,
    leakSpread: `\`...{{arg}}\` spreads \`{{origin}}\` into the argument of \`{{call}}\`: ${WHY}. Spread \`{{sanitizer}}({{arg}})\`, or pass named fields.`,
    privateKey:
      "The argument of `{{call}}` sets the internal key `{{key}}`: `_`-prefixed keys are the registry's bookkeeping, not the facade's input. Remove it; pass what the facade needs as a named field.",
    duplicateReserved:
      "`{{key}}` is passed to `{{call}}` explicitly and may also arrive inside `...{{arg}}`: whichever comes last wins, so a value from the request can override the one the handler vouches for. Spread `{{sanitizer}}({{arg}})`, which drops it.",
    wrapInSanitizer: "Wrap it in `{{sanitizer}}(…)`.",
  },

  check({ file, project, report }) {
    const facts = project.facts(file);
    if (!facts) return 0;
    const reserved = project.config.privateKeys.reservedKeys;
    for (const leak of facts.leaks) {
      if (leak.messageId !== "privateKey" && project.types?.carriesPrivateKeys(file, leak, reserved) === false) continue;
      const suggestion = leak.suggestion ? withSanitizerImport(leak.suggestion, file, facts, project) : null;
      report({
        messageId: leak.messageId,
        data: leak.data,
        key: `${leak.messageId}|${leak.data.call}|${leak.data.arg ?? leak.data.key ?? ""}`,
        at: leak,
        ...(suggestion ? { suggestion } : {}),
      });
    }
    return facts.facadeCalls;
  },
});

/**
 * A suggestion must give code that compiles: the wrap alone where the sanitizer is already in scope; the wrap and
 * an import where a module of the project exports it; no suggestion where nothing does (the message still says
 * what to do).
 * @param {import("../types.js").Suggestion} suggestion
 * @param {string} file
 * @param {import("../types.js").FileFacts} facts
 * @param {import("../project/project.js").Project} project
 * @returns {import("../types.js").Suggestion | null}
 */
function withSanitizerImport(suggestion, file, facts, project) {
  const name = project.config.privateKeys.matchers.sanitizerName;
  const bound = facts.imports.some((i) => i.names?.some((n) => n.local === name)) || Object.prototype.hasOwnProperty.call(facts.decls, name);
  if (bound) return suggestion;
  const from = exporterOf(project, name, file);
  if (!from) return null;
  let spec = path
    .relative(path.dirname(file), from)
    .split(path.sep)
    .join("/")
    .replace(/\.(ts|tsx|mts|cts)$/, "");
  if (!spec.startsWith(".")) spec = `./${spec}`;
  // Follow the file's own style for relative specifiers (`./x.js` under NodeNext).
  if (facts.imports.some((i) => i.specifier.startsWith(".") && /\.[mc]?js$/.test(i.specifier))) spec += ".js";
  const line = `import { ${name} } from ${JSON.stringify(spec)};`;
  const at = facts.importInsertAt;
  return { ...suggestion, edits: [...suggestion.edits, { range: [at, at], text: at === 0 ? `${line}\n` : `\n${line}` }] };
}

/** @type {WeakMap<object, { generation: number, byName: Map<string, string | null> }>} */
const exporters = new WeakMap();

/**
 * The project module that exports a name (the nearest to `file` when several do), or null.
 * @param {import("../project/project.js").Project} project
 * @param {string} name
 * @param {string} file
 */
function exporterOf(project, name, file) {
  let memo = exporters.get(project);
  if (!memo || memo.generation !== project.generation) exporters.set(project, (memo = { generation: project.generation, byName: new Map() }));
  const key = `${name}\u0000${path.dirname(file)}`;
  if (memo.byName.has(key)) return memo.byName.get(key) ?? null;
  const candidates = project.files.filter((f) => f !== file && (project.facts(f)?.localExports.includes(name) ?? false));
  const distance = (/** @type {string} */ f) => path.relative(path.dirname(file), f).split(path.sep).length;
  const best = candidates.sort((a, b) => distance(a) - distance(b) || (a < b ? -1 : 1))[0] ?? null;
  memo.byName.set(key, best);
  return best;
}
