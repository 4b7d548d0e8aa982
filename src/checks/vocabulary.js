// The words messages use for the project's own layout, from its config: never HOC's names where a config renamed
// them (a controllers/services/repositories layout hears about its service layer, not "L4").
/**
 * The names the messages use for the project's own layout: its orchestration layer(s) (level 4, e.g. `L4 spine`,
 * or `service`), how it dispatches (`registry.execute`), and where shared types go. Never HOC's names for a
 * layout that renamed them.
 * @param {import("../project/project.js").Project} project
 */
export function vocabulary(project) {
  const { config } = project;
  const cached = vocabularyCache.get(config);
  if (cached) return cached;
  const spines = [...config.layerById.values()].filter((l) => l.level === 4).map((l) => l.name);
  const receiver = (config.operations.registryReceivers[0] ?? "registry").replace(/[*?]/g, "") || "registry";
  const method = config.operations.dispatchMethods[0] ?? "execute";
  const { user } = config.source;
  // An operation registry is how the project crosses layers when it is laid out the HOC way (the default layers)
  // or says how it registers operations (an \`operations\` key); otherwise advice names its own layers only.
  const dispatches = !config.layers.some((l) => l.userWritten) || user.operations !== undefined;
  const shared = dispatches || user.spinePurity?.schemaPaths ? config.spinePurity.schemaPaths.map((p) => p.source.replace(/\/\*\*$/, "")) : [];
  const drivers = [...config.layerById.values()].filter((l) => l.level === 6).map((l) => l.name);
  const words = {
    spine: spines.length > 0 ? spines.join(" or ") : "the orchestration layer",
    drivers: drivers.length > 0 ? drivers.join(" or ") : "the data-access layer",
    dispatch: `${receiver}.${method}`,
    dispatches,
    sharedTypes: shared.length > 0 ? shared.join(" or ") : "a layer both may import",
  };
  vocabularyCache.set(config, words);
  return words;
}

/** @type {WeakMap<object, { spine: string, drivers: string, dispatch: string, dispatches: boolean, sharedTypes: string }>} */
const vocabularyCache = new WeakMap();
