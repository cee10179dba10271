//! Stage `render`: templates + JSON data → Typst → PDF.

pub mod compile;
pub mod fonts;
pub mod templates;
pub mod world;

pub use compile::{PdfKind, compile, export};
pub use templates::Templates;
pub use world::RenderWorld;
