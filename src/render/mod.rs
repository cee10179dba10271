//! Stage `render`: templates + JSON data → Typst → PDF.

pub mod assemble;
pub mod bundle;
pub mod cache;
pub mod compile;
pub mod data;
pub mod dossier;
pub mod email;
pub mod fonts;
pub mod join;
mod letter_images;
pub mod long;
pub mod merge;
mod output;
pub mod payment_qr;
pub mod pdf_copy;
pub mod pieces;
pub mod templates;
pub mod world;

pub use assemble::{assemble, render, render_with};
pub use compile::{PdfKind, compile, export};
pub use long::Slicing;
pub use output::{MERGED_NAME, Rendered, RenderedFile};
pub use templates::Templates;
pub use world::RenderWorld;
