//! Names made from what users typed: folder names, file names and case references, in plain
//! ASCII so they travel through zips, e-mails and every file system.

use std::collections::HashSet;

use crate::format::fold_accents;

/// Longest folder name or reference made (the loader accepts references up to 64).
const MAX_LEN: usize = 48;

/// `Bâtiments Martin & Fils` → `batiments-martin-fils`; empty input → `dossier`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in fold_accents(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(MAX_LEN).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "dossier".to_string() } else { out }
}

/// An invoice number as a file name: `F/2026/042` → `F-2026-042`.
pub fn file_stem(text: &str) -> String {
    let mut out = String::new();
    for c in fold_accents(text).chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_matches(['-', '.']).chars().take(80).collect();
    if out.is_empty() { "fichier".to_string() } else { out }
}

/// A case reference from a folder name: `le-client` → `LE-CLIENT`.
pub fn reference(folder: &str) -> String {
    folder.to_ascii_uppercase()
}

/// `base`, else `base-2`, `base-3`…, whichever is not in `taken`; records the one returned.
pub fn unique(base: &str, taken: &mut HashSet<String>) -> String {
    let mut candidate = base.to_string();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// Lower-case, accents removed, runs of spaces and punctuation as one space: for comparing
/// names and headers typed in different ways (`N° Facture` ~ `no facture`).
pub fn normalize(text: &str) -> String {
    let mut out = String::new();
    for c in fold_accents(text).chars() {
        let c = if matches!(c, '°' | 'º') { 'o' } else { c };
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(slug("Bâtiments Martin & Fils"), "batiments-martin-fils");
        assert_eq!(slug("  "), "dossier");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(file_stem("F/2026/042"), "F-2026-042");
        assert_eq!(file_stem(".."), "fichier");
        assert_eq!(normalize("N° de Facture"), "no de facture");
        assert_eq!(normalize("Échéance"), "echeance");
        let mut taken = HashSet::new();
        assert_eq!(unique("a", &mut taken), "a");
        assert_eq!(unique("a", &mut taken), "a-2");
    }
}
