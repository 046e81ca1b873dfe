//! The standalone console page: mounts the app on <body>.
fn main() {
    evs_console::start();
}
