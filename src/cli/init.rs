//! `recouvre init DIR`: a starter case folder that builds as is.

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};

const STARTER: &str = include_str!("starter.yaml");

/// Writes the starter case folder; its `date_calcul` is `today`. With `profile`, the creditor's
/// identity, place of signature and terms go to `recouvre.yaml` instead, for every case below.
pub fn init(dir: &Path, today: chrono::NaiveDate, profile: bool) -> Result<(), Diagnostics> {
    let not_empty = dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true);
    if not_empty {
        return Err(Diagnostic::error("le dossier existe déjà et n'est pas vide : rien n'a été écrit")
            .in_file(dir)
            .hint("choisissez un nouveau nom de dossier")
            .into());
    }
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| Diagnostic::error(format!("écriture impossible : {e}")).in_file(path))
    };
    std::fs::create_dir_all(dir.join("pieces"))
        .map_err(|e| Diagnostic::error(format!("création impossible : {e}")).in_file(dir))?;
    let starter = STARTER.replace("date_calcul: 2026-11-23", &format!("date_calcul: {}", today.format("%Y-%m-%d")));
    let starter = if profile {
        let (case, moved) = crate::case::profile::split_profile_blocks(&starter);
        let text = format!("{PROFILE_HEADER}{}", moved.trim_start());
        write(&dir.join(crate::case::profile::PROFILE_FILE), text.as_bytes())?;
        write(&dir.join("profile.schema.json"), crate::case::schema::profile_schema_text().as_bytes())?;
        case
    } else {
        starter
    };
    write(&dir.join("case.yaml"), starter.as_bytes())?;
    // Beside the case, so editors complete and check it without network access.
    write(&dir.join("case.schema.json"), crate::case::schema::case_schema_text().as_bytes())?;
    write(&dir.join("pieces/LISEZ-MOI.txt"), "Déposez ici les factures, bons de livraison, CGV et scans (PDF, PNG ou JPEG),\npuis indiquez-les dans case.yaml (champs « fichier »).\n".as_bytes())?;
    Ok(())
}

const PROFILE_HEADER: &str = "# yaml-language-server: $schema=./profile.schema.json
# Profil du créancier créé par « recouvre init --profil » : chaque cas placé dans ce dossier ou en
# dessous reprend ces valeurs sans les répéter, et peut remplacer chacune d'elles.
";
