import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import rule from "../../rules/data-access-boundary.js";
import { fixture } from "../helpers/fixtures.js";

const root = fixture("hygiene");
const at = (rel) => path.join(root, "src/hoc/cus/billing", rel);

new RuleTester().run("data-access-boundary", rule, {
  valid: [
    { name: "a driver queries (L6)", filename: at("L6_drivers/new_driver.ts"), code: `import { Pool } from "pg";\nconst pool = new Pool();\nexport const q = () => pool.query("SELECT 1");` },
    { name: "the spine may import database packages (L4)", filename: path.join(root, "src/hoc/cus/hoc_spine/orchestrator/tx.ts"), code: `import { Pool } from "pg";\nexport const pool = new Pool();` },
    {
      name: "an engine uses its driver, arrays, maps, caches, and types only",
      filename: at("L5_engines/new_engine.ts"),
      code: `import type { Kysely } from "kysely";
declare const driver: { list(): Promise<unknown[]>; find(id: string): unknown };
declare const cache: { flush(): void; get(k: string): unknown };
export type Db = Kysely<{ a: { id: string } }>;
export async function f(items: { id: string }[]) {
  await driver.list();
  driver.find("x");
  items.find((i) => i.id === "x");
  new Map<string, number>().delete("k");
  cache.flush();
}`,
    },
  ],
  invalid: [
    {
      name: "value import, handle parameter and property, queries through Prisma, Kysely, TypeORM and pg",
      filename: at("L5_engines/new_engine.ts"),
      code: `import { PrismaClient } from "@prisma/client";
import type { Kysely } from "kysely";
import type { EntityManager } from "typeorm";
const prisma = new PrismaClient();
export class E {
  constructor(private readonly db: Kysely<{ invoices: { id: string } }>, private readonly manager: EntityManager) {}
  async run(client: import("pg").PoolClient) {
    await prisma.invoice.findMany();
    await this.db.selectFrom("invoices").selectAll().execute();
    await this.manager.query("SELECT 1");
    await client.query("SELECT 2");
  }
}`,
      errors: [
        { messageId: "importPackage", line: 1 },
        { messageId: "handle", line: 6, column: 32 },
        { messageId: "handle", line: 6, column: 91 },
        { messageId: "handle", line: 7, column: 13 },
        { messageId: "query", line: 8 },
        { messageId: "query", line: 9 },
        { messageId: "query", line: 10 },
        { messageId: "query", line: 11 },
      ],
    },
    {
      name: "the API layer queries too",
      filename: path.join(root, "src/hoc/api/cus/billing/routes.ts"),
      code: `import knex from "knex";\nconst db = knex({});\nexport const r = () => db.select("*").from("invoices");`,
      errors: [{ messageId: "importPackage", line: 1 }, { messageId: "query", line: 3 }],
    },
  ],
});
