//! Reminders as e-mails (`--courriel`): beside each relance letter, a `.eml` draft that carries it,
//! written from the data the letter was typeset from.

mod content;
mod english;
mod message;

use serde::Deserialize;
use serde_json::Value;

use super::bundle::Bundle;
use super::{Rendered, RenderedFile};
use crate::diag::Diagnostic;
pub use content::{Block, Content, ReminderData};
use message::{Correspondent, Message};

/// Role of a reminder e-mail in the manifest.
pub const ROLE_EMAIL: &str = "courriel_relance";

/// The relance letters of a bundle: the file each becomes and the data it was typeset from.
pub fn reminder_letters(bundle: &Bundle) -> Vec<(String, Value)> {
    bundle
        .parts
        .iter()
        .filter(|p| p.template() == "relance")
        .filter_map(|p| Some((p.output.clone()?, p.data.to_value())))
        .collect()
}

/// Adds to `rendered`, after each relance letter of `letters`, the e-mail that carries it; returns
/// the warnings about the case's fields (a missing address), for the caller to locate.
pub fn add_reminder_emails(
    letters: &[(String, Value)],
    rendered: &mut Rendered,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    let mut warnings = Vec::new();
    for (path, data) in letters {
        let Some(at) = rendered.files.iter().position(|f| &f.path == path) else { continue };
        let (email, found) = reminder_email(data, &rendered.files[at])?;
        warnings.extend(found);
        rendered.files.insert(at + 1, email);
    }
    Ok(warnings)
}

/// The `.eml` beside `letter`, and a warning for each address the case lacks.
fn reminder_email(data: &Value, letter: &RenderedFile) -> Result<(RenderedFile, Vec<Diagnostic>), Diagnostic> {
    let data = ReminderData::deserialize(data)
        .map_err(|e| Diagnostic::error(format!("courriel de relance : données de la lettre illisibles ({e})")))?;
    let attachment_name = letter.path.rsplit('/').next().unwrap_or(&letter.path);
    // The debtor's language picks the writer; both read the same letter data.
    let content = match data.debiteur.langue.as_deref() {
        Some("en") => english::content(&data, attachment_name),
        _ => data.content(attachment_name),
    };
    let mut warnings = Vec::new();
    if data.debiteur.email.is_none() {
        warnings.push(
            Diagnostic::warning(format!(
                "le débiteur n'a pas d'adresse électronique : le courriel {} est écrit sans destinataire",
                eml_path(&letter.path)
            ))
            .field("debiteur.email")
            .hint("indiquez « email: … » sous debiteur, ou complétez le destinataire dans votre messagerie"),
        );
    }
    if data.creancier.email.is_none() {
        warnings.push(
            Diagnostic::warning("le créancier n'a pas d'adresse électronique : le courriel est écrit sans expéditeur")
                .field("creancier.email")
                .hint("indiquez « email: … » sous creancier"),
        );
    }
    let to_name = match data.debiteur.langue.as_deref() {
        Some("en") => english::addressed(&data.debiteur.nom),
        _ => data.debiteur.nom.clone(),
    };
    let message = Message {
        content: &content,
        from: Correspondent { name: &data.creancier.nom, email: data.creancier.email.as_deref() },
        to: Correspondent { name: &to_name, email: data.debiteur.email.as_deref() },
        date: data.date,
        attachment_name,
        attachment: &letter.bytes,
    };
    let bytes = message
        .to_bytes()
        .map_err(|e| Diagnostic::error(format!("courriel de relance : écriture impossible ({e})")))?;
    let file = RenderedFile {
        path: eml_path(&letter.path),
        role: ROLE_EMAIL.to_string(),
        piece: None,
        pages: 0,
        date: letter.date.clone(),
        bytes,
        sources: Vec::new(),
    };
    Ok((file, warnings))
}

/// `01-relance-2.pdf` → `01-relance-2.eml`.
fn eml_path(pdf: &str) -> String {
    match pdf.strip_suffix(".pdf") {
        Some(stem) => format!("{stem}.eml"),
        None => format!("{pdf}.eml"),
    }
}
