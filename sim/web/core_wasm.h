/* core_wasm.h - the bytes `budgetsim publish` writes into its page: the
 * model compiled to WebAssembly (build/web/core.wasm) and the page
 * template (sim/web/page.html), each turned into a C array by
 * scripts/embed at build time (build/web/core_wasm.c, page_html.c).
 * bs_page_html is followed by a NUL not counted in bs_page_html_len.
 *
 * This file may use: the C library. */
#ifndef BS_CORE_WASM_H
#define BS_CORE_WASM_H

extern const unsigned char bs_core_wasm[];
extern const unsigned long bs_core_wasm_len;
extern const unsigned char bs_page_html[];
extern const unsigned long bs_page_html_len;

#endif
