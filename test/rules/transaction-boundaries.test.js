import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";

const rule = plugin.rules["transaction-boundaries"];
import { fixture } from "../helpers/fixtures.js";

const root = fixture("transactions");
const orders = (rel) => path.join(root, "src/hoc/cus/orders", rel);
const spine = (rel) => path.join(root, "src/hoc/cus/hoc_spine", rel);

// Syntactic mode: no type information in the ESLint config.
new RuleTester().run("transaction-boundaries (syntactic)", rule, {
  valid: [
    {
      name: "L4 owns transactions",
      filename: spine("orchestrator/handlers/new_handler.ts"),
      code: `import type { Knex } from "knex";
export async function run(knex: Knex) { const trx = await knex.transaction(); await trx.commit(); }`,
    },
    {
      name: "look-alikes: git, form, store, logger, console, strings",
      filename: orders("L5_engines/new_engine.ts"),
      code: `import { openRepository } from "isomorphic-git";
declare const form: { commit(): void }; declare const store: { commit(m: string): void }; declare const logger: { flush(): void; info(m: string): void };
const git = openRepository(".");
git.commit({ message: "x" }); form.commit(); store.commit("m"); logger.flush(); logger.info("BEGIN import"); console.log("COMMIT");
export const note = "ROLLBACK";`,
    },
    {
      name: "an ambiguous receiver is not reported without type information",
      filename: orders("L6_drivers/new_driver.ts"),
      code: `declare function current(): { commit(): Promise<void> };
export async function f() { const handle = current(); await handle.commit(); }`,
    },
    {
      name: "working inside a transaction that was passed in",
      filename: orders("L6_drivers/new_driver.ts"),
      code: `import type { Knex } from "knex";
export async function insert(trx: Knex.Transaction, row: unknown) { await trx.insert(row); }`,
    },
    {
      name: "a project class's own commit() is what the class declares, not a transaction",
      filename: orders("L5_engines/new_engine.ts"),
      code: `class FormState { commit() { return true; } }
export function save() { const form = new FormState(); const draft = new FormState(); form.commit(); draft.commit(); }`,
    },
    {
      name: "files outside the HOC layers",
      filename: path.join(root, "src/lib/migrations.ts"),
      code: `declare const client: { query(s: string): void }; client.query("BEGIN");`,
    },
  ],
  invalid: [
    {
      name: "Knex begin, commit and rollback in a driver",
      filename: orders("L6_drivers/new_driver.ts"),
      code: `import type { Knex } from "knex";
export async function f(knex: Knex) {
  const trx = await knex.transaction();
  await trx.commit();
  await trx.rollback();
}`,
      errors: [
        { messageId: "boundary", line: 3, column: 26 },
        { messageId: "boundary", line: 4, column: 13 },
        { messageId: "boundary", line: 5, column: 13 },
      ],
    },
    {
      name: "Prisma $transaction and raw SQL in an engine",
      filename: orders("L5_engines/new_engine.ts"),
      code: `import { PrismaClient } from "@prisma/client";
const prisma = new PrismaClient();
export const f = () => prisma.$transaction(async (tx) => tx);
export const g = (client: import("pg").PoolClient) => client.query(\`COMMIT\`);`,
      errors: [
        { messageId: "boundary", line: 3 },
        { messageId: "rawSql", line: 4 },
      ],
    },
    {
      name: "aliases of commit and rollback",
      filename: orders("L5_engines/new_engine.ts"),
      code: `import type { Knex } from "knex";
export function finish(session: Knex.Transaction, tx: Knex.Transaction) {
  const { commit, rollback: undo } = session;
  commit();
  undo();
  const c = tx.commit.bind(tx);
  c();
}`,
      errors: [
        { messageId: "boundary", line: 4 },
        { messageId: "boundary", line: 5 },
        { messageId: "boundary", line: 7 },
      ],
    },
    {
      name: "SQL text and database-only methods on a project class that wraps a database still count",
      filename: orders("L6_drivers/new_driver.ts"),
      code: `class Db {
  query(sql: string) { return sql; }
  startTransaction() { return this.query("BEGIN"); }
}
export class OrdersDriver {
  private readonly db = new Db();
  close() { return this.db.query("COMMIT"); }
  open() { return this.db.startTransaction(); }
}`,
      errors: [
        { messageId: "rawSql", line: 3 },
        { messageId: "rawSql", line: 7 },
        { messageId: "boundary", line: 8 },
      ],
    },
    {
      name: "a database-only method on a receiver nothing declares, and MikroORM flush on an entity manager",
      filename: orders("L6_drivers/new_driver.ts"),
      code: `export function finish(handle: any, em: any) {
  handle.startTransaction();
  em.flush();
}`,
      errors: [
        { messageId: "boundary", line: 2 },
        { messageId: "boundary", line: 3 },
      ],
    },
  ],
});

// Type-aware mode: the ESLint config provides type information (projectService).
new RuleTester({ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } } }).run("transaction-boundaries (type-aware)", rule, {
  valid: [
    {
      name: "a git session named like a database is not a transaction when its type says so",
      filename: orders("L6_drivers/typed_only_driver.ts"),
      code: `import { releaseNotesRepo } from "../../../../lib/git_helpers";
export async function note(text: string) { const session = releaseNotesRepo(); await session.commit({ message: text }); }`,
    },
  ],
  invalid: [
    {
      name: "a Knex transaction that nothing in the syntax names",
      filename: orders("L6_drivers/typed_only_driver.ts"),
      code: `import type { Knex } from "knex";
declare function currentTransaction(): Knex.Transaction;
export async function finish() { const handle = currentTransaction(); await handle.commit(); }`,
      errors: [{ messageId: "boundary", line: 3 }],
    },
  ],
});
