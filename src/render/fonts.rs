//! Fonts embedded in the binary, loaded once per process and shared by every World and thread.

use std::sync::LazyLock;

use typst_kit::fonts::{FontStore, embedded};

/// Libertinus Serif, New Computer Modern and DejaVu Sans Mono, from typst-assets: no system lookup,
/// so a document looks the same on every machine.
static FONTS: LazyLock<FontStore> = LazyLock::new(|| {
    let mut store = FontStore::new();
    store.extend(embedded());
    store
});

pub fn fonts() -> &'static FontStore {
    &FONTS
}
