//! `recouvre modeles exporter DOSSIER`: the embedded Typst templates written out, with a short
//! guide to what each one makes and the data it receives, for an office that wants its own layout
//! (then `--templates DOSSIER` uses them, file by file).

use std::fmt::Write as _;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
use crate::plan::DocKind;
use crate::render::templates::Templates;

/// The guide's file name, written beside the templates.
pub const GUIDE: &str = "LISEZ-MOI.md";

/// Writes every embedded template and the guide into `dir` (absent or empty: nothing is replaced).
pub fn export(dir: &Path) -> Result<usize, Diagnostics> {
    let not_empty = dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true);
    if not_empty {
        return Err(Diagnostic::error("le dossier existe déjà et n'est pas vide : rien n'a été écrit")
            .in_file(dir)
            .hint("choisissez un nouveau nom de dossier (vos modèles modifiés ne sont jamais écrasés)")
            .into());
    }
    std::fs::create_dir_all(dir).map_err(|e| Diagnostic::error(format!("création impossible : {e}")).in_file(dir))?;
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| Diagnostic::error(format!("écriture impossible : {e}")).in_file(path))
    };
    let mut count = 0;
    for name in Templates::embedded_names() {
        if let Some(bytes) = Templates::embedded_bytes(name) {
            let path = dir.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| Diagnostic::error(format!("création impossible : {e}")).in_file(parent))?;
            }
            write(&path, bytes)?;
            count += 1;
        }
    }
    write(&dir.join(GUIDE), guide().as_bytes())?;
    Ok(count)
}

/// What a template file is for: the documents it makes, or its part in the layout.
fn purpose(file: &str) -> String {
    let stem = file.strip_suffix(".typ").unwrap_or(file);
    let titles: Vec<&str> = DocKind::EVERY
        .iter()
        .filter(|k| k.template() == stem)
        .map(|k| k.info().title.trim_end_matches(" n°"))
        .collect();
    if !titles.is_empty() {
        return titles.join(" ; ");
    }
    match stem {
        "main" => "point d’entrée : lit /data.json et rend chaque partie avec son modèle".into(),
        "common" => "réunit la bibliothèque lib/ que chaque modèle importe".into(),
        "lib/format" => "mots français : « de » devant un nom ou un lieu, article, majuscule".into(),
        "lib/page" => "page d’un document, pied de page, signets, numéros de page du dossier, tampon des pièces".into(),
        "lib/parties" => "parties : adresses, identité légale, nom et formule d’appel".into(),
        "lib/tables" => "tableaux : factures, somme réclamée, pièces numérotées".into(),
        "lib/letters" => "lettres : en-tête, destinataire, objet, paiement, signature et formule de politesse".into(),
        "lib/court" => "actes de procédure : juridiction, rubriques, renvois aux pièces, signature, fondement".into(),
        "requete-faits" => "exposé des faits et compétence de la requête en injonction de payer".into(),
        "couverture" => "couverture et sommaire d’un dossier complet".into(),
        "piece" => "pièce fournie, tamponnée (« Pièce n° 3 — page 1 / 2 »)".into(),
        "releve" => "relevé établi d’après une facture ou un bon de livraison sans fichier".into(),
        "english" => "lettres au débiteur qui lit l’anglais (« langue: en ») : formules, civilités, tableaux".into(),
        "mise-en-demeure-en" => "mise en demeure en anglais, choisie par mise-en-demeure.typ (« langue: en »)".into(),
        "relance-en" => "relances en anglais, choisies par relance.typ (« langue: en »)".into(),
        _ => "modèle annexe".into(),
    }
}

/// The guide: how templates are used and what each file makes.
pub fn guide() -> String {
    let mut text = String::from(
        "# Modèles de documents recouvre\n\n\
         Ces fichiers Typst sont ceux que recouvre utilise. Modifiez-les (papier à en-tête, logo, polices,\n\
         formules), puis construisez avec ce dossier :\n\n\
         ```\nrecouvre build case.yaml --templates CE_DOSSIER\n```\n\n\
         Un fichier absent du dossier reste celui de recouvre : ne gardez que ceux que vous modifiez.\n\n\
         ## Les données reçues\n\n\
         Chaque modèle exporte `render(data)`. `data` est un objet JSON préparé par recouvre : parties,\n\
         montants déjà calculés, arrondis et écrits, dates écrites, taux écrits (« 12,15 % »), pièces\n\
         numérotées. Un montant est un objet `{texte: \"1 234,50 €\", court: \"1 234,50 €\",\n\
         nul: false}` (`court` sans centimes nuls : « 5 000 € »), une date\n\
         `{texte: \"2 septembre 2026\", court: \"02/09/2026\"}` ; les données d’une relance et d’une\n\
         mise en demeure y ajoutent l’anglais (`en: \"€1,234.50\"`, `en: \"2 September 2026\"`,\n\
         `en_court: \"2 Sep 2026\"`) : un modèle imprime `#t.total_du.texte` et teste\n\
         `t.interets.nul`. La créance est partout l’objet `decompte`, celui qu’imprime `recouvre\n\
         decompte case.yaml --format json` (où montants et dates sont « 1234.50 » et « 2026-09-02 »).\n\
         Un modèle ne calcule ni ne formate rien : il met en page.\n\
         Pour voir exactement ce que reçoit chaque modèle :\n\n\
         ```\nrecouvre build case.yaml --donnees donnees.json\n```\n\n\
         Le schéma JSON de ces données (chaque champ, son type, s’il peut être vide) :\n\n\
         ```\nrecouvre schema --donnees > template-data.schema.json\n```\n\n\
         `common.typ` réunit la bibliothèque `lib/` : mots français (`lib/format.typ`), pages et\n\
         tampons, parties, tableaux, lettres, actes de procédure.\n\n\
         ## Les fichiers\n\n| Fichier | Rôle |\n|---|---|\n",
    );
    for name in Templates::embedded_names() {
        let _ = writeln!(text, "| `{name}` | {} |", purpose(name));
    }
    text
}
