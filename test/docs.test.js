// The docs are the contract users write configs from: their generated blocks and the schema's defaults must be
// what the code holds. `npm run docs` rewrites the blocks.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BLOCKS, withBlocks } from "../scripts/docs-blocks.js";
import { REPO } from "./helpers/fixtures.js";
import {
  DEFAULT_CLIENTS,
  DEFAULT_RECEIVER_NAMES,
  DEFAULT_NON_RECEIVER_NAMES,
  DEFAULT_NON_DB_PACKAGES,
  DEFAULT_ENTITY_MANAGER_NAMES,
} from "../src/config/database-clients.js";

const schema = JSON.parse(fs.readFileSync(path.join(REPO, "schema/hoc.config.schema.json"), "utf8"));

describe("docs and schema hold the defaults in force", () => {
  it.each(Object.keys(BLOCKS))("the generated blocks of %s are up to date (npm run docs)", (rel) => {
    const text = fs.readFileSync(path.join(REPO, rel), "utf8");
    expect(withBlocks(text, BLOCKS[/** @type {keyof typeof BLOCKS} */ (rel)])).toBe(text);
  });

  it("the schema lists the default names of `database` and every built-in client", () => {
    const db = schema.properties.database.properties;
    expect(db.receiverNames.description).toContain(JSON.stringify(DEFAULT_RECEIVER_NAMES));
    expect(db.nonReceiverNames.description).toContain(JSON.stringify(DEFAULT_NON_RECEIVER_NAMES));
    expect(db.nonDbPackages.description).toContain(JSON.stringify(DEFAULT_NON_DB_PACKAGES));
    expect(db.entityManagerNames.description).toContain(JSON.stringify(DEFAULT_ENTITY_MANAGER_NAMES));
    expect(db.clients.description).toContain(Object.keys(DEFAULT_CLIENTS).join(", "));
  });
});

describe("the rule registry is the only list", () => {
  it("every defineCheck in src/checks is registered, and every registered rule has its page naming each message id", async () => {
    const { CHECKS } = await import("../src/checks/index.js");
    const dir = path.join(REPO, "src/checks");
    const defined = fs.readdirSync(dir).filter((f) => /defineCheck\(\{/.test(fs.readFileSync(path.join(dir, f), "utf8")) && f !== "define.js");
    expect(defined.map((f) => `hoc/${f.replace(/\.js$/, "")}`).sort()).toEqual(CHECKS.map((c) => c.id).sort());
    for (const check of CHECKS) {
      const page = path.join(REPO, "docs/rules", `${check.id.replace(/^hoc\//, "")}.md`);
      expect(fs.existsSync(page), page).toBe(true);
      const text = fs.readFileSync(page, "utf8");
      expect(text.startsWith(`# ${check.id}\n`), page).toBe(true);
      for (const id of Object.keys(check.messages)) expect(text, `${page} documents ${id}`).toContain(`\`${id}\``);
    }
  });
});
