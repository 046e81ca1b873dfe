// Trunk's one post_build hook: the steps in order (Trunk may run separate hooks of one stage
// side by side, and each step needs the previous one's output).
await import('./prerender.mjs'); // the first screen into index.html; stylesheet inlined (release)
await import('./boot-external.mjs'); // boot script out of index.html; CSP meta with the style's hash (release)
await import('./embed-module.mjs'); // <evs-export-image> module next to the glue
await import('./minify-glue.mjs'); // the wasm-bindgen glue minified, its SRI hash updated (release)
await import('./precompress.mjs'); // .br/.gz siblings (release)
