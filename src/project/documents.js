// The project's governance documents (operation specs, guardrail tables), read once per validation pass: a
// document whose size and mtime did not change is not parsed again. Their problems are scan errors, with a line.
import fs from "node:fs";
import path from "node:path";
import { discoverDocuments } from "./discover.js";
import { parseGuardrailDocument, parseSpecDocument } from "../facts/documents.js";
import { parsePrismaModels } from "../facts/prisma.js";

/** @typedef {import("../facts/documents.js").SpecFact} SpecFact */
/** @typedef {import("../facts/documents.js").GuardrailRow} GuardrailRow */
/** @typedef {"specs" | "guardrails" | "prisma"} DocumentKind */
/**
 * @typedef {{ file: string, specs: SpecFact[], rows: GuardrailRow[], models: import("../types.js").ModelFact[], errors: { line: number, message: string }[] }} DocumentFacts
 */

const KINDS = /** @type {DocumentKind[]} */ (["specs", "guardrails", "prisma"]);

export class DocumentStore {
  /** @param {import("./project.js").Project} project */
  constructor(project) {
    this.project = project;
    /** @type {Map<string, { stamp: string, facts: DocumentFacts }>} */
    this.parsed = new Map();
    /** @type {{ epoch: number, files: Map<DocumentKind, string[]> } | null} */
    this.lists = null;
    /** The kinds asked for so far (what the check cache compares). @type {Set<DocumentKind>} */
    this.kindsRead = new Set();
  }

  /**
   * The patterns of each kind of document.
   * @param {DocumentKind} kind
   */
  patterns(kind) {
    const { config } = this.project;
    return kind === "specs" ? config.operationSpecs.files : kind === "guardrails" ? config.guardrails.files : config.models.prismaSchemas;
  }

  /**
   * The documents of one kind, in path order.
   * @param {DocumentKind} kind
   * @returns {DocumentFacts[]}
   */
  get(kind) {
    this.kindsRead.add(kind);
    const { config } = this.project;
    const epoch = this.project.staticFs ? 0 : this.project.epoch;
    if (!this.lists || this.lists.epoch !== epoch) {
      // One walk finds every kind of document.
      const all = KINDS.flatMap((k) => this.patterns(k));
      // The editor's folder listings, when there are some: a walk per validation pass reads only changed folders.
      const started = performance.now();
      const found = discoverDocuments(config, all, (file, message) => this.project.addError(file, message), this.project.dirCache, this.project.listings);
      if (this.lists) this.project.passCostMs += performance.now() - started;
      /** @type {Map<DocumentKind, string[]>} */
      const files = new Map();
      for (const k of KINDS) {
        const mine = this.patterns(k);
        files.set(
          k,
          found.filter((f) => mine.some((p) => p.match(this.project.rel(f)) !== null)),
        );
      }
      this.lists = { epoch, files };
    }
    /** @type {DocumentFacts[]} */
    const out = [];
    for (const file of this.lists.files.get(kind) ?? []) {
      const facts = this.read(file, kind);
      if (facts) out.push(facts);
    }
    return out;
  }

  /**
   * @param {string} file
   * @param {DocumentKind} kind
   * @returns {DocumentFacts | null}
   */
  read(file, kind) {
    let st;
    try {
      st = fs.statSync(file);
    } catch {
      return null;
    }
    const stamp = `${st.mtimeMs}:${st.size}:${kind}`;
    const hit = this.parsed.get(file);
    if (hit && hit.stamp === stamp) return hit.facts;
    const { maxFileBytes } = this.project.config;
    /** @type {DocumentFacts} */
    let facts = { file, specs: [], rows: [], models: [], errors: [] };
    if (!st.isFile()) facts.errors.push({ line: 1, message: "not a regular file; exclude it or fix the pattern that finds it" });
    else if (st.size > maxFileBytes)
      facts.errors.push({
        line: 1,
        message: `${st.size} bytes is over maxFileBytes (${maxFileBytes}); split it, or raise maxFileBytes in hoc.config.json (it was not read)`,
      });
    else {
      const text = fs.readFileSync(file, "utf8");
      if (kind === "specs") facts = { file, rows: [], models: [], ...parseSpecDocument(file, text) };
      else if (kind === "guardrails") facts = { file, specs: [], models: [], ...parseGuardrailDocument(text, this.project.config.guardrails.idPattern) };
      else facts = { file, specs: [], rows: [], ...parsePrismaModels(text) };
    }
    for (const e of facts.errors) this.project.addError(file, `${e.line}:1 ${e.message}`);
    this.parsed.set(file, { stamp, facts });
    return facts;
  }
}

/**
 * The path a document names, relative to the root: as written from the root, else from the document's folder.
 * @param {string} root
 * @param {string} docFile absolute
 * @param {string} named
 * @param {(abs: string) => boolean} exists
 * @returns {string | null} absolute path that exists, or null
 */
export function namedPath(root, docFile, named, exists) {
  const clean = named.replace(/^\.\//, "").replace(/:\d+(:\d+)?$/, "");
  for (const base of [root, path.dirname(docFile)]) {
    const abs = path.resolve(base, clean);
    if (exists(abs)) return abs;
  }
  return null;
}
