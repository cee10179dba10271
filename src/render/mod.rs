//! Stage `render`: templates + JSON data → Typst → PDF.

pub mod assemble;
pub mod bundle;
pub mod cache;
pub mod compile;
pub mod data;
pub mod email;
pub mod fonts;
mod letter_images;
pub mod merge;
pub mod payment_qr;
pub mod pdf_copy;
pub mod pieces;
pub mod templates;
pub mod world;

pub use assemble::{MERGED_NAME, Rendered, RenderedFile, assemble, render};
pub use compile::{PdfKind, compile, export};
pub use templates::Templates;
pub use world::RenderWorld;
