// The engine's pure decisions, over plain data: no parser, no files. Each is also exercised end to end by the
// fixture suites; here a change in one decision fails a test that names it.
import { describe, expect, it } from "vitest";
import { compileConfig } from "../src/config/load-config.js";
import { CATALOG } from "../src/checks/index.js";
import { evaluateEdge } from "../src/checks/layer-matrix.js";
import { classify, layerFromPath } from "../src/project/classify.js";
import { buildOperationIndex } from "../src/project/operation-index.js";
import { applyKnown, knownStatus } from "../src/report/known.js";
import { expectedTables, snakeCase, tableDrift } from "../src/checks/table-naming.js";
import { ModelIndex } from "../src/project/model-index.js";

const hoc = compileConfig({}, { root: "/r", configFile: null, where: "test" }, CATALOG);
/** @param {string} rel */
const at = (rel) => /** @type {import("../src/types.js").LayerInfo} */ ({ ...layerFromPath(hoc, rel), source: "path" });

describe("the layer matrix (default HOC profile)", () => {
  const api = at("src/hoc/api/cus/billing/routes.ts");
  const engine = at("src/hoc/cus/billing/L5_engines/invoice_engine.ts");
  const otherEngine = at("src/hoc/cus/accounts/L5_engines/accounts_engine.ts");
  const driver = at("src/hoc/cus/billing/L6_drivers/invoices_driver.ts");
  const schema = at("src/hoc/cus/billing/L5_schemas/invoice.ts");
  const spineService = at("src/hoc/cus/hoc_spine/services/audit_log.ts");
  const spineHandler = at("src/hoc/cus/hoc_spine/orchestrator/handlers/billing_handler.ts");
  const model = at("src/hoc/models/invoice.ts");

  it.each([
    ["L2 → L4", api, spineHandler, false, null],
    ["L2 → L5 schema", api, schema, false, null],
    ["L2 → L5 engine skips the spine", api, engine, false, "apiSkipsSpine"],
    ["L2 → L6 skips the spine", api, driver, false, "apiSkipsSpine"],
    ["L5 → L6 of its domain", engine, driver, false, null],
    ["L5 → L5 of another domain", engine, otherEngine, false, "crossDomain"],
    ["L5 → L7 as a value", engine, model, false, "typeOnly"],
    ["L5 → L7 types only", engine, model, true, null],
    ["L6 → L5 engine, upward", driver, engine, false, "upward"],
    ["L4 → L5 of any domain", spineHandler, otherEngine, false, null],
  ])("%s", (_name, from, to, typeOnly, reason) => {
    expect(evaluateEdge(from, to, typeOnly, "x")?.reason ?? null).toBe(reason);
  });

  it("L5 → the spine only in services/, schemas/, utilities/", () => {
    expect(evaluateEdge(engine, spineService, false, "src/hoc/cus/hoc_spine/services/audit_log.ts")).toBeNull();
    expect(evaluateEdge(engine, spineHandler, false, "src/hoc/cus/hoc_spine/orchestrator/handlers/billing_handler.ts")).toEqual({
      reason: "restrictedPath",
      allowedPaths: ["hoc_spine/services/**", "hoc_spine/schemas/**", "hoc_spine/utilities/**"],
    });
  });
});

describe("deny wins over allow", () => {
  const config = compileConfig(
    {
      layers: [
        { id: "api", level: 2, patterns: ["./src/api/**"] },
        { id: "util", level: 3, patterns: ["./src/util/**"] },
        { id: "driver", level: 6, patterns: ["./src/drivers/**"] },
      ],
      allow: { api: ["util", "driver"] },
      deny: { api: ["driver"], util: ["driver"] },
    },
    { root: "/r", configFile: null, where: "test" },
    CATALOG,
  );
  const of = (/** @type {string} */ rel) => /** @type {import("../src/types.js").LayerInfo} */ ({ ...layerFromPath(config, rel), source: "path" });
  it.each([
    ["allowed and denied", "src/api/a.ts", "src/drivers/d.ts", "denied"],
    ["allowed", "src/api/a.ts", "src/util/u.ts", null],
    ["no allow row, denied", "src/util/u.ts", "src/drivers/d.ts", "denied"],
    ["no allow row, not denied", "src/util/u.ts", "src/api/a.ts", null],
  ])("%s", (_, from, to, reason) => {
    expect(evaluateEdge(of(from), of(to), false, to)?.reason ?? null).toBe(reason);
  });
});

describe("layers without a level", () => {
  const config = compileConfig(
    {
      layers: [
        { id: "routes", patterns: ["./src/routes/**"] },
        { id: "services", level: 4, patterns: ["./src/services/**"] },
        { id: "db", patterns: ["./src/db/**"] },
      ],
      allow: { routes: ["services"], services: ["db"], db: [] },
    },
    { root: "/r", configFile: null, where: "test" },
    CATALOG,
  );
  const of = (/** @type {string} */ rel) => /** @type {import("../src/types.js").LayerInfo} */ ({ ...layerFromPath(config, rel), source: "path" });
  it("compile, and a forbidden edge with a level missing on one side is not called upward", () => {
    expect(config.layerById.get("routes")?.level).toBeNull();
    expect(evaluateEdge(of("src/db/d.ts"), of("src/services/s.ts"), false, "src/services/s.ts")?.reason).toBe("forbidden");
    expect(evaluateEdge(of("src/routes/r.ts"), of("src/db/d.ts"), false, "src/db/d.ts")?.reason).toBe("forbidden");
  });
  it("are none of the layers the level defaults pick (data access, transaction owners, models)", () => {
    expect(config.transactions.ownerLayers).toEqual(["services"]);
    expect(config.dataAccess.layers).toEqual([]);
    expect(config.models.layers).toEqual([]);
  });
});

describe("classification", () => {
  it("by path, with captures, first layer wins; outside the tree nothing", () => {
    expect(layerFromPath(hoc, "backend/src/app/hoc/api/facades/cus/index.ts")?.layer.id).toBe("L2.1");
    expect(layerFromPath(hoc, "src/hoc/cus/billing/L6_drivers/x.ts")).toMatchObject({ layer: { id: "L6" }, captures: { audience: "cus", domain: "billing" } });
    expect(layerFromPath(hoc, "src/lib/util.ts")).toBeNull();
    expect(layerFromPath(hoc, "../elsewhere/hoc/models/x.ts")).toBeNull();
  });

  it("a header overrides the path; a shared level is settled by the path", () => {
    const header = (token, text = token) => ({ text, token, line: 1, column: 4, endLine: 1, endColumn: 20 });
    expect(classify(hoc, "src/lib/x.ts", header("L6"))).toMatchObject({ layer: { id: "L6" }, source: "header" });
    expect(classify(hoc, "src/hoc/cus/billing/L5_schemas/x.ts", header("L5"))?.layer.id).toBe("L5.schema");
    expect(classify(hoc, "src/hoc/cus/billing/L5_schemas/x.ts", null)?.source).toBe("path");
  });
});

describe("the operation index over plain facts", () => {
  const lit = (value) => ({ kind: "literal", value });
  const span = { line: 1, column: 1, endLine: 1, endColumn: 2 };
  const ops = (o) => ({ registrations: [], dispatches: [], invariants: [], subOperationMaps: [], aliases: [], handledMethods: [], ...o });
  const facts = {
    "/r/a_handler.ts": { operations: ops({ registrations: [{ form: "call", handler: "A", name: lit("orders.get"), ...span }] }), constants: {} },
    "/r/b_handler.ts": {
      operations: ops({
        registrations: [
          { form: "call", handler: "B", name: lit("orders.get"), ...span },
          { form: "call", handler: "B", name: { kind: "ref", path: ["OPS", "LIST"] }, ...span },
        ],
      }),
      constants: { "OPS.LIST": lit("orders.list") },
    },
    "/r/routes.ts": {
      operations: ops({
        dispatches: [
          { name: lit("orders.lst"), method: null, ...span },
          { name: { kind: "dynamic", text: "x + y" }, method: null, ...span },
        ],
      }),
      constants: {},
    },
    "/r/invariants.ts": {
      operations: ops({
        invariants: [{ id: "BI-1", name: lit("order.cancel"), ...span }],
        aliases: [{ from: lit("orders.get"), to: lit("order.read"), ...span }],
      }),
      constants: {},
    },
  };
  const project = /** @type {any} */ ({
    config: hoc,
    facts: (f) => facts[f] ?? null,
    entry: (f) => ({ facts: facts[f] ?? null, layer: null }),
    resolve: () => ({ kind: "unresolved" }),
    // Nothing kept between builds here (the editor's Project keeps name answers until a name changes).
    nameAnswers: () => new Map(),
    nameAnswersByFacts: () => new WeakMap(),
    providerOf: (file, name) => ({ file, name, via: [] }),
    // Every file here is part of the architecture (in the HOC tree), except the script below.
    layerOf: () => null,
    inHocTree: (f) => f !== "/r/scripts/seed.ts",
    // The project's list: every file here.
    listed: () => new Set(Object.keys(facts)),
  });
  facts["/r/scripts/seed.ts"] = { operations: ops({ registrations: [{ form: "call", handler: "S", name: lit("orders.get"), ...span }] }), constants: {} };
  const index = buildOperationIndex(project, Object.keys(facts).sort());

  it("registrations by name across files, names through module constants, unresolvable names left null", () => {
    expect([...index.registered.keys()].sort()).toEqual(["orders.get", "orders.list"]);
    expect(index.registered.get("orders.get")?.registrations.map((r) => r.file)).toEqual(["/r/a_handler.ts", "/r/b_handler.ts"]);
    // A file outside every layer and outside the HOC tree registers nothing the registry knows.
    expect(index.byFile.get("/r/scripts/seed.ts")).toBeUndefined();
    expect(index.byFile.get("/r/routes.ts")?.dispatches.map((d) => d.name)).toEqual(["orders.lst", null]);
  });

  it("without dispatches: the same registrations and invariants, no other file's dispatches, each file its own", () => {
    const registrationsOnly = buildOperationIndex(project, Object.keys(facts).sort(), { dispatches: false });
    expect([...registrationsOnly.registered.keys()]).toEqual([...index.registered.keys()]);
    expect(registrationsOnly.invariants.map((i) => i.name)).toEqual(index.invariants.map((i) => i.name));
    expect(registrationsOnly.dispatches).toEqual([]);
    expect(index.dispatches.map((d) => d.name)).toEqual(["orders.lst", null]);
    expect(registrationsOnly.byFile.get("/r/routes.ts")?.dispatches.map((d) => d.name)).toEqual(["orders.lst", null]);
  });

  it("a typo's closest registered name; alias targets; the domain of a name", () => {
    expect(index.closest("orders.lst")).toBe("orders.list");
    expect(index.aliasTargets.has("order.read")).toBe(true);
    expect(index.domainOf("orders.get")).toBe("orders");
  });
});

describe("known status, one decision for both front ends", () => {
  const config = compileConfig(
    {
      exceptions: [
        { path: "src/reports/**", rules: ["hoc/data-access-boundary"], reason: "TICKET-1" },
        { path: "src/gone/**", reason: "removed" },
      ],
      handlerDomainScope: { exceptions: [{ handler: "billing", domain: "accounts", reason: "TICKET-2" }] },
      preset: "strict",
    },
    { root: "/r", configFile: null, where: "test" },
    CATALOG,
  );
  const finding = (o) => ({
    ruleId: "hoc/data-access-boundary",
    severity: /** @type {const} */ ("error"),
    file: "src/x.ts",
    line: 1,
    column: 1,
    messageId: "query",
    data: {},
    message: "m",
    fingerprint: "f0",
    ...o,
  });

  it("path exceptions by rule and path; handler exceptions by the finding's data, not its text; the baseline by fingerprint", () => {
    expect(knownStatus(finding({ file: "src/reports/r.ts" }), config, null)).toEqual({ kind: "exception", reason: "TICKET-1", exception: 0 });
    expect(knownStatus(finding({ file: "src/reports/r.ts", ruleId: "hoc/layer-boundaries" }), config, null)).toBeNull();
    const handler = finding({
      ruleId: "hoc/handler-domain-scope",
      messageId: "outOfScope",
      data: { handler: "billing", domain: "accounts" },
      message: "reworded at will",
    });
    expect(knownStatus(handler, config, null)).toMatchObject({ kind: "exception", reason: "TICKET-2" });
    expect(knownStatus(finding({ fingerprint: "f9" }), config, new Set(["f9"]))).toMatchObject({ kind: "baseline" });
    expect(knownStatus(finding({}), config, new Set(["f9"]))).toBeNull();
  });

  it("marks known findings without changing their severity, and turns unused entries into stale findings", () => {
    const out = applyKnown(
      [finding({ file: "src/reports/r.ts" })],
      config,
      { file: "/r/baseline.json", entries: [{ ruleId: "hoc/layer-boundaries", file: "src/y.ts", fingerprint: "zz" }], lines: [3] },
      "/r",
    );
    expect(out[0]).toMatchObject({ known: "exception", reason: "TICKET-1", severity: "error" });
    expect(out.slice(1).map((f) => `${f.ruleId}:${f.messageId} ${f.file}:${f.line}`)).toEqual([
      "hoc/stale-exception:baseline baseline.json:3",
      "hoc/stale-exception:exception hoc.config.json:1",
      "hoc/stale-exception:handlerException hoc.config.json:1",
    ]);
  });
});

describe("table naming (hoc/model-drift)", () => {
  it.each([
    ["UserAccount", "user_account"],
    ["HTTPRequestLog", "http_request_log"],
    ["userAccounts", "user_accounts"],
    ["Invoice", "invoice"],
  ])("snakeCase(%s) is %s", (name, snake) => expect(snakeCase(name)).toBe(snake));

  it.each([
    ["UserAccount", "user_accounts", null],
    ["Category", "categories", null],
    ["Person", "people", null],
    ["UserEntity", "users", null],
    ["UserEntity", "user_entities", null],
    ["Customer", "client_accounts", "customers"],
    ["Order", "public.orders", null],
    ["Order", '"Orders"', null],
    ["Order", "order", "orders"],
    ["OAuthClient", "oauth_clients", null],
    ["OAuthClient", "o_auth_clients", null],
    ["ApiKey", "apiKeys", "api_keys"],
    ["ApiKey", "apikeys", "api_keys"],
  ])("under snake_plural, %s on %s drifts to %s", (name, table, expected) => {
    expect(tableDrift(name, table, "snake_plural", ["Entity", "Model"])).toBe(expected);
  });

  it("pascal conventions keep the model's name as written (Sequelize's and Prisma's defaults)", () => {
    expect(tableDrift("BasketItem", "BasketItems", "pascal_plural", [])).toBeNull();
    expect(tableDrift("Person", "People", "pascal_plural", [])).toBeNull();
    expect(tableDrift("BasketItem", "basket_items", "pascal_plural", [])).toBe("BasketItems");
    expect(tableDrift("UserModel", "Users", "pascal_plural", ["Model"])).toBeNull();
    expect(tableDrift("Account", "Account", "pascal", [])).toBeNull();
    expect(tableDrift("AssetProfileOverrides", "SymbolProfileOverrides", "pascal", [])).toBe("AssetProfileOverrides");
  });

  it("snake keeps the singular, off compares nothing", () => {
    expect(tableDrift("UserAccount", "user_account", "snake", [])).toBeNull();
    expect(tableDrift("UserAccount", "user_accounts", "snake", [])).toBe("user_account");
    expect(expectedTables("Anything", "off", [])).toEqual([]);
    expect(tableDrift("Anything", "whatever", "off", [])).toBeNull();
  });
});

describe("the model index over plain facts", () => {
  const span = { line: 1, column: 1, endLine: 1, endColumn: 2 };
  /** @param {string} name @param {string | null} table @param {Partial<import("../src/types.js").ModelFact>} [rest] */
  const model = (name, table, rest = {}) =>
    /** @type {import("../src/types.js").ModelFact} */ ({
      orm: "typeorm",
      name,
      form: "@Entity() class",
      table: table === null ? null : { value: table, ...span },
      columns: [],
      relations: [],
      ...span,
      ...rest,
    });
  const team = model("Team", "teams");
  const user = model("User", "users", {
    relations: [{ property: "team", kind: "many-to-one", target: "Team", inverse: "members", foreignKey: null, nullable: null, ...span }],
  });
  const account = model("Account", "billing_accounts");
  const twinA = model("Twin", "twins_a");
  const twinB = model("Twin", "twins_b", { line: 9 });
  const post = model("Post", "posts", { orm: "sequelize" });
  const author = model("Author", "authors", { orm: "sequelize" });
  const index = new ModelIndex([
    { file: "/r/team.ts", models: [team], associations: [], document: false },
    { file: "/r/user.ts", models: [user, twinA, twinB], associations: [], document: false },
    { file: "/r/schema.prisma", models: [account], associations: [], document: true },
    {
      file: "/r/post.ts",
      models: [post, author],
      associations: [{ source: "Author", kind: "has-many", target: "Post", foreignKey: "authorId", ...span }],
      document: false,
    },
  ]);

  it("resolves a model by name, then by table; a name two models share resolves to none", () => {
    expect(index.resolve("Team")?.model).toBe(team);
    expect(index.resolve("billing_accounts")?.model).toBe(account);
    expect(index.resolve("public.teams")?.model).toBe(team);
    expect(index.resolve("Twin")).toBeNull();
    expect(index.resolve("Nobody")).toBeNull();
  });

  it("names the model a *Id column mentions only when exactly one matches", () => {
    expect(index.mentionedBy("teamId")?.model).toBe(team);
    expect(index.mentionedBy("team_id")?.model).toBe(team);
    expect(index.mentionedBy("billingAccountId")?.model).toBe(account);
    expect(index.mentionedBy("twinId")).toBeNull();
    expect(index.mentionedBy("ownerId")).toBeNull();
    expect(index.mentionedBy("team")).toBeNull();
  });

  it("finds an inverse side by property, or by a has-many relation or association back", () => {
    const teamEntry = /** @type {NonNullable<ReturnType<typeof index.resolve>>} */ (index.resolve("Team"));
    const userEntry = /** @type {NonNullable<ReturnType<typeof index.resolve>>} */ (index.resolve("User"));
    expect(index.declaresInverse(teamEntry, userEntry, "members")).toBe(false);
    const authorEntry = /** @type {NonNullable<ReturnType<typeof index.resolve>>} */ (index.resolve("Author"));
    const postEntry = /** @type {NonNullable<ReturnType<typeof index.resolve>>} */ (index.resolve("Post"));
    expect(index.declaresInverse(authorEntry, postEntry, null)).toBe(true);
    expect(index.declaresInverse(postEntry, authorEntry, null)).toBe(false);
  });

  it("finds a model's entry by its place, so a fresh copy of the same facts is the same model", () => {
    expect(index.entryOf("/r/user.ts", { ...twinB })?.model).toBe(twinB);
    expect(index.entryOf("/r/team.ts", { ...twinB })).toBeNull();
    expect(index.byTable.get("teams")?.map((e) => e.model)).toEqual([team]);
  });
});
