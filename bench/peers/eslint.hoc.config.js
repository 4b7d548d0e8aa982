// ESLint with eslint-plugin-hoc's recommended preset. HOC_BENCH_CONFIG may name a hoc.config.json (a corpus
// that is not laid out the HOC way); it is passed as settings.hoc. HOC_BENCH_CACHE may name the fact cache of a
// `hoc-audit --cache` run, which the rules then read (as a team's hoc.config.json `cache` key would have them).
import fs from "node:fs";
import hoc from "../../eslint-plugin.js";

const file = process.env.HOC_BENCH_CONFIG;
const cache = process.env.HOC_BENCH_CACHE;
const user = file ? JSON.parse(fs.readFileSync(file, "utf8")) : null;
const settings = user || cache ? { hoc: { ...(user ?? {}), ...(cache ? { cache } : {}), root: process.cwd() } } : {};
export default [{ ...hoc.configs.recommended, ignores: ["**/*.d.ts"] }, { settings }];
