//! Prints the standalone page's first screen as HTML (see `shell::standalone::prerender`).
//! Run natively at build time by `scripts/prerender.mjs` (a Trunk post_build step), which
//! writes it into `index.html`: `cargo run --features prerender --bin prerender`.

fn main() {
    // Nothing asynchronous runs at build time: the effects and loads the components start
    // (the disk list, `<html lang>`) are dropped unpolled; the screen is what renders at once.
    struct Nothing;
    impl any_spawner::CustomExecutor for Nothing {
        fn spawn(&self, _: any_spawner::PinnedFuture<()>) {}
        fn spawn_local(&self, _: any_spawner::PinnedLocalFuture<()>) {}
        fn poll_local(&self) {}
    }
    if any_spawner::Executor::init_custom_executor(Nothing).is_err() {
        eprintln!("prerender: an executor was already set");
        std::process::exit(1);
    }
    print!("{}", evs_console::shell::standalone::prerender());
}
