// Prisma's models, read from `schema.prisma` (or a `prisma/schema/*.prisma` folder) into the same shape as the
// models read from TypeScript. A small reader of the part of the Prisma grammar that declares models (blocks,
// fields, attributes), written here rather than taken from a package: the maintained parsers either load a
// config file from the current folder when imported (which may be code of the scanned repository: we never run
// it) or bring a hundred polyfill packages that patch the global Error. Nothing is executed; every way the
// schema can be malformed becomes one error with its line.

/** @typedef {import("../types.js").ModelFact} ModelFact */
/** @typedef {import("../types.js").Span} Span */

/** Prisma's scalar types; any other field type names a model, an enum or a composite type. */
const SCALARS = new Set(["String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes", "Unsupported"]);
const BLOCKS = new Set(["model", "view", "enum", "type", "datasource", "generator"]);

/**
 * The text with comments blanked out (same length, same lines), strings kept.
 * @param {string} text
 */
function stripComments(text) {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== "\n") j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "/" && text[i + 1] === "/") {
      let j = i;
      while (j < text.length && text[j] !== "\n") j++;
      out += " ".repeat(j - i);
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * An attribute's arguments, split at top-level commas: `"x", fields: [a, b], references: [id]`.
 * @param {string} inner
 * @returns {{ positional: string[], named: Map<string, string> }}
 */
function splitArgs(inner) {
  /** @type {string[]} */
  const parts = [];
  let depth = 0;
  let start = 0;
  let inString = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      parts.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (inner.slice(start).trim()) parts.push(inner.slice(start).trim());
  /** @type {string[]} */
  const positional = [];
  /** @type {Map<string, string>} */
  const named = new Map();
  for (const p of parts) {
    const m = /^([A-Za-z_]\w*)\s*:\s*([\s\S]*)$/.exec(p);
    if (m) named.set(m[1], m[2].trim());
    else positional.push(p);
  }
  return { positional, named };
}

/** @param {string | undefined} v `"users"` -> users */
function stringArg(v) {
  const m = v ? /^"((?:[^"\\]|\\.)*)"$/.exec(v) : null;
  return m ? m[1] : null;
}

/** @param {string | undefined} v `[a, b]` -> [a, b] */
function listArg(v) {
  const m = v ? /^\[([\s\S]*)\]$/.exec(v) : null;
  return m
    ? m[1]
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
}

/**
 * The attributes of a field or block line: `@id @default(now()) @relation(fields: [a], references: [id])`.
 * @param {string} text
 * @param {number} offset column of `text` in its line (0-based)
 * @returns {{ attrs: { name: string, args: string, column: number }[], error: string | null }}
 */
function readAttributes(text, offset) {
  const attrs = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    const m = /^@@?[A-Za-z_][\w.]*/.exec(text.slice(i));
    if (!m) return { attrs, error: `unexpected \`${text.slice(i, i + 20).trim()}\` at column ${offset + i + 1}` };
    const start = i;
    i += m[0].length;
    let args = "";
    if (text[i] === "(") {
      let depth = 0;
      let j = i;
      let inString = false;
      for (; j < text.length; j++) {
        const c = text[j];
        if (inString) {
          if (c === "\\") j++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === "(") depth++;
        else if (c === ")" && --depth === 0) break;
      }
      if (j >= text.length) return { attrs, error: `\`${m[0]}(\` is not closed on its line (column ${offset + i + 1})` };
      args = text.slice(i + 1, j);
      i = j + 1;
    }
    attrs.push({ name: m[0], args, column: offset + start + 1 });
  }
  return { attrs, error: null };
}

/**
 * @param {string} text
 * @returns {{ models: ModelFact[], errors: { line: number, message: string }[] }}
 */
export function parsePrismaModels(text) {
  const lines = stripComments(text).split(/\r?\n/);
  /** @type {ModelFact[]} */
  const models = [];
  /** @type {{ line: number, message: string }[]} */
  const errors = [];
  const fail = (/** @type {number} */ line, /** @type {string} */ message) => {
    errors.push({ line, message: `not a valid Prisma schema: ${message}; fix it (the models in it were not read)` });
    return { models: [], errors };
  };
  /** @type {{ kind: string, name: string, line: number, column: number, members: { line: number, text: string, column: number }[] }[]} */
  const blocks = [];
  /** @type {(typeof blocks)[number] | null} */
  let open = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.trim();
    if (!line) continue;
    const lineNo = i + 1;
    if (!open) {
      const m = /^([A-Za-z]+)\s+([A-Za-z_]\w*)\s*\{\s*(\})?$/.exec(line);
      if (!m || !BLOCKS.has(m[1])) return fail(lineNo, `expected a block such as \`model Name {\`, found \`${line.slice(0, 40)}\``);
      const block = { kind: m[1], name: m[2], line: lineNo, column: raw.indexOf(m[2]) + 1, members: [] };
      if (m[3]) blocks.push(block);
      else open = block;
      continue;
    }
    if (line === "}") {
      blocks.push(open);
      open = null;
      continue;
    }
    const bare = line.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    const header = /^([A-Za-z]+)\s+([A-Za-z_]\w*)\s*\{/.exec(bare);
    if (header && BLOCKS.has(header[1]))
      return fail(lineNo, `${open.kind} ${open.name} (line ${open.line}) is not closed before \`${header[1]} ${header[2]} {\``);
    if (bare.includes("{") || bare.includes("}"))
      return fail(lineNo, `unexpected brace inside ${open.kind} ${open.name} (a block closes with \`}\` on its own line)`);
    open.members.push({ line: lineNo, text: raw, column: raw.length - raw.trimStart().length });
  }
  if (open) return fail(open.line, `${open.kind} ${open.name} is not closed with \`}\``);

  const enums = new Set(blocks.filter((b) => b.kind === "enum").map((b) => b.name));
  for (const b of blocks) {
    if (b.kind !== "model") continue;
    /** @type {ModelFact} */
    const model = {
      orm: "prisma",
      name: b.name,
      form: "model",
      table: null,
      columns: [],
      relations: [],
      line: b.line,
      column: b.column,
      endLine: b.line,
      endColumn: b.column + b.name.length,
    };
    /** @type {{ column: string, target: string }[]} */
    const refs = [];
    for (const mem of b.members) {
      const text = mem.text.trimStart();
      const at = (/** @type {number} */ column, /** @type {number} */ length) => ({ line: mem.line, column, endLine: mem.line, endColumn: column + length });
      if (text.startsWith("@@")) {
        const { attrs, error } = readAttributes(text, mem.column);
        if (error) return fail(mem.line, error);
        for (const a of attrs) {
          if (a.name !== "@@map") continue;
          const { positional, named } = splitArgs(a.args);
          model.table = { value: stringArg(positional[0] ?? named.get("name")), ...at(a.column, a.args.length + 7) };
        }
        continue;
      }
      const f = /^([A-Za-z_]\w*)\s+([A-Za-z_]\w*(?:\([^)]*\))?)(\[\])?(\?)?(.*)$/.exec(text);
      if (!f) return fail(mem.line, `expected a field \`name Type\`, found \`${text.trim().slice(0, 40)}\``);
      const [, name, typeText, list, optional, rest] = f;
      const { attrs, error } = readAttributes(rest, mem.column + text.length - rest.length);
      if (error) return fail(mem.line, error);
      const type = typeText.replace(/\(.*$/, "");
      const nameAt = at(mem.column + 1, name.length);
      if (SCALARS.has(type) || enums.has(type)) {
        model.columns.push({
          name,
          nullable: optional ? "`?` on its type" : null,
          plainString: type === "String" && !list ? "`String`" : null,
          references: null,
          ...nameAt,
        });
        continue;
      }
      // Another model (or an enum or composite type of another schema file: the model index decides).
      const relation = attrs.find((a) => a.name === "@relation");
      const fields = relation ? listArg(splitArgs(relation.args).named.get("fields")) : null;
      model.relations.push({
        property: name,
        kind: list ? "one-to-many" : fields ? "many-to-one" : "one-to-one",
        target: type,
        inverse: null,
        foreignKey: fields?.[0] ?? null,
        nullable: null,
        ...nameAt,
      });
      for (const c of fields ?? []) refs.push({ column: c, target: type });
    }
    for (const r of refs) {
      const col = model.columns.find((c) => c.name === r.column);
      if (col) col.references = r.target;
    }
    models.push(model);
  }
  return { models, errors };
}
