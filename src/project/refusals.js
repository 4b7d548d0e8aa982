// When a scan cannot be trusted, both front ends refuse it with the same one-line error: a layer pattern the user
// wrote that matches no file (a renamed folder, a typo), or a tree with no HOC-shaped file at all (the wrong root,
// or a config that describes someone else's layout). hoc-audit exits 2; ESLint stops with the message.
import path from "node:path";
import { ConfigError } from "../config/config-error.js";
import { layerFromPath } from "./classify.js";
import { toPosix } from "./tsconfig.js";

/**
 * @param {import("./project.js").Project} project
 * @param {string[]} files every file of the scan
 * @param {boolean} wholeRoot the whole root was scanned (only then can a pattern be said to match nothing)
 * @returns {ConfigError | null}
 */
export function refusal(project, files, wholeRoot) {
  const { config } = project;
  const rels = files.map((f) => project.rel(f));
  if (wholeRoot) {
    const unmatched = [];
    for (const layer of config.layers) {
      if (!layer.userWritten) continue;
      for (const pattern of layer.compiled) if (!rels.some((r) => pattern.match(r))) unmatched.push(`layer "${layer.id}" pattern "${pattern.source}"`);
    }
    if (unmatched.length > 0)
      return new ConfigError(`${config.configFile ?? "ESLint settings.hoc"}: ${unmatched.join(", ")} matches no file; fix the pattern or remove it`);
  }
  // By path first (no parse); a `// Layer:` header can make a file HOC-shaped too. With the default profile the
  // shape is the HOC tree itself: a frontend's `app/models` folder alone does not make a monorepo root HOC.
  const userLayers = config.layers.some((l) => l.userWritten);
  const shaped = userLayers
    ? rels.some((r) => layerFromPath(config, r)) || files.some((f) => project.layerOf(f))
    : files.some((f) => project.inHocTree(f) && project.layerOf(f));
  if (!shaped) {
    const where = toPosix(path.relative(process.cwd(), config.root)) || ".";
    return new ConfigError(
      `${where}: no HOC-shaped file found in ${files.length} scanned files (${userLayers ? "no path matched a layer pattern" : "no layer file in a hoc/ tree"}); ` +
        "point hoc-audit (or ESLint's hoc.config.json / settings.hoc.root) at the folder that holds hoc/, or describe your layers in hoc.config.json",
    );
  }
  return null;
}
