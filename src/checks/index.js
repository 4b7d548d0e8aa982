// Every rule of the plugin, by id. A rule is a pure check over the project model's facts; the ESLint rules
// in rules/ and the hoc-audit CLI both run exactly these.
import { layerBoundaries } from "./layer-boundaries.js";
import { layerHeader } from "./layer-header.js";
import { barrelHygiene } from "./barrel-hygiene.js";

/** @typedef {typeof layerBoundaries | typeof layerHeader | typeof barrelHygiene} Rule */

/** @type {Map<string, Rule>} */
export const RULES = new Map([layerBoundaries, layerHeader, barrelHygiene].map((r) => [r.id, r]));
