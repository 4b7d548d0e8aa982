// hoc/no-private-kwargs-leak: internal (`_`-prefixed) and reserved keys of the request params must not reach a
// facade call. The bug it exists for: the registry injects `_invariantMode` into ctx.params, a handler passed
// the params on, and the facade got an argument it did not expect.

import { locationOf } from "./location.js";

/** @typedef {import("../types.js").RawFinding} RawFinding */
/** @typedef {import("../project/project.js").Project} Project */

const WHY = "they may carry keys the registry injects (`_invariantMode`, any `_`-prefixed key) and {{reserved}}, which the handler passes explicitly; the facade then fails on an argument it does not expect or, worse, acts on it";

export const noPrivateKwargsLeak = {
  id: "hoc/no-private-kwargs-leak",
  meta: {
    description: "Request params reach a facade only as named fields or through a sanitizer: no `_`-prefixed keys, no reserved keys (tenantId).",
    defaultSeverity: /** @type {const} */ ("error"),
    presets: ["recommended", "strict"],
    gate: { label: "private keys to facades", unit: "facade calls", violationWord: "leaks" },
    messages: {
      leakParams: `\`{{arg}}\` passes the request params to \`{{call}}\`: ${WHY}. Pass named fields, or \`{{sanitizer}}({{arg}})\`.`,
      leakCopy: `\`{{arg}}\` is {{how}} of \`{{origin}}\` passed to \`{{call}}\`: copying keeps every key, so ${WHY}. Pass named fields, or \`{{sanitizer}}({{arg}})\`.`,
      leakRest: `\`{{arg}}\` is the rest of a destructuring of \`{{origin}}\` passed to \`{{call}}\`: naming some keys does not remove the others, so ${WHY}. Destructure from \`{{sanitizer}}({{origin}})\` instead.`,
      leakSpread: `\`...{{arg}}\` spreads \`{{origin}}\` into the argument of \`{{call}}\`: ${WHY}. Spread \`{{sanitizer}}({{arg}})\`, or pass named fields.`,
      privateKey: "The argument of `{{call}}` sets the internal key `{{key}}`: `_`-prefixed keys are the registry's bookkeeping, not the facade's input. Remove it; pass what the facade needs as a named field.",
      duplicateReserved: "`{{key}}` is passed to `{{call}}` explicitly and may also arrive inside `...{{arg}}`: whichever comes last wins, so a value from the request can override the one the handler vouches for. Spread `{{sanitizer}}({{arg}})`, which drops it.",
      wrapInSanitizer: "Wrap it in `{{sanitizer}}(…)`.",
    },
    suggestions: true,
  },

  /**
   * @param {string} file
   * @param {Project} project
   * @returns {{ findings: RawFinding[], checked: number }}
   */
  checkFile(file, project) {
    /** @type {RawFinding[]} */
    const findings = [];
    const facts = project.facts(file);
    if (!facts) return { findings, checked: 0 };
    const reserved = project.config.privateKeys.reservedKeys;
    for (const leak of facts.leaks) {
      // With type information, a closed type without `_` or reserved keys is clean whatever its history.
      if (leak.messageId !== "privateKey" && project.types?.carriesPrivateKeys(file, leak, reserved) === false) continue;
      findings.push({
        ruleId: noPrivateKwargsLeak.id,
        messageId: leak.messageId,
        data: leak.data,
        key: `${leak.messageId}|${leak.data.call}|${leak.data.arg ?? leak.data.key ?? ""}`,
        ...locationOf(leak),
        ...(leak.suggestion ? { suggestion: leak.suggestion } : {}),
      });
    }
    return { findings, checked: facts.facadeCalls };
  },
};
