// Builds dist/: widget.js (one file, styles inside) and the pages in public/.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";

const dist = new URL("./dist/", import.meta.url);
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: ["src/main.ts"],
  bundle: true,
  format: "iife",
  target: ["es2020", "chrome100", "firefox100", "safari15"],
  minify: true,
  sourcemap: "linked",
  legalComments: "linked",
  loader: { ".css": "text" },
  outfile: "dist/widget.js",
  logLevel: "warning",
});
cpSync(new URL("./public/", import.meta.url), dist, { recursive: true });
console.log("widget: built dist/");
