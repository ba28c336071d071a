// web_node.mjs - the model compiled to WebAssembly against the native
// build (make test-web): build/web/core.wasm instantiated in node with
// stub wasi imports, the packed Liverpool scenario loaded (written by
// build/test_web), run, and its answer compared byte for byte with the
// native bs_web_run's (also written by build/test_web, "ms" made 0): the
// row totals.gap_after_m first, then the whole answer.
//
// usage: node tests/web_node.mjs CORE.wasm SCENARIO.pack NATIVE.json
import { readFileSync } from "node:fs";

const [wasmPath, packPath, nativePath] = process.argv.slice(2);
if (!nativePath) {
  console.error("usage: node tests/web_node.mjs CORE.wasm SCENARIO.pack NATIVE.json");
  process.exit(2);
}
const fail = (msg) => { console.error(`web_node: FAIL: ${msg}`); process.exit(1); };

// The module imports fd_close, fd_seek and fd_write only (Makefile); the model never writes.
const wasi = { fd_close: () => 0, fd_seek: () => 70, fd_write: () => 0 };
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { wasi_snapshot_preview1: wasi });
const x = instance.exports;
const mem = () => new Uint8Array(x.memory.buffer);
const cstr = (p) => { const m = mem(); let e = p; while (m[e]) e++; return new TextDecoder().decode(m.subarray(p, e)); };
const put = (bytes) => { const p = x.bs_web_alloc(bytes.length + 1); mem().set(bytes, p); mem()[p + bytes.length] = 0; return p; };

const pack = readFileSync(packPath);
const p = put(pack);
const slot = x.bs_web_load(p, pack.length);
x.bs_web_free(p);
if (slot !== 0) fail(`bs_web_load gave ${slot}: ${cstr(x.bs_web_error())}`);
const r = x.bs_web_run(0);
if (!r) fail(`bs_web_run: ${cstr(x.bs_web_error())}`);
const wasmText = cstr(r).replace(/,"ms":[^,}]*}$/, ',"ms":0}');
const nativeText = readFileSync(nativePath, "utf8");
const row = (t) => (t.match(/"totals\.gap_after_m":\[[^\]]*\]/) || [""])[0];
if (!row(nativeText)) fail("no totals.gap_after_m in the native answer");
if (row(wasmText) !== row(nativeText)) fail(`totals.gap_after_m: wasm ${row(wasmText)}, native ${row(nativeText)}`);
console.log(`web_node: ${row(wasmText)} in both`);
if (wasmText !== nativeText) {
  let i = 0;
  while (wasmText[i] === nativeText[i]) i++;
  fail(`the answers differ from byte ${i}: wasm ...${wasmText.slice(i, i + 80)}, native ...${nativeText.slice(i, i + 80)}`);
}
JSON.parse(wasmText);
// a change, as the page makes it: the core rise of 2023/24 at 3%
// (budgetsim run ... --set council_tax.core_rise_pct@2023=3 gives 41.76451573 in 2023/24)
const path = put(new TextEncoder().encode("council_tax.core_rise_pct@2023"));
if (x.bs_web_set(0, path, 3) !== 0) fail(`bs_web_set: ${cstr(x.bs_web_error())}`);
if (x.bs_web_set(0, path, 300) !== -1) fail("300% accepted");
const refused = cstr(x.bs_web_error());
if (refused !== "council_tax.core_rise_pct@2023: must be between -50% and 100%, not 300") fail(`refused with: ${refused}`);
x.bs_web_free(path);
const gap = JSON.parse(cstr(x.bs_web_run(0))).rows["totals.gap_after_m"][1];
if (Math.abs(gap - 41.76451573) > 1e-8) fail(`gap after the change ${gap}, expected 41.76451573`);
const levers = JSON.parse(cstr(x.bs_web_levers(0)));
console.log(`web_node: ok: ${wasmText.length} bytes the same, ${levers.length} levers, module ${readFileSync(wasmPath).length} bytes`);
