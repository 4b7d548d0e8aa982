#!/usr/bin/env node
// Writes an HOC-shaped repository of about N files, deterministic from a seed: realistic imports (aliases,
// relative, barrels, type-only), registrations, dispatches, invariants and transactions, and a known number of
// planted violations (returned, and written to hoc-expected.json) so a run can be checked, not just timed.
//
//   node bench/generate.js --files 5000 --seed 1 --out /tmp/hoc-5k
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

/** @param {number} seed */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["billing", "accounts", "integrations", "orders", "invoices", "payments", "catalog", "shipping", "tenants", "reports", "alerts", "audit"];
const FILES_PER_DOMAIN = 48;

/**
 * @param {{ files: number, seed: number }} options
 * @returns {{ files: Map<string, string>, planted: Record<string, number> }}
 */
export function generateRepo({ files: target, seed }) {
  const rand = prng(seed);
  const pick = (/** @type {any[]} */ xs) => xs[Math.floor(rand() * xs.length)];
  /** @type {Map<string, string>} */
  const files = new Map();
  /** @type {Record<string, number>} */
  const planted = {
    "hoc/layer-boundaries": 0,
    "hoc/operation-ownership": 0,
    "hoc/no-unknown-operation": 0,
    "hoc/invariant-binding": 0,
    "hoc/barrel-hygiene": 0,
    "hoc/layer-header": 0,
    "hoc/transaction-boundaries": 0,
  };
  const domainCount = Math.max(2, Math.round(target / FILES_PER_DOMAIN));
  const domains = Array.from({ length: domainCount }, (_, i) => (i < WORDS.length ? WORDS[i] : `${WORDS[i % WORDS.length]}${Math.floor(i / WORDS.length)}`));
  const aud = "cus";
  const spine = `src/hoc/${aud}/hoc_spine`;

  files.set(
    "tsconfig.json",
    JSON.stringify(
      {
        compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", strict: true, baseUrl: ".", paths: { "@hoc/*": ["src/hoc/*"] } },
        include: ["src"],
      },
      null,
      2,
    ),
  );
  files.set("package.json", JSON.stringify({ name: "generated-hoc-backend", private: true, type: "module" }, null, 2));
  files.set(
    `${spine}/schemas/context.ts`,
    `export interface OperationContext {\n  tenantId: string;\n  params: Record<string, unknown>;\n}\n\nexport interface DbSession {\n  query<T>(sql: string, params?: unknown[]): Promise<T[]>;\n  commit(): Promise<void>;\n}\n`,
  );
  files.set(
    `${spine}/orchestrator/registry.ts`,
    `// Layer: L4 — Orchestrator\nimport type { OperationContext } from "../schemas/context";\n\ntype Handler = { execute(ctx: OperationContext): Promise<unknown> };\n\nclass OperationRegistry {\n  private readonly handlers = new Map<string, Handler>();\n  register(name: string, handler: Handler) {\n    this.handlers.set(name, handler);\n  }\n  async execute(name: string, ctx: OperationContext) {\n    const h = this.handlers.get(name);\n    if (!h) throw new Error(\`unknown operation \${name}\`);\n    return h.execute(ctx);\n  }\n}\n\nexport const registry = new OperationRegistry();\n`,
  );
  files.set(
    `${spine}/services/audit_log.ts`,
    `import type { OperationContext } from "../schemas/context";\n\nexport function recordAudit(ctx: OperationContext, event: string): string {\n  return \`\${ctx.tenantId}:\${event}\`;\n}\n`,
  );
  files.set(
    `${spine}/utilities/strip_internal_keys.ts`,
    `export function stripInternalKeys(params: Record<string, unknown>): Record<string, unknown> {\n  return Object.fromEntries(Object.entries(params).filter(([k]) => !k.startsWith("_")));\n}\n`,
  );
  files.set("src/hoc/models/index.ts", domains.map((d) => `export * from "./${d}_model";`).join("\n") + "\n");
  /** @type {string[]} */
  const invariants = [];

  domains.forEach((d, di) => {
    const Dom = d[0].toUpperCase() + d.slice(1);
    const base = `src/hoc/${aud}/${d}`;
    files.set(
      `src/hoc/models/${d}_model.ts`,
      `export interface ${Dom}Record {\n  id: string;\n  tenantId: string;\n  status: "active" | "archived";\n  updatedAt: Date;\n}\n\nexport const ${d.toUpperCase()}_TABLE = "${d}";\n`,
    );
    const per = Math.max(1, Math.round((FILES_PER_DOMAIN - 6) / 4));
    const schemas = [];
    for (let i = 0; i < Math.max(1, Math.round(per * 0.6)); i++) {
      const name = `${d}_schema_${i}`;
      schemas.push(name);
      files.set(
        `${base}/L5_schemas/${name}.ts`,
        `// Layer: L5 — Domain schema\nexport interface ${Dom}View${i} {\n  id: string;\n  label: string;\n  total: number;\n}\n\nexport const is${Dom}View${i} = (v: unknown): v is ${Dom}View${i} => typeof v === "object" && v !== null && "id" in v;\n`,
      );
    }
    const drivers = [];
    for (let i = 0; i < per; i++) {
      const name = `${d}_driver_${i}`;
      drivers.push(name);
      const s = pick(schemas);
      const plantCommit = (di * per + i) % 53 === 7;
      if (plantCommit) planted["hoc/transaction-boundaries"]++;
      files.set(
        `${base}/L6_drivers/${name}.ts`,
        `// Layer: L6 — Domain driver\nimport type { DbSession } from "@hoc/${aud}/hoc_spine/schemas/context";\nimport { ${d.toUpperCase()}_TABLE, type ${Dom}Record } from "@hoc/models";\nimport type { ${Dom}View${schemas.indexOf(s)} } from "../L5_schemas/${s}";\n\nexport class ${Dom}Driver${i} {\n  constructor(private readonly session: DbSession) {}\n\n  async find(tenantId: string, id: string): Promise<${Dom}Record | undefined> {\n    const rows = await this.session.query<${Dom}Record>(\`SELECT * FROM \${${d.toUpperCase()}_TABLE} WHERE tenant_id = $1 AND id = $2\`, [tenantId, id]);\n    return rows[0];\n  }\n\n  async list(tenantId: string): Promise<${Dom}View${schemas.indexOf(s)}[]> {\n    const rows = await this.session.query<${Dom}Record>(\`SELECT * FROM \${${d.toUpperCase()}_TABLE} WHERE tenant_id = $1\`, [tenantId]);\n${plantCommit ? "    await this.session.commit();\n" : ""}    return rows.map((r) => ({ id: r.id, label: r.status, total: 0 }));\n  }\n}\n`,
      );
    }
    const engines = [];
    for (let i = 0; i < per; i++) {
      const name = `${d}_engine_${i}`;
      engines.push(name);
      const drv = pick(drivers);
      const di2 = drivers.indexOf(drv);
      const plantCross = domains.length > 1 && (di * per + i) % 41 === 5;
      const other = domains[(di + 1) % domains.length];
      if (plantCross) planted["hoc/layer-boundaries"]++;
      files.set(
        `${base}/L5_engines/${name}.ts`,
        `// Layer: L5 — Domain Engine\nimport { ${Dom}Driver${di2} } from "../L6_drivers/${drv}";\nimport { recordAudit } from "@hoc/${aud}/hoc_spine/services/audit_log";\nimport type { OperationContext } from "@hoc/${aud}/hoc_spine/schemas/context";\nimport type { ${Dom}Record } from "@hoc/models";\n${plantCross ? `import { ${other[0].toUpperCase() + other.slice(1)}Engine0 } from "../../${other}/L5_engines/${other}_engine_0";\n` : ""}\nexport class ${Dom}Engine${i} {\n  constructor(private readonly driver: ${Dom}Driver${di2}) {}\n\n  async summarize(ctx: OperationContext): Promise<string> {\n    const rows = await this.driver.list(ctx.tenantId);\n    recordAudit(ctx, "${d}.summarize");\n    return rows.map((r) => r.label).join(",");\n  }\n\n  isActive(record: ${Dom}Record): boolean {\n    return record.status === "active";\n  }\n}\n${plantCross ? `\nexport const peer = ${other[0].toUpperCase() + other.slice(1)}Engine0;\n` : ""}`,
      );
    }
    files.set(
      `${base}/L5_engines/index.ts`,
      engines
        .slice(0, 3)
        .map((e) => `export * from "./${e}";`)
        .join("\n") + "\n",
    );
    const ops = ["query", "get", "update"].map((v) => `${d}.${v}`);
    const duplicate = di % 17 === 3 && di > 0;
    if (duplicate) planted["hoc/operation-ownership"] += 2;
    files.set(
      `${spine}/orchestrator/handlers/${d}_handler.ts`,
      `// Layer: L4 — Operation handler (${d})\nimport { ${Dom}Engine0 } from "@hoc/${aud}/${d}/L5_engines";\nimport { ${Dom}Driver0 } from "@hoc/${aud}/${d}/L6_drivers/${d}_driver_0";\nimport { registry } from "../registry";\nimport { stripInternalKeys } from "../../utilities/strip_internal_keys";\nimport type { DbSession, OperationContext } from "../../schemas/context";\n\nexport const ${d.toUpperCase()}_OPS = {\n${ops.map((o, k) => `  ${["QUERY", "GET", "UPDATE"][k]}: "${o}",`).join("\n")}\n} as const;\n\nexport const METHOD_INVARIANT_MAP = {\n  archive_${d}: "${d.replace(/s$/, "")}.archive",\n} as const;\n\nexport function register(session: DbSession): void {\n  const engine = new ${Dom}Engine0(new ${Dom}Driver0(session));\n  const run = async (ctx: OperationContext) => {\n    const params = stripInternalKeys(ctx.params);\n    if (params.method === "archive_${d}") return { archived: true };\n    return engine.summarize(ctx);\n  };\n  registry.register(${d.toUpperCase()}_OPS.QUERY, { execute: run });\n  registry.register(${d.toUpperCase()}_OPS.GET, { execute: run });\n  registry.register(${d.toUpperCase()}_OPS.UPDATE, { execute: run });\n${duplicate ? `  registry.register("${domains[di - 1]}.get", { execute: run });\n` : ""}}\n`,
    );
    if (duplicate) planted["hoc/operation-ownership"]++; // the duplicate in a foreign handler is also wrongDomain
    invariants.push(`  { id: "BI-${di}-1", operation: "${d}.update", severity: "HIGH", check: ok },`);
    invariants.push(`  { id: "BI-${di}-2", operation: "${d.replace(/s$/, "")}.archive", severity: "LOW", check: ok },`);
    if (di % 7 === 2) {
      invariants.push(`  { id: "BI-${di}-3", operation: "${d.replace(/s$/, "")}.disable", severity: "HIGH", check: ok },`);
      planted["hoc/invariant-binding"]++;
    }
    const routes = Math.max(1, FILES_PER_DOMAIN - 6 - per * 2 - schemas.length);
    for (let i = 0; i < routes; i++) {
      const plantApi = (di * routes + i) % 37 === 11;
      const plantTypo = (di * routes + i) % 61 === 13;
      if (plantApi) planted["hoc/layer-boundaries"]++;
      if (plantTypo) planted["hoc/no-unknown-operation"]++;
      const s = pick(schemas);
      files.set(
        `src/hoc/api/${aud}/${d}/${d}_routes_${i}.ts`,
        `// Layer: L2 — API\nimport { registry } from "@hoc/${aud}/hoc_spine/orchestrator/registry";\nimport { ${d.toUpperCase()}_OPS } from "@hoc/${aud}/hoc_spine/orchestrator/handlers/${d}_handler";\nimport type { ${Dom}View${schemas.indexOf(s)} } from "@hoc/${aud}/${d}/L5_schemas/${s}";\n${plantApi ? `import { ${Dom}Engine0 } from "@hoc/${aud}/${d}/L5_engines/${d}_engine_0";\n` : ""}\ninterface Request {\n  tenantId: string;\n  query: Record<string, string>;\n}\n\nexport async function list${i}(req: Request): Promise<${Dom}View${schemas.indexOf(s)}[]> {\n  const result = await registry.execute(${d.toUpperCase()}_OPS.QUERY, { tenantId: req.tenantId, params: { method: "list", page: req.query.page } });\n  return result as ${Dom}View${schemas.indexOf(s)}[];\n}\n\nexport async function archive${i}(req: Request) {\n  return registry.execute("${plantTypo ? `${d}.querry` : `${d}.query`}", { tenantId: req.tenantId, params: { method: "archive_${d}", id: req.query.id } });\n}\n${plantApi ? `\nexport const direct = ${Dom}Engine0;\n` : ""}`,
      );
    }
  });
  files.set(
    `${spine}/authority/invariants.ts`,
    `import type { OperationContext } from "../schemas/context";\n\nconst ok = (ctx: OperationContext) => ctx.tenantId.length > 0;\n\nexport const INVARIANTS = [\n${invariants.join("\n")}\n];\n`,
  );
  return { files, planted };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { files: { type: "string", default: "1000" }, seed: { type: "string", default: "1" }, out: { type: "string" } } });
  if (!values.out) {
    process.stderr.write("generate: --out DIR is required (e.g. node bench/generate.js --files 5000 --out /tmp/hoc-5k)\n");
    process.exit(2);
  }
  const { files, planted } = generateRepo({ files: Number(values.files), seed: Number(values.seed) });
  fs.rmSync(values.out, { recursive: true, force: true });
  for (const [rel, text] of files) {
    const full = path.join(values.out, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
  fs.writeFileSync(path.join(values.out, "hoc-expected.json"), `${JSON.stringify({ files: files.size, planted }, null, 2)}\n`);
  process.stdout.write(`${files.size} files written to ${values.out}; planted: ${JSON.stringify(planted)}\n`);
}
