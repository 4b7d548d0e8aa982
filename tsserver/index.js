// The TypeScript language-service plugin: `"plugins": [{ "name": "eslint-plugin-hoc/tsserver" }]` in a tsconfig's
// compilerOptions. tsserver loads plugins with require(), so this entry is CommonJS; the plugin itself is the
// package's ES module (require() of an ES module needs Node 20.19+ or 22.12+, which current editors ship).
"use strict";

/** @param {{ typescript: typeof import("typescript") }} modules */
function init(modules) {
  return {
    /** @param {import("typescript").server.PluginCreateInfo} info */
    create(info) {
      try {
        const { createHocPlugin } = require("../src/tsserver/plugin.js");
        return createHocPlugin(modules.typescript, info);
      } catch (e) {
        // A plugin that cannot start never breaks the editor: tsserver's own service, and one line in its log.
        info.project.projectService.logger.info(`[eslint-plugin-hoc] not started: ${e instanceof Error ? e.message : String(e)}`);
        return info.languageService;
      }
    },
  };
}

module.exports = init;
