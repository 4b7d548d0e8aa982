// Shared shapes of the engine. The code is plain ESM JavaScript checked by `tsc --checkJs` against these.
import type { CompiledPattern } from "./config/pattern.js";

export interface LayerSpec {
  id: string;
  name: string;
  /** Numeric level (2, 2.1, 4, 5, 6, 7): headers name it (`Layer: L5`) and it orders layers for "upward". */
  level: number;
  patterns: string[];
  aliases?: string[];
}

export type AllowEntry =
  | string
  | { to: string | string[]; same?: string[]; typeOnly?: boolean; targetPaths?: string[] };

export type Severity = "error" | "warning";
export type RuleSetting = "error" | "warn" | "warning" | "off";

export interface UserConfig {
  $schema?: string;
  layers?: LayerSpec[];
  allow?: Record<string, AllowEntry[]>;
  hocTree?: string[];
  include?: string[];
  exclude?: string[];
  extensions?: string[];
  maxFileBytes?: number;
  maxUnresolvedShare?: number;
  rules?: Record<string, RuleSetting>;
}

export interface CompiledAllowRule {
  same: string[];
  typeOnly: boolean;
  targetPaths: CompiledPattern[] | null;
}

export interface CompiledLayer extends LayerSpec {
  compiled: CompiledPattern[];
  /** allow rules of this layer indexed by target layer id (null: unrestricted). */
  allow: Map<string, CompiledAllowRule[]> | null;
  userWritten: boolean;
}

export interface HocConfig {
  /** Absolute directory that paths are relative to. */
  root: string;
  /** Absolute path of hoc.config.json, or null for the default profile / ESLint settings. */
  configFile: string | null;
  layers: CompiledLayer[];
  layerById: Map<string, CompiledLayer>;
  hocTree: CompiledPattern[];
  include: CompiledPattern[] | null;
  exclude: CompiledPattern[];
  extensions: string[];
  maxFileBytes: number;
  maxUnresolvedShare: number;
  /** Severity per rule id after config ("off" rules are absent). */
  rules: Map<string, Severity>;
}

export interface LayerInfo {
  layer: CompiledLayer;
  captures: Record<string, string>;
  /** "path" or "header": where the layer came from. */
  source: "path" | "header";
}

export interface Header {
  /** The raw text after "Layer:". */
  text: string;
  /** The level token, e.g. "L5" or "L2.1" (null if the header names no Lx token). */
  token: string | null;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type ImportKind = "static" | "type" | "side-effect" | "reexport" | "reexport-all" | "dynamic" | "require" | "import-equals";

export interface ImportedName {
  imported: string;
  local: string;
  typeOnly: boolean;
}

export interface ImportFact {
  specifier: string;
  kind: ImportKind;
  /** Every binding is used in types only (`import type`, inline `type`, or only used in type positions). */
  typeOnly: boolean;
  /** Named bindings, or null when the whole module is taken (namespace, side effect, dynamic, require, export *). */
  names: ImportedName[] | null;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ReExport {
  exported: string;
  imported: string;
  specifier: string;
}

export interface TopLevelStatement {
  kind: "import" | "reexport" | "side-effect-import" | "declaration" | "type-declaration" | "statement";
  what: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface FileFacts {
  header: Header | null;
  imports: ImportFact[];
  localExports: string[];
  reExports: ReExport[];
  starExports: string[];
  /** Only for index files (barrels). */
  topLevel: TopLevelStatement[] | null;
}

export interface Location {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface RelatedLocation extends Location {
  file: string;
  message: string;
}

/** What a check produces: the front ends add severity, message and fingerprint. */
export interface RawFinding extends Location {
  ruleId: string;
  messageId: string;
  data: Record<string, string>;
  /** Stable identity of the finding within its file (no line numbers), for fingerprints. */
  key: string;
  related?: RelatedLocation[];
}

export interface Finding extends Location {
  ruleId: string;
  severity: Severity;
  file: string;
  message: string;
  fingerprint: string;
  related?: RelatedLocation[];
}

export interface ScanError {
  file: string;
  message: string;
}
