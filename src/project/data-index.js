// What a value in the code is, for the data-access and transaction rules: a database handle, a model class, a
// row of a model, a query being built, or something else. Decided from declarations, across files: an import
// is followed to the module that declares it (through barrels and aliases), a class to its base classes, a
// variable to what it was created by, a parameter to its type. A name decides only where nothing is declared
// (the docs list those names). Built from facts alone, memoized per project generation.
import { posixRelative } from "./tsconfig.js";
import { own } from "../own.js";

/** @typedef {import("../types.js").Origin} Origin */
/** @typedef {import("../types.js").OriginRoot} OriginRoot */
/** @typedef {import("../types.js").OriginStep} OriginStep */
/** @typedef {import("../types.js").Decl} Decl */
/** @typedef {import("../types.js").CompiledClient} CompiledClient */
/** @typedef {import("../types.js").QueryFact} QueryFact */
/** @typedef {import("../types.js").TransactionFact} TransactionFact */
/** @typedef {import("../types.js").TxVerdict} TxVerdict */
/** @typedef {import("./project.js").Project} Project */

/**
 * @typedef {{ role: "pkg", client: CompiledClient, spec: string, q: string }
 *   | { role: "ns", file: string }
 *   | { role: "decl", file: string, name: string }
 *   | { role: "handle", client: CompiledClient | null, why: string, declared: boolean }
 *   | { role: "builder", why: string }
 *   | { role: "model", file: string | null, cls: string | null, client: CompiledClient | null, why: string }
 *   | { role: "modelQuery", file: string | null, cls: string | null, client: CompiledClient | null, why: string }
 *   | { role: "instance", file: string | null, cls: string | null, client: CompiledClient | null, why: string }
 *   | { role: "typed", file: string, name: string, iface: boolean }
 *   | { role: "global", name: string }
 *   | { role: "notdb", why: string, soft?: boolean, project?: boolean }
 *   | { role: "unknown" }} Kind
 */
/** @typedef {{ kind: "model" | "handle" | "plain", client: CompiledClient | null, why: string, base: { file: string, name: string } | null }} ClassInfo */

const UNKNOWN = /** @type {Kind} */ ({ role: "unknown" });
const MAX_DEPTH = 40;

export class DataIndex {
  /** @param {Project} project */
  constructor(project) {
    this.project = project;
    this.db = project.config.database.matchers;
    /** @type {Map<string, Kind>} */
    this.rootMemo = new Map();
    /** @type {Map<string, ClassInfo>} */
    this.classMemo = new Map();
    /** @type {Map<string, boolean>} */
    this.methodMemo = new Map();
    this.depth = 0;
  }

  /** @param {string} file */
  rel(file) {
    return posixRelative(this.project.config.root, file);
  }

  /**
   * @param {string} file the file the origin was read from
   * @param {Origin} origin
   * @returns {Kind}
   */
  kind(file, origin) {
    if (this.depth > MAX_DEPTH) return UNKNOWN;
    this.depth++;
    try {
      let k = this.root(file, origin.root);
      for (const step of origin.steps) {
        k = this.step(k, step);
        if (k.role === "notdb" || k.role === "unknown") return k;
      }
      return this.settle(k);
    } finally {
      this.depth--;
    }
  }

  /**
   * @param {string} file
   * @param {OriginRoot} r
   * @returns {Kind}
   */
  root(file, r) {
    switch (r.k) {
      case "handle":
        return { role: "handle", client: null, why: r.why, declared: true };
      case "notdb":
        return { role: "notdb", why: r.why };
      case "name":
        return UNKNOWN;
      case "global":
        // An interface or type alias of this file: types are not in the walk's scopes (they share no namespace with
        // values), so a reference to one arrives as a global name.
        return this.declOf(file, r.name)?.d === "type" ? { role: "decl", file, name: r.name } : { role: "global", name: r.name };
      case "module":
        return { role: "decl", file, name: r.name };
      case "this": {
        const cls = r.cls ? this.classInfo(file, r.cls) : null;
        if (!r.cls || !cls) return UNKNOWN;
        return r.static ? this.classValue(file, r.cls, cls) : this.classInstance(file, r.cls, cls);
      }
      case "import": {
        const key = `${file}\u0000${r.spec}\u0000${r.name}`;
        let hit = this.rootMemo.get(key);
        if (!hit) {
          hit = this.importRoot(file, r.spec, r.name);
          this.rootMemo.set(key, hit);
        }
        return hit;
      }
    }
  }

  /**
   * @param {string} file
   * @param {string} spec
   * @param {string} name
   * @returns {Kind}
   */
  importRoot(file, spec, name) {
    const client = this.db.clientOf(spec);
    if (client) {
      const q = name === "*" ? "" : name;
      if (client.handleValues.has(q)) return { role: "handle", client, why: `${q} from ${spec}`, declared: true };
      return { role: "pkg", client, spec, q };
    }
    if (this.db.nonDbPackage(spec)) return { role: "notdb", why: `from ${spec}, which is no database` };
    const target = this.project.resolve(file, spec);
    // An unlisted package is no database client, but what it returns may still be one (a generic context store
    // handing back a transaction): "soft", so type information may still decide.
    if (target.kind === "package") return { role: "notdb", why: `from the package ${target.name}, which is no database client`, soft: true };
    if (target.kind === "unresolved") return UNKNOWN;
    if (name === "*") return { role: "ns", file: target.file };
    return this.exported(target.file, name);
  }

  /**
   * The declaration behind an exported name, looking through re-exports.
   * @param {string} file
   * @param {string} name
   * @returns {Kind}
   */
  exported(file, name) {
    const provider = this.project.providerOf(file, name);
    if (provider.name === "*") return { role: "ns", file: provider.file };
    const facts = this.project.facts(provider.file);
    if (!facts) return UNKNOWN;
    return { role: "decl", file: provider.file, name: own(facts.exportNames, provider.name) ?? provider.name };
  }

  /**
   * A declaration used as a value, as it is (no step taken from it).
   * @param {Kind} k
   * @returns {Kind}
   */
  settle(k) {
    if (k.role === "pkg" || k.role === "ns") return { role: "notdb", why: "a module" };
    if (k.role !== "decl") return k;
    const decl = this.declOf(k.file, k.name);
    if (!decl) return this.undeclared(k.file, k.name);
    if (decl.d === "value") return this.valueOf(k.file, k.name, decl.o);
    if (decl.d === "class") {
      const info = this.classInfo(k.file, k.name);
      return info ? this.classValue(k.file, k.name, info) : UNKNOWN;
    }
    return { role: "notdb", why: `the ${decl.d === "fn" ? "function" : "type"} ${k.name}`, project: true };
  }

  /** @param {string} file @param {string} name */
  undeclared(file, name) {
    const facts = this.project.facts(file);
    // Exported but not one of the declarations that can hold a database (an enum, a namespace): no handle.
    if (facts && (facts.localExports.includes(name) || Object.values(facts.exportNames).includes(name)))
      return /** @type {Kind} */ ({ role: "notdb", why: `${name} (${this.rel(file)})`, project: true });
    return UNKNOWN;
  }

  /** @param {string} file @param {string} name @returns {Decl | null} */
  declOf(file, name) {
    const facts = this.project.facts(file);
    if (!facts) return null;
    return Object.prototype.hasOwnProperty.call(facts.decls, name) ? facts.decls[name] : null;
  }

  /**
   * @param {string} file
   * @param {string} name
   * @param {Origin} o
   * @returns {Kind}
   */
  valueOf(file, name, o) {
    const k = this.kind(file, o);
    if (k.role === "handle") return { ...k, why: k.why.includes(" in ") ? k.why : `${name} in ${this.rel(file)}: ${k.why}` };
    return k;
  }

  /**
   * @param {Kind} k
   * @param {OriginStep} step
   * @returns {Kind}
   */
  step(k, step) {
    switch (k.role) {
      case "pkg":
        return this.pkgStep(k, step);
      case "ns":
        return step.s === "member" ? this.exported(k.file, step.n) : { role: "notdb", why: "a module" };
      case "decl":
        return this.declStep(k, step);
      case "global":
        return this.globalStep(k, step);
      case "handle":
        return this.handleStep(k, step);
      case "builder":
        return step.s === "await" ? { role: "notdb", why: "the rows of a query" } : k;
      case "model": {
        if (step.s === "new" || step.s === "type") return { role: "instance", file: k.file, cls: k.cls, client: k.client, why: k.why };
        if (step.s !== "call" || !step.n) return step.s === "member" ? UNKNOWN : { role: "notdb", why: "" };
        const c = k.client ?? this.db.any;
        if (c.modelPassThrough.has(step.n)) return k;
        if (c.modelQueryMethods.has(step.n) || (k.file && k.cls && this.runsQuery(k.file, k.cls, step.n, true)))
          return { role: "modelQuery", file: k.file, cls: k.cls, client: k.client, why: k.why };
        return UNKNOWN;
      }
      case "modelQuery":
        return step.s === "await" ? { role: "instance", file: k.file, cls: k.cls, client: k.client, why: k.why } : { role: "notdb", why: "" };
      case "instance":
        if (step.s === "await" || step.s === "type") return k;
        if (step.s === "member" && k.file && k.cls) return this.memberOf(k.file, k.cls, step.n);
        if (step.s === "call" && step.n && k.file && k.cls) {
          const r = this.memberOf(k.file, k.cls, step.n, "rt");
          return r.role === "unknown" ? { role: "notdb", why: "" } : r;
        }
        return step.s === "member" ? UNKNOWN : { role: "notdb", why: "" };
      case "typed":
        if (step.s === "await" || step.s === "type") return k;
        if (step.s === "member") return this.memberOf(k.file, k.name, step.n);
        if (step.s === "call" && step.n) return this.memberOf(k.file, k.name, step.n, "rt");
        return UNKNOWN;
      default:
        return k;
    }
  }

  /** @param {Extract<Kind, { role: "pkg" }>} k @param {OriginStep} step @returns {Kind} */
  pkgStep(k, step) {
    const c = k.client;
    const what = `${k.q || "*"} from ${k.spec}`;
    if (step.s === "member") {
      const q = k.q ? `${k.q}.${step.n}` : step.n;
      if (c.handleValues.has(q)) return { role: "handle", client: c, why: `${q} from ${k.spec}`, declared: true };
      return { ...k, q };
    }
    if (step.s === "type") {
      if (c.handleTypes.has(k.q)) return { role: "handle", client: c, why: `typed ${k.q} from ${k.spec}`, declared: true };
      if (c.modelTypes.has(k.q)) return { role: "model", file: null, cls: null, client: c, why: `typed ${k.q} from ${k.spec}` };
      if (c.modelBases.has(k.q)) return { role: "instance", file: null, cls: null, client: c, why: `typed ${k.q} from ${k.spec}` };
      return { role: "notdb", why: `${what} is no database handle` };
    }
    if (step.s === "new" || (step.s === "call" && !step.n)) {
      if (c.factories.has(k.q))
        return {
          role: "handle",
          client: c,
          why: `created by ${step.s === "new" ? "new " : ""}${k.q === "default" ? "the default export of " + k.spec : k.q}() from ${k.spec}`,
          declared: true,
        };
      if (c.modelFactories.has(k.q)) return { role: "model", file: null, cls: null, client: c, why: `a model made by ${k.q}() from ${k.spec}` };
      return { role: "notdb", why: `made by ${what}` };
    }
    if (step.s === "call" && step.n) {
      const q = k.q ? `${k.q}.${step.n}` : step.n;
      if (c.factories.has(q)) return { role: "handle", client: c, why: `created by ${q}() from ${k.spec}`, declared: true };
      if (c.modelFactories.has(q)) return { role: "model", file: null, cls: null, client: c, why: `a model made by ${q}() from ${k.spec}` };
      return { role: "notdb", why: `returned by ${q}() from ${k.spec}` };
    }
    return { role: "notdb", why: what };
  }

  /** @param {Extract<Kind, { role: "global" }>} k @param {OriginStep} step @returns {Kind} */
  globalStep(k, step) {
    if (step.s === "type") {
      if (this.db.localType(k.name)) return { role: "handle", client: null, why: `typed ${k.name} (database.localTypes)`, declared: true };
      // A well-known handle type that nobody imports or declares (an ambient global): weak, by its name.
      if (this.db.any.handleTypes.has(k.name)) return { role: "handle", client: null, why: `typed ${k.name}`, declared: false };
      return UNKNOWN;
    }
    return UNKNOWN;
  }

  /** @param {Extract<Kind, { role: "handle" }>} k @param {OriginStep} step @returns {Kind} */
  handleStep(k, step) {
    const c = k.client ?? this.db.any;
    if (step.s === "member" || step.s === "await" || step.s === "type") return k;
    if (step.s === "call" && step.n) {
      if (c.handleMethods.has(step.n)) return k;
      if (c.queryMethods.has(step.n)) return { role: "builder", why: k.why };
      return { role: "notdb", why: `returned by ${step.n}()` };
    }
    if (step.s === "call") return c.callable ? { role: "builder", why: k.why } : { role: "notdb", why: "" };
    return { role: "notdb", why: "" };
  }

  /** @param {Extract<Kind, { role: "decl" }>} k @param {OriginStep} step @returns {Kind} */
  declStep(k, step) {
    // The project's own types that wrap a database handle (database.localTypes), whatever they are declared as.
    if (step.s === "type" && this.db.localType(k.name)) return { role: "handle", client: null, why: `typed ${k.name} (database.localTypes)`, declared: true };
    const decl = this.declOf(k.file, k.name);
    if (!decl) {
      const settled = this.undeclared(k.file, k.name);
      return settled.role === "notdb" ? settled : UNKNOWN;
    }
    if (decl.d === "value") return this.step(this.valueOf(k.file, k.name, decl.o), step);
    if (decl.d === "fn") {
      if (step.s === "call" && !step.n) return decl.r ? this.kind(k.file, decl.r) : UNKNOWN;
      return { role: "notdb", why: `the function ${k.name}` };
    }
    if (decl.d === "type") {
      if (step.s !== "type") return { role: "notdb", why: `the type ${k.name}` };
      for (const b of decl.b) {
        const base = this.kind(k.file, b);
        if (base.role === "handle" || base.role === "model" || base.role === "instance") return { ...base, why: `typed ${k.name}: ${base.why}` };
      }
      // An interface or type alias declares a contract, not what implements it: for the value itself only its
      // name can tell (its declared properties are still looked up).
      return { role: "typed", file: k.file, name: k.name, iface: true };
    }
    const info = this.classInfo(k.file, k.name);
    if (!info) return UNKNOWN;
    if (step.s === "new" || step.s === "type") return this.classInstance(k.file, k.name, info);
    return this.step(this.classValue(k.file, k.name, info), step);
  }

  /**
   * A class as a value: a model class queries through its statics; any other class is no handle.
   * @param {string} file @param {string} name @param {ClassInfo} info
   * @returns {Kind}
   */
  classValue(file, name, info) {
    if (info.kind === "model") return { role: "model", file, cls: name, client: info.client, why: info.why };
    return { role: "notdb", why: `the class ${name}`, project: true };
  }

  /**
   * An instance of a class: a row of a model, a handle (a class extending a client), or a value of a project type.
   * @param {string} file @param {string} name @param {ClassInfo} info
   * @returns {Kind}
   */
  classInstance(file, name, info) {
    if (info.kind === "model") return { role: "instance", file, cls: name, client: info.client, why: info.why };
    if (info.kind === "handle") return { role: "handle", client: info.client, why: info.why, declared: true };
    return { role: "typed", file, name, iface: false };
  }

  /**
   * Is a class a model (extends an ORM's model base or carries an entity decorator, directly or through the
   * project's own base classes), a handle (extends a client, e.g. `class PrismaService extends PrismaClient`)?
   * @param {string} file
   * @param {string} name
   * @returns {ClassInfo | null} null: not a class
   */
  classInfo(file, name) {
    const key = `${file}\u0000${name}`;
    const hit = this.classMemo.get(key);
    if (hit) return hit;
    const decl = this.declOf(file, name);
    if (!decl || decl.d !== "class") return null;
    /** @type {ClassInfo} */
    const plain = { kind: "plain", client: null, why: "", base: null };
    this.classMemo.set(key, plain); // a cycle of base classes ends as a plain class
    /** @type {ClassInfo} */
    let info = plain;
    for (const dec of decl.dec) {
      const k = this.kindNoSettle(file, dec);
      if (k.role === "pkg" && k.client.entityDecorators.has(k.q)) {
        info = { kind: "model", client: k.client, why: `${name} is a model (@${k.q} from ${k.spec})`, base: null };
        break;
      }
    }
    if (info === plain && decl.ext) {
      const k = this.kindNoSettle(file, decl.ext);
      if (k.role === "pkg") {
        const c = k.client;
        if (c.modelBases.has(k.q)) info = { kind: "model", client: c, why: `${name} extends ${k.q} from ${k.spec}`, base: null };
        else if (c.handleTypes.has(k.q) || c.factories.has(k.q)) info = { kind: "handle", client: c, why: `${name} extends ${k.q} from ${k.spec}`, base: null };
      } else if (k.role === "decl") {
        const baseInfo = this.classInfo(k.file, k.name);
        if (baseInfo && baseInfo.kind !== "plain") {
          const rest = baseInfo.why.replace(new RegExp(`^${escapeRe(k.name)} extends `), "").replace(/^(\S+) is a model \((.*)\)$/, "$1 ($2)");
          info = { ...baseInfo, why: `${name} extends ${k.name} → ${rest}`, base: { file: k.file, name: k.name } };
        } else if (baseInfo) {
          info = { ...plain, base: { file: k.file, name: k.name } };
        }
      }
    }
    this.classMemo.set(key, info);
    return info;
  }

  /**
   * The kind of an origin without settling a declaration used as a value (for `extends X` and `@X()`).
   * @param {string} file @param {Origin} o
   */
  kindNoSettle(file, o) {
    let k = this.root(file, o.root);
    for (const step of o.steps) k = this.step(k, step);
    return k;
  }

  /**
   * A field of a class (declared, a constructor parameter property, or assigned to `this.x`), or a property of
   * an interface or type, looked up through base classes and extended interfaces.
   * @param {string} file @param {string} name @param {string} field
   * @param {"f" | "rt"} table fields, or what methods return
   * @returns {Kind}
   */
  memberOf(file, name, field, table = "f") {
    for (let at = /** @type {{ file: string, name: string } | null} */ ({ file, name }), hops = 0; at && hops < 16; hops++) {
      const decl = this.declOf(at.file, at.name);
      if (!decl || (decl.d !== "class" && decl.d !== "type")) return UNKNOWN;
      const own = decl[table];
      if (own && Object.prototype.hasOwnProperty.call(own, field)) return this.kind(at.file, own[field]);
      if (decl.d === "class") {
        at = this.classInfo(at.file, at.name)?.base ?? null;
      } else {
        /** @type {{ file: string, name: string } | null} */
        let next = null;
        for (const b of decl.b) {
          const k = this.kindNoSettle(at.file, { root: b.root, steps: b.steps.filter((s) => s.s !== "type") });
          if (k.role === "decl") next = { file: k.file, name: k.name };
        }
        at = next;
      }
    }
    return UNKNOWN;
  }

  /**
   * Does a model's own method (static or instance, found on the class or a project base class) run a query?
   * `static findByClientId(id) { return this.findOne(…) }` does; so does a method that calls one that does.
   * @param {string} file @param {string} cls @param {string} method @param {boolean} isStatic
   */
  runsQuery(file, cls, method, isStatic) {
    const key = `${file}\u0000${cls}\u0000${method}\u0000${isStatic}`;
    const hit = this.methodMemo.get(key);
    if (hit !== undefined) return hit;
    this.methodMemo.set(key, false);
    let result = false;
    for (let at = /** @type {{ file: string, name: string } | null} */ ({ file, name: cls }), hops = 0; at && hops < 16; hops++) {
      const decl = this.declOf(at.file, at.name);
      if (!decl || decl.d !== "class") break;
      const body = (isStatic ? decl.st : decl.me)?.[method];
      if (body) {
        result = body.some((call) => this.isQuery(at ? at.file : file, call.o, call.m, "method").query);
        break;
      }
      at = this.classInfo(at.file, at.name)?.base ?? null;
    }
    this.methodMemo.set(key, result);
    return result;
  }

  /**
   * Does this call run a query? `declared`: decided from declarations (types cannot overturn it).
   * @param {string} file
   * @param {Origin} recv
   * @param {string} method
   * @param {QueryFact["kind"]} callKind
   * @returns {{ query: boolean, declared: boolean, why: string }}
   */
  isQuery(file, recv, method, callKind) {
    const k = this.kind(file, recv);
    const any = this.db.any;
    if (callKind !== "method") {
      if (k.role === "handle" && (k.client ?? any).callable) return { query: true, declared: k.declared, why: k.why };
      return { query: false, declared: k.role !== "unknown", why: "" };
    }
    switch (k.role) {
      case "handle": {
        const c = k.client ?? any;
        return { query: c.queryMethods.has(method), declared: k.declared, why: k.why };
      }
      case "model": {
        const c = k.client ?? any;
        const own = !c.modelQueryMethods.has(method) && !!k.file && !!k.cls && this.runsQuery(k.file, k.cls, method, true);
        return { query: c.modelQueryMethods.has(method) || own, declared: true, why: own ? `${k.why}; its ${method}() runs a query` : k.why };
      }
      case "instance": {
        const c = k.client ?? any;
        const own = !c.instanceWriteMethods.has(method) && !!k.file && !!k.cls && this.runsQuery(k.file, k.cls, method, false);
        const row = k.cls ? `a row of ${k.cls}` : "a row a model query returned";
        return { query: c.instanceWriteMethods.has(method) || own, declared: true, why: own ? `${row}; its ${method}() runs a query` : `${row}: ${k.why}` };
      }
      case "typed":
      case "unknown": {
        if (k.role === "typed" && !k.iface) return { query: false, declared: true, why: "" };
        const name = recv.as ?? "";
        const named = this.db.receiverName(name) && !this.db.nonReceiverName(name) && any.queryMethods.has(method);
        return { query: named, declared: false, why: `named ${name}` };
      }
      default:
        return { query: false, declared: !(k.role === "notdb" && k.soft), why: "" };
    }
  }

  /**
   * The receiver of a transaction candidate: a database handle ("db"), not one ("not-db"), or unknown.
   * @param {string} file
   * @param {TransactionFact} fact
   * @returns {{ verdict: TxVerdict, evidence: string, declared: boolean }}
   */
  txVerdict(file, fact) {
    if (!fact.recv) return { verdict: "db", evidence: "SQL text", declared: true };
    const k = this.kind(file, fact.recv);
    const name = fact.recv.as ?? "";
    /** @type {{ verdict: TxVerdict, evidence: string, declared: boolean }} */
    let base;
    if (k.role === "handle") base = { verdict: "db", evidence: k.why, declared: k.declared };
    else if (k.role === "unknown" || (k.role === "typed" && k.iface)) {
      base = this.db.nonReceiverName(name)
        ? { verdict: "not-db", evidence: `named ${name}`, declared: false }
        : this.db.receiverName(name)
          ? { verdict: "db", evidence: `named ${name}`, declared: false }
          : { verdict: "ambiguous", evidence: name ? `receiver ${name}` : "unknown receiver", declared: false };
    } else base = { verdict: "not-db", evidence: "declared as no database handle", declared: !(k.role === "notdb" && k.soft) };
    if (fact.kind === "generic") return base;
    // SQL text and methods only databases have are evidence themselves: only a firm "no database" stops them (a
    // listed look-alike package, a built-in, a literal, a non-receiver name), not a project class, which may
    // well wrap a database (a query runner, a unit of work).
    const firm =
      base.verdict === "not-db" &&
      (k.role === "unknown" || (k.role === "notdb" && !k.soft && !k.project) || k.role === "builder" || k.role === "instance" || k.role === "model");
    if (firm) return base;
    if (fact.kind === "flush") {
      const em = this.db.entityManager(name) || (k.role === "handle" && k.client?.id === "mikroorm");
      return em ? { ...base, verdict: "db" } : { ...base, verdict: "ambiguous" };
    }
    return { ...base, verdict: "db", evidence: base.verdict === "db" ? base.evidence : fact.kind === "sql" ? "SQL text" : "a method only databases have" };
  }
}

/** @param {string} s */
function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
