// The data index's decisions over plain facts: no parser, no disk. A fake project answers what the real one
// does (facts per file, module resolution, re-exports), so each judgement is tested on its own.
import { describe, expect, it } from "vitest";
import { compileConfig, validateUserConfig } from "../src/config/load-config.js";
import { DataIndex } from "../src/project/data-index.js";

/** @param {object} o */
const facts = (o) => ({ decls: {}, exportNames: {}, localExports: [], reExports: [], starExports: [], ...o });
const imp = (spec, name, steps = []) => ({ root: { k: "import", spec, name }, steps });
const mod = (name, steps = []) => ({ root: { k: "module", name }, steps });
const TYPE = { s: "type" };
const NEW = { s: "new" };

/**
 * @param {Record<string, object>} files path -> facts
 * @param {object} [user] hoc.config.json
 */
function indexOf(files, user = {}) {
  const config = compileConfig(user, { root: "/r", configFile: null, where: "test" });
  const project = {
    config,
    facts: (f) => files[f] ?? null,
    // Relative specifiers name files of this fake project; bare ones are packages, "./missing" resolves nowhere.
    resolve: (from, spec) => {
      if (spec === "./missing") return { kind: "unresolved" };
      if (!spec.startsWith(".")) return { kind: "package", name: spec };
      return { kind: "file", file: `/r/${spec.slice(2)}.ts` };
    },
    providerOf: (file, name) => ({ file, name, via: [] }),
  };
  return new DataIndex(/** @type {any} */ (project));
}

describe("model classes", () => {
  const files = {
    "/r/base.ts": facts({ decls: { Base: { d: "class", ext: imp("sequelize-typescript", "Model"), dec: [], f: {} } }, localExports: ["Base"] }),
    "/r/soft.ts": facts({
      decls: { Soft: { d: "class", ext: imp("./base", "Base"), dec: [], f: {} } },
      exportNames: { default: "Soft" },
      localExports: ["default"],
    }),
    "/r/invoice.ts": facts({
      decls: {
        Invoice: {
          d: "class",
          ext: imp("./soft", "default"),
          dec: [],
          f: {},
          st: {
            findOverdue: [{ o: { root: { k: "this", cls: "Invoice", static: true }, steps: [] }, m: "findAll" }],
            stale: [{ o: { root: { k: "this", cls: "Invoice", static: true }, steps: [] }, m: "findOverdue" }],
            label: [{ o: { root: { k: "this", cls: "Invoice", static: true }, steps: [] }, m: "tableName" }],
            loop: [{ o: { root: { k: "this", cls: "Invoice", static: true }, steps: [] }, m: "loop" }],
          },
          me: { markPaid: [{ o: { root: { k: "this", cls: "Invoice", static: false }, steps: [] }, m: "update" }] },
        },
      },
      localExports: ["Invoice"],
    }),
    "/r/plain.ts": facts({ decls: { Helper: { d: "class", ext: null, dec: [], f: {} } }, localExports: ["Helper"] }),
    "/r/entity.ts": facts({ decls: { Ticket: { d: "class", ext: null, dec: [imp("typeorm", "Entity")], f: {} } }, localExports: ["Ticket"] }),
  };
  const index = indexOf(files);

  it("follows the project's base classes across files to the ORM's model base", () => {
    const k = index.kind("/r/use.ts", imp("./invoice", "Invoice"));
    expect(k).toMatchObject({ role: "model", file: "/r/invoice.ts", cls: "Invoice" });
    expect(/** @type {any} */ (k).why).toBe("Invoice extends Soft → Base → Model from sequelize-typescript");
  });

  it("takes an entity decorator from the ORM as a model, and a class with neither for no model", () => {
    expect(index.kind("/r/use.ts", imp("./entity", "Ticket")).role).toBe("model");
    expect(index.kind("/r/use.ts", imp("./plain", "Helper"))).toMatchObject({ role: "notdb" });
  });

  it("a static query, an own static that runs one (also through another), an own static that does not, a cycle", () => {
    const q = (m) => index.isQuery("/r/use.ts", imp("./invoice", "Invoice"), m, "method").query;
    expect(q("findAll")).toBe(true);
    expect(q("findOverdue")).toBe(true);
    expect(q("stale")).toBe(true);
    expect(q("label")).toBe(false);
    expect(q("loop")).toBe(false);
  });

  it("rows: an instance write and an own instance method that writes", () => {
    const row = imp("./invoice", "Invoice", [TYPE]);
    expect(index.isQuery("/r/use.ts", row, "save", "method").query).toBe(true);
    expect(index.isQuery("/r/use.ts", row, "markPaid", "method").query).toBe(true);
    expect(index.isQuery("/r/use.ts", row, "toJSON", "method").query).toBe(false);
  });
});

describe("handles", () => {
  const files = {
    "/r/db.ts": facts({
      decls: {
        sequelize: { d: "value", o: imp("sequelize-typescript", "Sequelize", [NEW]) },
        pool: { d: "value", o: { root: { k: "notdb", why: "the built-in Map" }, steps: [] } },
        connect: { d: "fn", r: mod("sequelize") },
        Db: { d: "type", b: [imp("kysely", "Kysely", [TYPE])], f: {} },
        Deps: { d: "type", b: [], f: { db: imp("kysely", "Kysely", [TYPE]) } },
        Port: { d: "type", b: [], f: {} },
        Worker: { d: "class", ext: null, dec: [], f: {} },
        PrismaService: { d: "class", ext: imp("@prisma/client", "PrismaClient"), dec: [], f: {} },
      },
      localExports: ["sequelize", "pool", "connect", "Db", "Deps", "Port", "Worker", "PrismaService"],
    }),
  };
  const index = indexOf(files, { database: { localTypes: ["UnitOfWork"] } });
  const use = "/r/use.ts";

  it("an exported handle, whatever it is called where it is imported, and what a function returns", () => {
    expect(index.kind(use, imp("./db", "sequelize"))).toMatchObject({ role: "handle", declared: true });
    expect(index.kind(use, imp("./db", "connect", [{ s: "call" }]))).toMatchObject({ role: "handle" });
    expect(index.kind(use, imp("./db", "pool")).role).toBe("notdb");
  });

  it("types: an alias of a client type, a member of an interface, a class extending a client, localTypes", () => {
    expect(index.kind(use, imp("./db", "Db", [TYPE])).role).toBe("handle");
    expect(index.kind(use, imp("./db", "Deps", [TYPE, { s: "member", n: "db" }])).role).toBe("handle");
    expect(index.kind(use, imp("./db", "PrismaService", [TYPE])).role).toBe("handle");
    expect(index.kind(use, imp("./db", "UnitOfWork", [TYPE])).role).toBe("handle");
  });

  it("per client: DataSource is TypeORM's handle, but a Prisma enum of the same name is data", () => {
    expect(index.kind(use, imp("typeorm", "DataSource", [TYPE])).role).toBe("handle");
    expect(index.kind(use, imp("@prisma/client", "DataSource", [TYPE])).role).toBe("notdb");
    expect(index.kind(use, imp("@prisma/client", "User", [TYPE])).role).toBe("notdb");
    expect(index.kind(use, imp("sequelize", "DatabaseError", [TYPE])).role).toBe("notdb");
  });

  it("a declaration beats a name; an interface or nothing declared leaves the name to decide", () => {
    const asNamed = (o) => ({ ...o, as: "db" });
    expect(index.isQuery(use, asNamed(imp("./db", "Worker", [TYPE])), "query", "method")).toMatchObject({ query: false, declared: true });
    expect(index.isQuery(use, asNamed(imp("./db", "Port", [TYPE])), "query", "method")).toMatchObject({ query: true, declared: false, why: "named db" });
    expect(index.isQuery(use, asNamed(imp("./missing", "x")), "query", "method")).toMatchObject({ query: true, declared: false });
  });

  it("what comes from an unlisted package is softly no handle (types may still decide); a listed look-alike firmly", () => {
    expect(index.kind(use, imp("koa", "Context", [TYPE, { s: "member", n: "db" }]))).toMatchObject({ role: "notdb", soft: true });
    expect(index.isQuery(use, imp("koa", "Context", [TYPE]), "query", "method").declared).toBe(false);
    expect(index.isQuery(use, imp("simple-git", "SimpleGit", [TYPE]), "commit", "method").declared).toBe(true);
  });

  it("transactions: a handle commits, a name decides where nothing is declared, a look-alike does not", () => {
    const tx = (recv, kind = "generic") => index.txVerdict(use, /** @type {any} */ ({ recv, kind, method: "commit", form: "commit()" })).verdict;
    expect(tx(imp("./db", "sequelize"))).toBe("db");
    expect(tx({ root: { k: "name", name: "trx" }, steps: [], as: "trx" })).toBe("db");
    expect(tx({ root: { k: "name", name: "form" }, steps: [], as: "form" })).toBe("not-db");
    expect(tx({ root: { k: "name", name: "handle" }, steps: [], as: "handle" })).toBe("ambiguous");
    expect(tx({ root: { k: "name", name: "handle" }, steps: [], as: "handle" }, "specific")).toBe("db");
    expect(tx(imp("simple-git", "SimpleGit", [TYPE]), "specific")).toBe("not-db");
  });
});

describe("configuration of the vocabularies", () => {
  it("extends a client's list without retyping it, and rejects a removal that matches nothing", () => {
    const index = indexOf({}, { database: { clients: { sequelize: { modelQueryMethods: { extend: ["findAllWithDeleted"] } } } } });
    const model = imp("sequelize", "ModelStatic", [TYPE]);
    expect(index.isQuery("/r/x.ts", model, "findAllWithDeleted", "method").query).toBe(true);
    expect(index.isQuery("/r/x.ts", model, "findAll", "method").query).toBe(true);
    expect(() => indexOf({}, { database: { receiverNames: { remove: ["dbb"] } } })).toThrow(/remove names "dbb", which is not in the default list/);
  });

  it("a client of the user's own, from its packages", () => {
    const index = indexOf({}, { database: { clients: { acme: { packages: ["@acme/db"], factories: ["connect"], queryMethods: ["run"] } } } });
    const handle = imp("@acme/db", "connect", [{ s: "call" }]);
    expect(index.isQuery("/r/x.ts", handle, "run", "method").query).toBe(true);
    expect(() => indexOf({}, { database: { clients: { acme: { factories: ["connect"] } } } })).toThrow(/database.clients.acme names no packages/);
  });

  it("a moved key says where it lives now", () => {
    expect(() => validateUserConfig({ transactions: { dbReceiverNames: ["db"] } }, "hoc.config.json")).toThrow(
      'hoc.config.json: transactions.dbReceiverNames has moved to database.receiverNames; move it there (a list may also be { "extend": [...] } to add to the defaults)',
    );
  });
});
