// @typescript-eslint/rule-tester needs the test framework's hooks; vitest provides them.
import { RuleTester } from "@typescript-eslint/rule-tester";
import { afterAll, describe, it } from "vitest";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// The fact cache's key lives in the user's cache folder: tests get their own, never the developer's or CI's.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
if (!process.env.HOC_TEST_KEEP_CACHE_HOME) process.env.XDG_CACHE_HOME = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-cache-home-"));
delete process.env.HOC_CACHE_KEY;
