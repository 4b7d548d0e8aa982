// Generated blocks of the docs: the default vocabularies, written from the code that holds them, so the docs
// (the contract users write their config from) cannot drift. `npm run docs` rewrites them; a test checks them.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  CLIENT_KEYS,
  DEFAULT_CLIENTS,
  DEFAULT_ENTITY_MANAGER_NAMES,
  DEFAULT_NON_DB_PACKAGES,
  DEFAULT_NON_RECEIVER_NAMES,
  DEFAULT_RECEIVER_NAMES,
} from "../src/config/database-clients.js";

import { CHECKS, presetSeverity } from "../src/checks/index.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The README's rule table, from the registry: one row per rule, its description and its severity per preset. */
export function rulesBlock() {
  const out = ["| rule | what it reports | recommended | strict |", "| --- | --- | --- | --- |"];
  for (const r of CHECKS) {
    const name = r.id.replace(/^hoc\//, "");
    const sev = (/** @type {"recommended" | "strict"} */ p) => presetSeverity(r, p) ?? "off";
    out.push(`| [\`${r.id}\`](docs/rules/${name}.md) | ${r.description.replace(/\|/g, "\\|")} | ${sev("recommended")} | ${sev("strict")} |`);
  }
  out.push(
    "| [`hoc/stale-exception`](docs/rules/stale-exception.md) | A baseline entry or configured exception that matches nothing any more (hoc-audit only: it lives in hoc.config.json and the baseline) | error | error |",
    "",
  );
  return out.join("\n");
}

/** @param {string[]} list */
const code = (list) => list.map((x) => `\`${x}\``).join(", ");

/** The per-client defaults of `database.clients`. */
export function clientsBlock() {
  const out = [];
  for (const [id, vocab] of Object.entries(DEFAULT_CLIENTS)) {
    out.push(`#### \`${id}\`: ${code(vocab.packages)}`, "", "| list | default |", "| --- | --- |");
    for (const key of Object.keys(CLIENT_KEYS)) {
      if (key === "packages") continue;
      const value = /** @type {Record<string, unknown>} */ (vocab)[key];
      if (key === "callable") {
        if (value) out.push("| `callable` | yes |");
        continue;
      }
      if (Array.isArray(value) && value.length > 0) out.push(`| \`${key}\` | ${code(value)} |`);
    }
    out.push("");
  }
  return out.join("\n");
}

/** The names used only where nothing is declared, and the other `database` lists. */
export function namesBlock() {
  return [
    "| key | default |",
    "| --- | --- |",
    `| \`receiverNames\` | ${code(DEFAULT_RECEIVER_NAMES)} |`,
    `| \`nonReceiverNames\` | ${code(DEFAULT_NON_RECEIVER_NAMES)} |`,
    `| \`nonDbPackages\` | ${code(DEFAULT_NON_DB_PACKAGES)} |`,
    `| \`entityManagerNames\` | ${code(DEFAULT_ENTITY_MANAGER_NAMES)} |`,
    "| `localTypes` | (none) |",
    "",
  ].join("\n");
}

/** What each client list means. */
export function keysBlock() {
  return ["| list | what it holds |", "| --- | --- |", ...Object.entries(CLIENT_KEYS).map(([k, v]) => `| \`${k}\` | ${v} |`), ""].join("\n");
}

export const BLOCKS = {
  "docs/rules/data-access-boundary.md": { clients: clientsBlock, names: namesBlock, keys: keysBlock },
  "README.md": { rules: rulesBlock },
};

/**
 * The text of a file with its generated blocks (`<!-- name:start -->` … `<!-- name:end -->`) rewritten.
 * @param {string} text
 * @param {Record<string, () => string>} blocks
 */
export function withBlocks(text, blocks) {
  let out = text;
  for (const [name, render] of Object.entries(blocks)) {
    const re = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!re.test(out)) throw new Error(`no <!-- ${name}:start --> … <!-- ${name}:end --> block`);
    out = out.replace(re, (_m, start, end) => `${start}${render()}${end}`);
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [rel, blocks] of Object.entries(BLOCKS)) {
    const file = path.join(REPO, rel);
    fs.writeFileSync(file, withBlocks(fs.readFileSync(file, "utf8"), blocks));
    console.log(`updated ${rel}`);
  }
}
