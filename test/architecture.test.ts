// The layer rule of STYLE.md §2: imports point down (cli → io → actors → compiler), runtime calls stay in runtime.ts.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, test } from "node:test";

const root = join(import.meta.dirname, "..");
const layers = ["compiler", "actors", "io", "cli"] as const;
const allowedPackages: Record<string, readonly string[]> = {
  compiler: ["smol-toml", "mdast-util-from-markdown", "jsonpath-plus", "croner", "effect"],
  actors: ["xstate"],
  io: [
    "effect", "mqtt", "prom-client", "smol-toml", "@serialport/stream", "@modelcontextprotocol/sdk", "@statelyai/inspect",
    "ws",
  ],
  cli: [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g)]
    .map((m) => m[1] ?? m[2] ?? "");
}

function layerOf(file: string): string {
  return relative(join(root, "src"), file).split("/")[0] ?? "";
}

describe("architecture", () => {
  const files = sourceFiles(join(root, "src"));

  test("imports only point down the layers: cli → io → actors → compiler", () => {
    for (const file of files) {
      const layer = layerOf(file);
      const rank = layers.indexOf(layer as (typeof layers)[number]);
      if (rank < 0) continue; // main.ts is the composition root
      for (const specifier of importsOf(file)) {
        if (!specifier.startsWith(".")) continue;
        const target = layerOf(join(file, "..", specifier));
        const targetRank = layers.indexOf(target as (typeof layers)[number]);
        assert.ok(targetRank <= rank, `${relative(root, file)} imports ${specifier} (${layer} → ${target})`);
      }
    }
  });

  test("each layer imports only its allowed packages and node: built-ins", () => {
    for (const file of files) {
      const layer = layerOf(file);
      const allowed = allowedPackages[layer];
      if (allowed === undefined || layer === "cli") continue;
      for (const specifier of importsOf(file)) {
        if (specifier.startsWith(".")) continue;
        if (specifier.startsWith("node:")) {
          assert.notEqual(layer, "compiler", `${relative(root, file)} imports ${specifier}: compiler/ is pure`);
          continue;
        }
        const name = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];
        assert.ok(allowed.includes(name ?? ""), `${relative(root, file)} imports ${specifier}`);
      }
    }
  });

  test("Bun., Deno. and bun: appear only in src/io/runtime.ts", () => {
    for (const file of files) {
      if (file.endsWith(join("io", "runtime.ts"))) continue;
      const text = readFileSync(file, "utf8");
      assert.doesNotMatch(text, /\bBun\.|\bDeno\.|"bun:/, relative(root, file));
    }
  });

  test("compiler/ and actors/ never read the clock", () => {
    for (const file of files.filter((f) => ["compiler", "actors"].includes(layerOf(f)))) {
      assert.doesNotMatch(readFileSync(file, "utf8"), /Date\.now\(|new Date\(\)|performance\.now\(/, relative(root, file));
    }
  });
});
