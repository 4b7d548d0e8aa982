// ESLint with eslint-plugin-hoc's recommended preset. HOC_BENCH_CONFIG may name a hoc.config.json (a corpus
// that is not laid out the HOC way); it is passed as settings.hoc.
import fs from "node:fs";
import hoc from "../../eslint-plugin.js";

const file = process.env.HOC_BENCH_CONFIG;
const settings = file ? { hoc: { ...JSON.parse(fs.readFileSync(file, "utf8")), root: process.cwd() } } : {};
export default [{ ...hoc.configs.recommended, ignores: ["**/*.d.ts"] }, { settings }];
