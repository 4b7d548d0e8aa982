// Which layer a file belongs to: its path (first matching layer pattern), overridden by a `// Layer:` header.

/** @typedef {import("../types.js").HocConfig} HocConfig */
/** @typedef {import("../types.js").CompiledLayer} CompiledLayer */
/** @typedef {import("../types.js").Header} Header */
/** @typedef {import("../types.js").LayerInfo} LayerInfo */

/**
 * @param {HocConfig} config
 * @param {string} relPath posix path relative to the config root
 * @returns {{ layer: CompiledLayer, captures: Record<string, string> } | null}
 */
export function layerFromPath(config, relPath) {
  if (relPath.startsWith("../")) return null;
  for (const layer of config.layers) {
    for (const pattern of layer.compiled) {
      const captures = pattern.match(relPath);
      if (captures) return { layer, captures };
    }
  }
  return null;
}

/** @param {string} s */
const words = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, " ")
    .trim();

/**
 * The layer a header names, or null if it names none we know.
 * @param {HocConfig} config
 * @param {Header} header
 * @param {CompiledLayer | null} pathLayer used to settle a level shared by several layers (L5 engine / L5 schema)
 * @returns {CompiledLayer | null}
 */
export function layerFromHeader(config, header, pathLayer) {
  // An exact layer id wins ("L5.schema"), except a bare level ("L5"), which several layers may share.
  const bareLevel = /^L\d+(\.\d+)?$/i.test(header.text);
  const byId = bareLevel ? undefined : config.layers.find((l) => l.id.toLowerCase() === header.text.toLowerCase());
  if (byId) return byId;
  const text = ` ${words(header.text)} `;
  /** @param {CompiledLayer} l */
  const named = (l) => [l.name, ...(l.aliases ?? [])].some((a) => text.includes(` ${words(a)} `));
  let candidates = config.layers;
  if (header.token) {
    const level = Number(header.token.slice(1));
    candidates = config.layers.filter((l) => l.level === level);
    if (candidates.length === 0) return null;
    if (pathLayer && candidates.includes(pathLayer)) return pathLayer;
    return candidates.find(named) ?? candidates[0];
  }
  return candidates.find(named) ?? null;
}

/**
 * @param {HocConfig} config
 * @param {string} relPath
 * @param {Header | null} header
 * @returns {LayerInfo | null}
 */
export function classify(config, relPath, header) {
  const fromPath = layerFromPath(config, relPath);
  if (header) {
    const fromHeader = layerFromHeader(config, header, fromPath?.layer ?? null);
    if (fromHeader && fromHeader !== fromPath?.layer) {
      return { layer: fromHeader, captures: fromPath?.captures ?? {}, source: "header" };
    }
  }
  return fromPath ? { ...fromPath, source: "path" } : null;
}
