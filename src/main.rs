//! The console's wasm entry point. It mounts the standalone page only when the page asks for
//! it (`<body data-evs-standalone>`): the same wasm serves portals, which call `mount()` or
//! use `<evs-export-image>` instead (src/shell/embed.rs).
// Talc: smaller than the default dlmalloc in the wasm (see Cargo.toml).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    if evs_console::shell::standalone::requested() {
        evs_console::shell::standalone::start();
    }
}
