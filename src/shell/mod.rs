//! The ways the console reaches a page: the standalone console page, and the embedding API
//! for portals (`mount()`, its options and events, and the `<evs-export-image>` element's
//! hooks). The only layer that knows about both.

pub mod embed;
pub mod standalone;
