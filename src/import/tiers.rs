//! The parties file (`--tiers`): who each debtor of an export is — name, SIREN, address,
//! representative — found by client code, else by name. The same columns, when the export
//! itself has them, describe the debtor of each row.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::columns::{Columns, Field, Pick, TIERS_FIELDS};
use super::identity::Source;
use super::naming::normalize;
use super::table::{self, Row};
use crate::case::raw::{RawAddress, RawCivility, RawParty, RawPartyKind, RawRepresentative};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::ground::ids::compact;

/// One party of the file.
#[derive(Debug, Clone)]
pub struct TiersEntry {
    pub line: u32,
    pub party: RawParty,
}

/// The parties, by client code and by name.
#[derive(Debug, Clone, Default)]
pub struct Tiers {
    path: PathBuf,
    entries: Vec<TiersEntry>,
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
}

impl Tiers {
    pub fn load(
        path: &Path,
        explicit: &BTreeMap<Field, Pick>,
        warnings: &mut Diagnostics,
    ) -> Result<Tiers, Diagnostics> {
        let fit = |cells: &[String]| {
            let (c, _) = Columns::resolve(cells, explicit, TIERS_FIELDS);
            let score = TIERS_FIELDS.iter().filter(|f| c.has(**f)).count();
            let found = c.describe(cells);
            table::HeaderFit {
                ok: (c.has(Field::Client) || c.has(Field::CodeClient)) && score >= 2,
                score,
                found: format!("reconnues : {}", if found.is_empty() { "aucune".to_string() } else { found }),
            }
        };
        let wanted = "client ou code client, et au moins une colonne d'identité (siren, adresse, code postal, ville…)";
        let table = table::read(path, wanted, fit).map_err(|d| {
            Diagnostics::from(d.hint("le fichier de tiers a besoin d'une colonne client (ou code client) et des colonnes d'identité : siren, adresse, code postal, ville…"))
        })?;
        let (columns, problems) = Columns::resolve(&table.headers, explicit, TIERS_FIELDS);
        if !problems.is_empty() {
            return Err(problems
                .into_iter()
                .map(|p| {
                    Diagnostic::error(format!("--colonnes, tiers : {p}"))
                        .in_file(path)
                        .at(Pos::new(table.header_line, 1))
                })
                .collect::<Vec<_>>()
                .into());
        }
        let mut tiers = Tiers { path: path.to_path_buf(), ..Tiers::default() };
        for row in table.rows.iter().filter(|r| !r.is_blank()) {
            let code = non_empty(row.cell(columns.get(Field::CodeClient)));
            let name = non_empty(row.cell(columns.get(Field::Client)));
            if code.is_none() && name.is_none() {
                warnings.push(
                    Source { file: path, line: row.line }.warning("ligne de tiers sans nom ni code client : ignorée"),
                );
                continue;
            }
            let index = tiers.entries.len();
            if let Some(code) = &code {
                tiers.by_code.entry(normalize(code)).or_insert(index);
            }
            if let Some(name) = &name {
                tiers.by_name.entry(normalize(name)).or_insert(index);
            }
            tiers.entries.push(TiersEntry { line: row.line, party: party_from_row(row, &columns) });
        }
        Ok(tiers)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The entry of a debtor: by code when both have one, else by name.
    pub fn find(&self, code: Option<&str>, name: Option<&str>) -> Option<&TiersEntry> {
        code.and_then(|c| self.by_code.get(&normalize(c)))
            .or_else(|| name.and_then(|n| self.by_name.get(&normalize(n))))
            .and_then(|&i| self.entries.get(i))
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The identity columns of a row as a party (fields without a column stay empty).
pub fn party_from_row(row: &Row, columns: &Columns) -> RawParty {
    let cell = |f: Field| non_empty(row.cell(columns.get(f)));
    let kind = cell(Field::TypePartie).map(|t| party_kind(&t));
    let name = cell(Field::Client);
    let person = kind == Some(RawPartyKind::Particulier);
    let mut siren = cell(Field::Siren).map(|s| compact(&s));
    let mut siret = cell(Field::Siret).map(|s| compact(&s));
    if siren.as_ref().is_some_and(|s| s.len() == 14) && siret.is_none() {
        siret = siren.take();
    }
    let lines: Vec<String> = [cell(Field::Adresse), cell(Field::Adresse2)].into_iter().flatten().collect();
    let postcode = cell(Field::CodePostal);
    let city = cell(Field::Ville);
    let address = (!lines.is_empty() || postcode.is_some() || city.is_some()).then(|| RawAddress {
        lignes: (!lines.is_empty()).then_some(lines),
        code_postal: postcode,
        ville: city,
        pays: cell(Field::Pays),
    });
    let representative = cell(Field::Representant).map(|nom| RawRepresentative {
        nom: Some(nom),
        qualite: Some(cell(Field::Qualite).unwrap_or_else(|| "représentant légal".into())),
        civilite: None,
    });
    RawParty {
        kind,
        raison_sociale: if person { None } else { name.clone() },
        nom: if person { name } else { None },
        prenom: if person { cell(Field::Prenom) } else { None },
        civilite: if person { cell(Field::Civilite).and_then(|c| civility(&c)) } else { None },
        forme_juridique: if person { None } else { cell(Field::FormeJuridique) },
        siren,
        siret,
        rcs: cell(Field::Rcs),
        tva_intracommunautaire: cell(Field::TvaIntracom).map(|v| compact(&v).to_uppercase()),
        adresse: address,
        representant: if person { None } else { representative },
        email: cell(Field::Email),
        telephone: cell(Field::Telephone),
        ..RawParty::default()
    }
}

fn party_kind(text: &str) -> RawPartyKind {
    let t = normalize(text);
    if t.contains("particulier") || t.contains("personne physique") || t.contains("consommateur") {
        RawPartyKind::Particulier
    } else if t.contains("association") {
        RawPartyKind::Association
    } else if t.contains("entrepreneur") || t == "ei" || t.contains("micro") || t.contains("artisan") {
        RawPartyKind::EntrepreneurIndividuel
    } else {
        RawPartyKind::Societe
    }
}

fn civility(text: &str) -> Option<RawCivility> {
    match normalize(text).as_str() {
        "m" | "mr" | "monsieur" => Some(RawCivility::Monsieur),
        "mme" | "madame" | "mlle" | "mademoiselle" => Some(RawCivility::Madame),
        _ => None,
    }
}

/// Fills what `base` lacks from `extra` (the parties file completes the export's own columns).
pub fn complete(base: &mut RawParty, extra: &RawParty) {
    macro_rules! fill {
        ($($f:ident),*) => { $( if base.$f.is_none() { base.$f = extra.$f.clone(); } )* };
    }
    fill!(
        kind,
        raison_sociale,
        forme_juridique,
        capital,
        siren,
        siret,
        rcs,
        rm,
        tva_intracommunautaire,
        civilite,
        nom,
        prenom
    );
    fill!(date_naissance, lieu_naissance, nationalite, profession, adresse, representant, email, telephone, iban, bic);
}

/// A party ready to write: a company unless said otherwise, and a person's name as `nom`.
pub fn settle(party: &mut RawParty) {
    let kind = *party.kind.get_or_insert(RawPartyKind::Societe);
    if kind == RawPartyKind::Particulier {
        if party.nom.is_none() {
            party.nom = party.raison_sociale.take();
        }
        party.raison_sociale = None;
        party.forme_juridique = None;
        party.representant = None;
    }
}
