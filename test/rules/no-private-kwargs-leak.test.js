import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";

const rule = plugin.rules["no-private-kwargs-leak"];
import { fixture } from "../helpers/fixtures.js";

const root = fixture("private-keys");
const handler = path.join(root, "src/hoc/cus/hoc_spine/orchestrator/handlers/integrations_handler.ts");
const header = `import { IntegrationsFacade } from "../../../integrations/L5_engines/integrations_facade";
import type { OperationContext } from "../../schemas/context";
declare const facade: IntegrationsFacade;
declare function stripInternalKeys(p: Record<string, unknown>): Record<string, unknown>;
`;
const at = (line) => line + 4;

new RuleTester().run("no-private-kwargs-leak (syntactic)", rule, {
  valid: [
    {
      name: "named fields",
      filename: handler,
      code: `${header}export const f = (ctx: OperationContext) => facade.disable(ctx.tenantId, { integrationId: String(ctx.params.id) });`,
    },
    {
      name: "sanitizer, directly and before a rest",
      filename: handler,
      code: `${header}export async function f(ctx: OperationContext) {
  await facade.update(stripInternalKeys(ctx.params));
  const { method, ...rest } = stripInternalKeys(ctx.params);
  await facade.update({ ...rest, method });
}`,
    },
    {
      name: "reassigned through the sanitizer",
      filename: handler,
      code: `${header}export async function f(ctx: OperationContext) {
  let p = ctx.params;
  p = stripInternalKeys(p);
  await facade.update(p);
}`,
    },
    {
      name: "inline filters that drop `_` keys",
      filename: handler,
      code: `${header}export async function f(ctx: OperationContext) {
  await facade.update(Object.fromEntries(Object.entries(ctx.params).filter(([k]) => !k.startsWith("_"))));
  await facade.update(Object.fromEntries(Object.entries(ctx.params).filter(([key, v]) => key[0] !== "_" && v !== undefined)));
  await facade.update(Object.fromEntries(Object.entries(ctx.params).filter(([k]) => !/^_/.test(k))));
}`,
    },
    {
      name: "params to something that is not a facade; a facade given other data",
      filename: handler,
      code: `${header}declare const logger: { info(o: unknown): void };
export async function f(ctx: OperationContext) {
  logger.info(ctx.params);
  const other = { a: 1 };
  await facade.update({ ...other, tenantId: ctx.tenantId });
}`,
    },
    {
      name: "a parameter named params that is not the request's",
      filename: handler,
      code: `${header}export const f = (params: Record<string, unknown>) => facade.update(params);`,
    },
    {
      name: "an import from a module that is not a facade module",
      filename: handler,
      code: `import audit from "../../services/audit_log";
import type { OperationContext } from "../../schemas/context";
export const f = (ctx: OperationContext) => audit.record(ctx.params);`,
    },
  ],
  invalid: [
    {
      name: "the params object, also through a context typed parameter with another name",
      filename: handler,
      code: `${header}export const f = (op: OperationContext) => facade.update(op.params);`,
      errors: [
        {
          messageId: "leakParams",
          line: at(1),
          suggestions: [
            { messageId: "wrapInSanitizer", output: `${header}export const f = (op: OperationContext) => facade.update(stripInternalKeys(op.params));` },
          ],
        },
      ],
    },
    {
      name: "a spread, with its suggestion",
      filename: handler,
      code: `${header}export const f = (ctx: OperationContext) => facade.update({ source: "api", ...ctx.params });`,
      errors: [
        {
          messageId: "leakSpread",
          line: at(1),
          suggestions: [
            {
              messageId: "wrapInSanitizer",
              output: `${header}export const f = (ctx: OperationContext) => facade.update({ source: "api", ...stripInternalKeys(ctx.params) });`,
            },
          ],
        },
      ],
    },
    {
      name: "a rest after naming keys, and a copy with one key deleted",
      filename: handler,
      code: `${header}export async function f(ctx: OperationContext) {
  const { _invariantMode, tenantId, ...rest } = ctx.params;
  await facade.update(rest);
  const copy = { ...ctx.params };
  delete copy.method;
  await facade.update(copy);
}`,
      errors: [
        {
          messageId: "leakRest",
          line: at(3),
          suggestions: [
            {
              messageId: "wrapInSanitizer",
              output: `${header}export async function f(ctx: OperationContext) {
  const { _invariantMode, tenantId, ...rest } = ctx.params;
  await facade.update(stripInternalKeys(rest));
  const copy = { ...ctx.params };
  delete copy.method;
  await facade.update(copy);
}`,
            },
          ],
        },
        {
          messageId: "leakCopy",
          line: at(6),
          suggestions: [
            {
              messageId: "wrapInSanitizer",
              output: `${header}export async function f(ctx: OperationContext) {
  const { _invariantMode, tenantId, ...rest } = ctx.params;
  await facade.update(rest);
  const copy = { ...ctx.params };
  delete copy.method;
  await facade.update(stripInternalKeys(copy));
}`,
            },
          ],
        },
      ],
    },
    {
      name: "explicit `_` keys, directly and through a variable; tenantId twice",
      filename: handler,
      code: `${header}export async function f(ctx: OperationContext) {
  await facade.update({ _trace: true });
  const opts = { id: 1, _dryRun: true };
  await facade.update(opts);
  await facade.update({ ...ctx.params, tenantId: ctx.tenantId });
}`,
      errors: [
        { messageId: "privateKey", line: at(2) },
        { messageId: "privateKey", line: at(4) },
        {
          messageId: "leakSpread",
          line: at(5),
          suggestions: [
            {
              messageId: "wrapInSanitizer",
              output: `${header}export async function f(ctx: OperationContext) {
  await facade.update({ _trace: true });
  const opts = { id: 1, _dryRun: true };
  await facade.update(opts);
  await facade.update({ ...stripInternalKeys(ctx.params), tenantId: ctx.tenantId });
}`,
            },
          ],
        },
        { messageId: "duplicateReserved", line: at(5) },
      ],
    },
    {
      name: "an instance imported from a facade module, whatever its local name",
      filename: handler,
      code: `import integrations from "../../../integrations/L5_engines/integrations_facade";
import type { OperationContext } from "../../schemas/context";
export const f = (ctx: OperationContext) => integrations.update(ctx.params);`,
      // The sanitizer is not in scope here: the suggestion imports it from the module that exports it.
      errors: [
        {
          messageId: "leakParams",
          line: 3,
          suggestions: [
            {
              messageId: "wrapInSanitizer",
              output: `import integrations from "../../../integrations/L5_engines/integrations_facade";
import type { OperationContext } from "../../schemas/context";
import { stripInternalKeys } from "../../utilities/strip_internal_keys";
export const f = (ctx: OperationContext) => integrations.update(stripInternalKeys(ctx.params));`,
            },
          ],
        },
      ],
    },
    {
      name: "a facade from a factory and from a class property, and an unfiltered Object.entries copy",
      filename: handler,
      code: `${header}declare function getBillingFacade(): { charge(o: unknown): void };
export class H {
  constructor(private readonly billing: IntegrationsFacade) {}
  run(ctx: OperationContext) {
    getBillingFacade().charge(Object.fromEntries(Object.entries(ctx.params)));
    this.billing.update(ctx.params);
  }
}`,
      errors: [
        {
          messageId: "leakCopy",
          line: at(5),
          suggestions: [
            {
              messageId: "wrapInSanitizer",
              output: `${header}declare function getBillingFacade(): { charge(o: unknown): void };
export class H {
  constructor(private readonly billing: IntegrationsFacade) {}
  run(ctx: OperationContext) {
    getBillingFacade().charge(stripInternalKeys(Object.fromEntries(Object.entries(ctx.params))));
    this.billing.update(ctx.params);
  }
}`,
            },
          ],
        },
        {
          messageId: "leakParams",
          line: at(6),
          suggestions: [
            {
              messageId: "wrapInSanitizer",
              output: `${header}declare function getBillingFacade(): { charge(o: unknown): void };
export class H {
  constructor(private readonly billing: IntegrationsFacade) {}
  run(ctx: OperationContext) {
    getBillingFacade().charge(Object.fromEntries(Object.entries(ctx.params)));
    this.billing.update(stripInternalKeys(ctx.params));
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});

new RuleTester({ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } } }).run("no-private-kwargs-leak (type-aware)", rule, {
  valid: [
    {
      name: "a rest of a closed type without `_` or reserved keys",
      filename: handler,
      code: `${header}import type { DisableRequest } from "../../schemas/context";
export async function f(ctx: OperationContext) {
  const { method, ...options } = ctx.params as unknown as DisableRequest;
  await facade.disable(ctx.tenantId, options);
}`,
    },
  ],
  invalid: [
    {
      name: "a rest of a closed type that still has tenantId",
      filename: handler,
      code: `${header}export async function f(ctx: OperationContext) {
  const { method, ...options } = ctx.params as unknown as { method: string; tenantId: string; integrationId: string };
  await facade.disable(ctx.tenantId, options);
}`,
      errors: [
        {
          messageId: "leakRest",
          line: at(3),
          suggestions: [
            {
              messageId: "wrapInSanitizer",
              output: `${header}export async function f(ctx: OperationContext) {
  const { method, ...options } = ctx.params as unknown as { method: string; tenantId: string; integrationId: string };
  await facade.disable(ctx.tenantId, stripInternalKeys(options));
}`,
            },
          ],
        },
      ],
    },
  ],
});
