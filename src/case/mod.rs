//! Stage `case`: the YAML case file, its model, its loading and its JSON Schema.

pub mod enforcement;
mod file_ref;
pub mod load;
pub mod locate;
pub mod model;
mod node_de;
mod parties;
pub mod path;
mod procedure;
pub mod profile;
pub mod raw;
mod raw_parties;
mod raw_procedure;
pub mod raw_routes;
pub mod raw_title;
mod read;
pub mod routes;
pub mod schema;
pub mod values;
pub mod yaml;

pub use load::{Loaded, load, load_str};
