//! The creditor's letterhead logo and signature image (`creancier.logo`, `creancier.signature`,
//! usually from the profile `recouvre.yaml`): read once per compilation, then named in the
//! `creancier` data of every document, where the letters' templates print them.

use super::bundle::Bundle;
use super::data::PartData;
use super::pieces;
use crate::case::model::{Case, FileRef};
use crate::diag::Diagnostics;
use crate::inputs::Files;

/// The virtual paths templates read the images from (`creancier.logo`, `creancier.signature_image`).
#[derive(Debug, Default)]
pub struct LetterImages {
    logo: Option<String>,
    signature: Option<String>,
}

/// Reads the creditor's images into the bundle; an unreadable one is a problem, located at its field.
pub fn load(case: &Case, files: &Files, bundle: &mut Bundle, problems: &mut Diagnostics) -> LetterImages {
    let mut read = |file: Option<&FileRef>| {
        let file = file?;
        match pieces::load(files, &file.path, file.kind, &file.relative) {
            Ok(loaded) => Some(bundle.add_file(loaded.extension(), loaded.bytes)),
            Err(d) => {
                problems.push(d.field(file.field.clone()));
                None
            }
        }
    };
    LetterImages { logo: read(case.creditor.logo.as_ref()), signature: read(case.creditor.signature_image.as_ref()) }
}

impl LetterImages {
    /// Names the images in a document's `creancier`.
    pub fn add_to(&self, data: &mut PartData) {
        let Some(creditor) = data.creditor_mut() else { return };
        creditor.logo.clone_from(&self.logo);
        creditor.signature_image.clone_from(&self.signature);
    }
}
