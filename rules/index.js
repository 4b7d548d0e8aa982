import layerBoundaries from "./layer-boundaries.js";
import layerHeader from "./layer-header.js";
import barrelHygiene from "./barrel-hygiene.js";

/** Rules by their name inside the plugin (`hoc/<name>`). */
export const rules = {
  "layer-boundaries": layerBoundaries,
  "layer-header": layerHeader,
  "barrel-hygiene": barrelHygiene,
};
