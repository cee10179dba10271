//! The fingerprint of a build's inputs: case file, every file it names, templates, rates,
//! options and recouvre's version. Same fingerprint, same dossier: a batch skips the build.

use sha2::{Digest, Sha256};

use super::{Engine, Prepared, Request};

pub fn inputs_fingerprint(engine: &Engine, prepared: &Prepared, request: &Request) -> String {
    let case = &prepared.case;
    let mut h = Sha256::new();
    let mut field = |name: &str, bytes: &[u8]| {
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field("version", env!("CARGO_PKG_VERSION").as_bytes());
    // The bytes the build was made from, as read once by `case::load`.
    let bytes_of = |path| prepared.files.read(path).map(|f| f.bytes.clone()).unwrap_or_else(|_| Vec::new().into());
    field("case", &bytes_of(&case.source.file));
    if let Some(profile) = &case.source.profile {
        // Added only when there is one, so that a case without a profile stays up to date.
        field("profil", &bytes_of(profile));
    }
    for file in case.referenced_files() {
        // The bytes the check read and the render embeds: the manifest's hash is the same.
        let digest = prepared.files.read(&file.path).map(|f| f.sha256.clone()).unwrap_or_default();
        field(&file.relative, digest.as_bytes());
    }
    for (name, template) in engine.templates.iter() {
        field(name, template.bytes.as_slice());
    }
    field("rates", engine.rates_file.as_deref().unwrap_or_default());
    let step = option_text(request.step.map(|s| s.code()));
    let destination = option_text(request.destination.map(|d| d.code()));
    field("step", format!("{step}/{destination}").as_bytes());
    if request.email {
        // Added only when asked, so that a dossier built without it stays up to date.
        field("courriel", b"1");
    }
    if !case.computed_on_given {
        // Without date_calcul the result depends on the day of the run.
        field("today", request.today.to_string().as_bytes());
    }
    let digest = h.finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// `Some(MiseEnDemeure)` or `None`: the text earlier versions hashed (the Debug form of the
/// options when their Rust names were French), kept so an unchanged case stays up to date.
fn option_text(code: Option<&str>) -> String {
    let Some(code) = code else { return "None".to_string() };
    let camel: String = code
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect();
    format!("Some({camel})")
}
