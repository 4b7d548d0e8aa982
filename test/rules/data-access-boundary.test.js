import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";

const rule = plugin.rules["data-access-boundary"];
import { fixture } from "../helpers/fixtures.js";

const root = fixture("hygiene");
const at = (rel) => path.join(root, "src/hoc/cus/billing", rel);
// fixtures/data-access has models, drivers and handles on disk: code linted there imports them for real.
const data = fixture("data-access");
const engine = path.join(data, "src/hoc/cus/billing/L5_engines/new_engine.ts");

new RuleTester().run("data-access-boundary", rule, {
  valid: [
    {
      name: "a driver queries (L6)",
      filename: at("L6_drivers/new_driver.ts"),
      code: `import { Pool } from "pg";\nconst pool = new Pool();\nexport const q = () => pool.query("SELECT 1");`,
    },
    {
      name: "the spine may import database packages (L4)",
      filename: path.join(root, "src/hoc/cus/hoc_spine/orchestrator/tx.ts"),
      code: `import { Pool } from "pg";\nexport const pool = new Pool();`,
    },
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
    {
      name: "a Map named pool, a Set named cache and a worker runner are what they are declared as",
      filename: engine,
      code: `import { WorkerRunner } from "../../../../lib/worker_runner";
export class Jobs {
  private readonly pool = new Map<string, { id: string }>();
  private readonly runner = new WorkerRunner(2);
  cancel(id: string) { this.pool.delete(id); const cache = new Set<string>(); cache.delete(id); }
  run(job: { run(): Promise<void> }) { return this.runner.run(job); }
}`,
    },
    {
      name: "an auth library's own models and sessions are no database handles",
      filename: engine,
      code: `import type Provider from "oidc-provider";
import type { Session } from "express-session";
export const findClient = (provider: Provider, id: string) => provider.Client.find(id);
export const touch = (session: Session) => session.save();`,
    },
    {
      name: "row types, enums, error classes and operators of database packages",
      filename: engine,
      code: `import { DatabaseError, Op } from "sequelize";
import { InvoiceStatus } from "@prisma/client";
import type { Invoice } from "@prisma/client";
export const sqlStateOf = (err: DatabaseError) => err.parent.code;
export const open = (invoice: Invoice) => invoice.status === InvoiceStatus.OPEN && { [Op.in]: [invoice.id] };`,
    },
    {
      name: "the same name bound in another function is another variable",
      filename: engine,
      code: `import { pgPool } from "../L6_drivers/db";
export function driverSide() { const pool = pgPool; return pool; }
export function other(pool: Map<string, number>) { return pool.delete("x"); }`,
    },
    {
      name: "what a project method declares it returns is no handle: its array's join is no query, whatever it is called",
      filename: engine,
      code: `class Reports {
  async tables(): Promise<string[]> { return []; }
}
interface Catalog { names(): string[] }
export async function f(reports: Reports, catalog: Catalog) {
  const db = await reports.tables();
  const pool = catalog.names();
  return db.map((t) => t.trim()).join(",") + db.join(";") + pool.join(";");
}`,
    },
  ],
  invalid: [
    {
      name: "a method without a return type leaves the name to decide",
      filename: engine,
      code: `class Reports {
  async tables() { return ["a"]; }
}
export async function f(reports: Reports) {
  const db = await reports.tables();
  return db.join(";");
}`,
      errors: [{ messageId: "query", line: 6 }],
    },
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
      errors: [
        { messageId: "importPackage", line: 1 },
        { messageId: "query", line: 3 },
      ],
    },
    {
      name: "a handle exported by a driver and imported under another name",
      filename: engine,
      code: `import { sequelize as pgdb } from "../L6_drivers/db";
export const totals = () => pgdb.query("SELECT 1");`,
      errors: [
        {
          messageId: "query",
          line: 2,
          data: {
            form: "pgdb.query()",
            receiver: "pgdb",
            layer: "L5 engine",
            evidence: "sequelize in src/hoc/cus/billing/L6_drivers/db.ts: created by new Sequelize() from sequelize-typescript",
            drivers: "L6 driver",
          },
        },
      ],
    },
    {
      name: "a model whose ORM base class is two project base classes away, and its own finder override",
      filename: engine,
      code: `import { Invoice } from "../../../models/invoice";
export const load = (id: string) => Invoice.findByPk(id);
export const overdue = () => Invoice.findOverdue(new Date());`,
      errors: [
        {
          messageId: "query",
          line: 2,
          data: {
            form: "Invoice.findByPk()",
            receiver: "Invoice",
            layer: "L5 engine",
            evidence: "Invoice is a model (@Table from sequelize-typescript)",
            drivers: "L6 driver",
          },
        },
        {
          messageId: "query",
          line: 3,
          data: {
            form: "Invoice.findOverdue()",
            receiver: "Invoice",
            layer: "L5 engine",
            evidence: "Invoice is a model (@Table from sequelize-typescript); its findOverdue() runs a query",
            drivers: "L6 driver",
          },
        },
      ],
    },
    {
      name: "a model without decorators, through its base classes only",
      filename: engine,
      code: `import SoftDeleteModel from "../../../models/base/soft_delete_model";
class Note extends SoftDeleteModel {}
export const notes = () => Note.findAll();`,
      errors: [
        {
          messageId: "query",
          line: 3,
          data: {
            form: "Note.findAll()",
            receiver: "Note",
            layer: "L5 engine",
            evidence: "Note extends SoftDeleteModel → BaseModel → Model from sequelize-typescript",
            drivers: "L6 driver",
          },
        },
      ],
    },
    {
      name: "a handle passed through a constructor, typed with the project's client subclass",
      filename: engine,
      code: `import { PrismaService } from "../L6_drivers/prisma.service";
export class Reports {
  constructor(private readonly prisma: PrismaService) {}
  open() { return this.prisma.invoice.findMany(); }
}`,
      errors: [
        { messageId: "handle", line: 3 },
        { messageId: "query", line: 4 },
      ],
    },
    {
      name: "rows a model query returned, written back",
      filename: engine,
      code: `import { Invoice } from "../../../models/invoice";
export async function settle(id: string) {
  const invoice = await Invoice.findOne({ where: { id } });
  await invoice.save();
}`,
      errors: [
        { messageId: "query", line: 3 },
        {
          messageId: "query",
          line: 4,
          data: {
            form: "invoice.save()",
            receiver: "invoice",
            layer: "L5 engine",
            evidence: "a row of Invoice: Invoice is a model (@Table from sequelize-typescript)",
            drivers: "L6 driver",
          },
        },
      ],
    },
    {
      name: "a name decides only where nothing is declared",
      filename: engine,
      code: `export function fromDeps(deps: { db: any }) { return deps.db.query("SELECT 1"); }`,
      errors: [
        { messageId: "query", line: 1, data: { form: "deps.db.query()", receiver: "deps.db", layer: "L5 engine", evidence: "named db", drivers: "L6 driver" } },
      ],
    },
  ],
});
