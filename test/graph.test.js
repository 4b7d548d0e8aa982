// The layer graph (--format mermaid|dot, the Markdown report's picture): the same verdicts as layer-boundaries,
// and Mermaid output that Mermaid's own parser accepts (run in a jsdom window, as Mermaid needs a DOM).
import fs from "node:fs";
import { JSDOM } from "jsdom";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { REPO, tempRepo } from "./helpers/fixtures.js";
import { hocAudit, hocAuditJson } from "./helpers/cli.js";
import { audit } from "../src/api.js";

/** @type {{ parse(text: string): Promise<{ diagramType: string }> }} */
let mermaid;
beforeAll(async () => {
  const { window } = new JSDOM("");
  Object.assign(globalThis, { window, document: window.document });
  mermaid = (await import("mermaid")).default;
}, 60_000);

/** @type {string[]} */
const temps = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe.each(["layer-violations", "hoc-sample"])("the layer graph of fixtures/%s", (name) => {
  const dir = `fixtures/${name}`;

  it("counts exactly the layer-boundaries gate's violations, on the edges the findings are about", () => {
    const report = audit({ paths: [dir], cwd: REPO, graph: true });
    const graph = /** @type {NonNullable<typeof report.layers>} */ (report.layers);
    const gate = report.summary.gates.find((g) => g.id === "layer-boundaries");
    expect(graph.edges.reduce((n, e) => n + e.violations, 0)).toBe(gate?.violations);
    // Every allowed edge of the matrix is drawn, seen or not.
    expect(graph.edges.filter((e) => e.allowed && e.from !== e.to).length).toBeGreaterThan(5);
  });

  it("--format mermaid is a flowchart Mermaid's parser accepts, red crosses for the violating edges", async () => {
    const { stdout, code } = hocAudit([dir, "--format", "mermaid"], REPO);
    expect(code).toBe(name === "hoc-sample" ? 0 : 1);
    await expect(mermaid.parse(stdout)).resolves.toMatchObject({ diagramType: "flowchart-v2" });
    const crosses = stdout.split("\n").filter((l) => l.includes("--x"));
    expect(crosses.length).toBe(name === "hoc-sample" ? 0 : 10);
  });
});

describe("graph output", () => {
  it("escapes what Mermaid and DOT reserve in layer names, and still parses", async () => {
    const dir = tempRepo(
      {
        "hoc.config.json": JSON.stringify({
          layers: [
            { id: "web", name: 'API "public" <v2> | [edge] #1', level: 2, patterns: ["./src/web/**"] },
            { id: "core", name: "core (domain) {x} & y", level: 5, patterns: ["./src/core/**"] },
          ],
          allow: { web: ["core"], core: [] },
        }),
        "src/web/a.ts": 'import { b } from "../core/b";\nexport const a = b;\n',
        "src/core/b.ts": 'import { a } from "../web/a";\nexport const b = 1;\nexport const c = a;\n',
      },
      temps,
    );
    const { stdout } = hocAudit(["--format", "mermaid"], dir);
    await expect(mermaid.parse(stdout)).resolves.toMatchObject({ diagramType: "flowchart-v2" });
    expect(stdout).toContain("--x");
    const dot = hocAudit(["--format", "dot"], dir).stdout;
    expect(dot).toContain('"web" [label="L2 API \\"public\\" <v2> | [edge] #1\\n1 file"];');
    expect(dot).toContain('"core" -> "web" [label="1 violation", color=red');
    expect(dot.trim().endsWith("}")).toBe(true);
  });

  it("a broken Mermaid text is refused by the parser (the test can fail)", async () => {
    await expect(mermaid.parse('flowchart TD\n  L0["open --> L1\n')).rejects.toThrow();
  });

  it("the Markdown report embeds the same Mermaid graph", () => {
    const md = hocAudit(["fixtures/layer-violations", "--format", "markdown"], REPO).stdout;
    const graph = hocAudit(["fixtures/layer-violations", "--format", "mermaid"], REPO).stdout;
    expect(md).toContain(`## Layers`);
    expect(md).toContain("```mermaid\n" + graph + "```");
  });

  it("the JSON report stays the brief's object (no graph unless asked)", () => {
    expect(hocAuditJson(["fixtures/hoc-sample"], REPO).report.layers).toBeUndefined();
  });
});
