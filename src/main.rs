//! The console's wasm entry point. It mounts the standalone page only when the page asks for
//! it (`<body data-evs-standalone>`): the same wasm serves portals, which call `mount()` or
//! use `<evs-export-image>` instead (src/shell/embed.rs).
fn main() {
    if evs_console::shell::standalone::requested() {
        evs_console::shell::standalone::start();
    }
}
