//! A [`Draft`] as `case.yaml` text, in the layout of the samples: what the import knows as
//! values, what it could not know as `À COMPLÉTER` lines, odd values with a comment saying why.

use crate::case::raw::{RawAddress, RawConditions, RawParty, RawPartyKind, RawPenaltyClause, RawTermsSource};

use super::draft::{Draft, DraftCreditNote, DraftInvoice};
use super::yaml_out::{Lines, amount, date, quoted, text};

/// The marker users search for.
pub const TODO: &str = "À COMPLÉTER";

/// The case file of a draft. `schema` is the path of the JSON Schema from the case folder.
pub fn case_yaml(draft: &Draft, schema: &str) -> String {
    let mut w = Writer { lines: Lines::default(), draft };
    w.header(schema);
    w.party("creancier", &draft.creditor, true);
    w.party("debiteur", &draft.debtor, false);
    w.conditions();
    w.invoices();
    w.delivery_notes();
    w.credit_notes();
    w.payments();
    w.left_for_the_user();
    w.lines.finish()
}

struct Writer<'a> {
    lines: Lines,
    draft: &'a Draft,
}

impl Writer<'_> {
    fn note(&self, field: &str) -> Option<&str> {
        self.draft.notes.get(field).map(String::as_str)
    }

    /// `key: value` with the field's note, or `key:` marked to complete when `todo` says what.
    fn field(&mut self, indent: usize, key: &str, value: Option<String>, path: &str, todo: Option<&str>) {
        let note = self.note(path).map(str::to_string);
        match (value, todo) {
            (Some(v), _) => self.lines.line(indent, &format!("{key}: {v}"), note.as_deref()),
            (None, Some(what)) => {
                let comment = match note {
                    Some(n) => format!("{TODO} : {what} ; {n}"),
                    None => format!("{TODO} : {what}"),
                };
                self.lines.line(indent, &format!("{key}:"), Some(&comment));
            }
            // Absent and optional: the note, if any, as a comment where the key would be.
            (None, None) => {
                if let Some(n) = note {
                    self.lines.comment(indent, &format!("{key}: {n}"));
                }
            }
        }
    }

    fn header(&mut self, schema: &str) {
        let l = &mut self.lines;
        l.line(0, &format!("# yaml-language-server: $schema={schema}"), None);
        for origin in &self.draft.origin {
            l.comment(0, origin);
        }
        l.comment(0, &format!("Complétez les lignes « {TODO} », ajoutez ce que les données importées ne disent pas"));
        l.comment(0, "(relances, mise en demeure, représentant, pièces), puis : recouvre check case.yaml");
        l.line(0, "version: 1", None);
        let reference = text(&self.draft.reference);
        self.field(0, "reference", Some(reference), "reference", None);
        match self.draft.computed_on {
            Some(d) => self.field(0, "date_calcul", Some(date(d)), "date_calcul", None),
            None => self.lines.line(
                0,
                "# date_calcul: AAAA-MM-JJ",
                Some(&format!("{TODO} : intérêts calculés jusqu'à cette date (sinon le jour même)")),
            ),
        }
        let signed_at = self.draft.signed_at.as_deref().map(text);
        self.field(0, "lieu_signature", signed_at, "lieu_signature", Some("ville où les documents sont signés"));
    }

    fn party(&mut self, key: &str, p: &RawParty, creditor: bool) {
        self.lines.blank();
        let note = self.note(key).map(str::to_string);
        self.lines.line(0, &format!("{key}:"), note.as_deref());
        let at = |field: &str| format!("{key}.{field}");
        let kind = p.kind.map(kind_text).map(str::to_string);
        self.field(2, "type", kind, &at("type"), Some("societe | entrepreneur_individuel | association | particulier"));
        let person = p.kind == Some(RawPartyKind::Particulier);
        self.field(
            2,
            "raison_sociale",
            p.raison_sociale.as_deref().map(text),
            &at("raison_sociale"),
            (!person).then_some("dénomination"),
        );
        match &p.forme_juridique {
            Some(f) => self.field(2, "forme_juridique", Some(text(f)), &at("forme_juridique"), None),
            None if !person => {
                self.lines.line(2, "# forme_juridique: SAS", Some(&format!("{TODO} : SARL, SAS, SA, EURL…")))
            }
            None => {}
        }
        self.field(2, "capital", p.capital.map(|c| amount(c.0)), &at("capital"), None);
        self.field(2, "siren", p.siren.as_deref().map(quoted), &at("siren"), None);
        self.field(2, "siret", p.siret.as_deref().map(quoted), &at("siret"), None);
        match &p.rcs {
            Some(r) => self.field(2, "rcs", Some(text(r)), &at("rcs"), None),
            None if creditor && !person => {
                self.lines.line(2, "# rcs: Ville", Some(&format!("{TODO} : ville du greffe d'immatriculation")))
            }
            None => {}
        }
        self.field(2, "rm", p.rm.as_deref().map(text), &at("rm"), None);
        self.field(
            2,
            "tva_intracommunautaire",
            p.tva_intracommunautaire.as_deref().map(text),
            &at("tva_intracommunautaire"),
            None,
        );
        self.field(2, "civilite", p.civilite.map(|c| civility_text(c).to_string()), &at("civilite"), None);
        self.field(2, "nom", p.nom.as_deref().map(text), &at("nom"), person.then_some("nom de famille"));
        self.field(2, "prenom", p.prenom.as_deref().map(text), &at("prenom"), None);
        self.field(2, "date_naissance", p.date_naissance.map(|d| date(d.0)), &at("date_naissance"), None);
        self.field(2, "lieu_naissance", p.lieu_naissance.as_deref().map(text), &at("lieu_naissance"), None);
        self.field(2, "nationalite", p.nationalite.as_deref().map(text), &at("nationalite"), None);
        self.field(2, "profession", p.profession.as_deref().map(text), &at("profession"), None);
        self.address(2, p.adresse.as_ref(), &at("adresse"));
        match &p.representant {
            Some(r) => {
                let value = format!(
                    "{{ nom: {}, qualite: {} }}",
                    r.nom.as_deref().map(text).unwrap_or_else(|| "\"\"".into()),
                    r.qualite.as_deref().map(text).unwrap_or_else(|| "\"\"".into())
                );
                self.field(2, "representant", Some(value), &at("representant"), None);
            }
            None if !person => self.lines.line(
                2,
                "# representant: { nom: Prénom Nom, qualite: gérant }",
                Some(&format!(
                    "{TODO} : {}",
                    if creditor { "qui signe pour le créancier" } else { "représentant légal" }
                )),
            ),
            None => {}
        }
        self.field(2, "email", p.email.as_deref().map(text), &at("email"), None);
        self.field(2, "telephone", p.telephone.as_deref().map(quoted), &at("telephone"), None);
        self.field(2, "iban", p.iban.as_deref().map(text), &at("iban"), None);
        self.field(2, "bic", p.bic.as_deref().map(text), &at("bic"), None);
    }

    fn address(&mut self, indent: usize, address: Option<&RawAddress>, path: &str) {
        let empty = RawAddress::default();
        let a = address.unwrap_or(&empty);
        let note = self.note(path).map(str::to_string);
        let comment = match (address, note) {
            (None, Some(n)) => Some(format!("{TODO} : adresse absente des données importées ; {n}")),
            (None, None) => Some(format!("{TODO} : adresse absente des données importées")),
            (Some(_), n) => n,
        };
        self.lines.line(indent, "adresse:", comment.as_deref());
        let lines: Vec<String> = a.lignes.iter().flatten().map(|l| text(l)).collect();
        let lines_note = self.note(&format!("{path}.lignes")).map(str::to_string);
        if lines.is_empty() {
            let todo = format!("{TODO} : numéro et voie, par exemple [\"12 rue des Forges\"]");
            self.lines.line(indent + 2, "lignes: []", Some(&todo));
        } else {
            self.lines.line(indent + 2, &format!("lignes: [{}]", lines.join(", ")), lines_note.as_deref());
        }
        self.field(
            indent + 2,
            "code_postal",
            a.code_postal.as_deref().map(quoted),
            &format!("{path}.code_postal"),
            Some("code postal"),
        );
        self.field(indent + 2, "ville", a.ville.as_deref().map(text), &format!("{path}.ville"), Some("ville"));
        let country = a.pays.as_deref().filter(|p| !p.eq_ignore_ascii_case("FR")).map(text);
        self.field(indent + 2, "pays", country, &format!("{path}.pays"), None);
    }

    fn conditions(&mut self) {
        self.lines.blank();
        let Some(c) = &self.draft.conditions else {
            self.lines.line(0, "conditions:", Some("à vérifier : ce que disent vos CGV ou vos factures"));
            self.lines.line(
                2,
                "taux_penalites: null",
                Some("null : taux légal (BCE + 10 points) ; sinon le taux convenu"),
            );
            self.lines.line(2, "indemnite_forfaitaire: true", Some("40 € par facture entre professionnels"));
            self.lines.line(2, "source: facture", Some("cgv | contrat | facture | devis | bon_de_commande"));
            return;
        };
        self.write_conditions(c);
    }

    fn write_conditions(&mut self, c: &RawConditions) {
        self.lines.line(0, "conditions:", None);
        let rate = c.taux_penalites.map(|t| quoted(&t.0.to_string())).unwrap_or_else(|| "null".into());
        self.lines.line(2, &format!("taux_penalites: {rate}"), None);
        if let Some(flat) = c.indemnite_forfaitaire {
            self.lines.line(2, &format!("indemnite_forfaitaire: {flat}"), None);
        }
        if let Some(RawPenaltyClause { taux, montant }) = &c.clause_penale {
            match (taux, montant) {
                (Some(t), _) => {
                    self.lines.line(2, &format!("clause_penale: {{ taux: {} }}", quoted(&t.0.to_string())), None)
                }
                (None, Some(m)) => self.lines.line(2, &format!("clause_penale: {{ montant: {} }}", amount(m.0)), None),
                (None, None) => {}
            }
        }
        if let Some(source) = c.source {
            self.lines.line(2, &format!("source: {}", source_text(source)), None);
        }
    }

    fn invoices(&mut self) {
        self.lines.blank();
        self.lines.line(0, "factures:", self.note("factures").map(str::to_string).as_deref());
        for (i, invoice) in self.draft.invoices.iter().enumerate() {
            self.invoice(i, invoice);
        }
    }

    fn invoice(&mut self, i: usize, inv: &DraftInvoice) {
        let at = |field: &str| format!("factures[{}].{field}", i + 1);
        let note = self.note(&format!("factures[{}]", i + 1)).map(str::to_string);
        self.lines.line(2, &format!("- numero: {}", text(&inv.number)), note.as_deref());
        self.field(4, "date", inv.date.map(date), &at("date"), Some("date de la facture (AAAA-MM-JJ)"));
        self.field(
            4,
            "echeance",
            inv.due.map(date),
            &at("echeance"),
            Some("échéance imprimée sur la facture (AAAA-MM-JJ)"),
        );
        self.field(4, "objet", inv.subject.as_deref().map(text), &at("objet"), None);
        self.field(4, "montant_ht", inv.net.map(amount), &at("montant_ht"), Some("montant HT"));
        self.field(4, "montant_tva", inv.vat.map(amount), &at("montant_tva"), Some("montant de la TVA"));
        self.field(4, "montant_ttc", inv.gross.map(amount), &at("montant_ttc"), Some("montant TTC"));
        self.field(4, "fichier", inv.file.as_deref().map(text), &at("fichier"), None);
        if !inv.delivery_notes.is_empty() {
            let list: Vec<String> = inv.delivery_notes.iter().map(|n| text(n)).collect();
            self.lines.line(4, &format!("bons_de_livraison: [{}]", list.join(", ")), None);
        }
    }

    fn delivery_notes(&mut self) {
        if self.draft.delivery_notes.is_empty() {
            return;
        }
        self.lines.blank();
        self.lines.line(0, "bons_de_livraison:", None);
        for (i, note) in self.draft.delivery_notes.iter().enumerate() {
            let at = |field: &str| format!("bons_de_livraison[{}].{field}", i + 1);
            let comment = self.note(&format!("bons_de_livraison[{}]", i + 1)).map(str::to_string);
            self.lines.line(2, &format!("- numero: {}", text(&note.number)), comment.as_deref());
            self.field(4, "date", note.date.map(date), &at("date"), Some("date de livraison portée sur le bon"));
            self.lines.line(4, "# signe_par: Prénom Nom", Some("qui a signé la réception, si le bon le montre"));
            self.field(4, "fichier", note.file.as_deref().map(text), &at("fichier"), None);
        }
    }

    fn credit_notes(&mut self) {
        if self.draft.credit_notes.is_empty() {
            return;
        }
        self.lines.blank();
        if self.draft.credit_notes.iter().all(|c| c.left_out.is_some()) {
            self.lines.comment(0, "avoirs:");
        } else {
            self.lines.line(0, "avoirs:", None);
        }
        let mut written = 0;
        for credit in &self.draft.credit_notes {
            if let Some(why) = &credit.left_out {
                self.commented_credit_note(credit, why);
            } else {
                written += 1;
                self.credit_note(written, credit);
            }
        }
    }

    fn credit_note(&mut self, n: usize, c: &DraftCreditNote) {
        let at = |field: &str| format!("avoirs[{n}].{field}");
        let note = self.note(&format!("avoirs[{n}]")).map(str::to_string);
        self.lines.line(2, &format!("- numero: {}", text(&c.number)), note.as_deref());
        self.field(4, "date", c.date.map(date), &at("date"), Some("date de l'avoir"));
        self.field(
            4,
            "facture",
            c.invoice.as_deref().map(text),
            &at("facture"),
            Some("numéro de la facture que l'avoir réduit"),
        );
        self.field(4, "montant_ttc", c.gross.map(amount), &at("montant_ttc"), Some("montant TTC de l'avoir"));
        self.field(4, "motif", c.reason.as_deref().map(text), &at("motif"), None);
        self.field(4, "fichier", c.file.as_deref().map(text), &at("fichier"), None);
    }

    /// A credit note on an invoice that is not in the case: kept, as comments, with the reason.
    fn commented_credit_note(&mut self, c: &DraftCreditNote, why: &str) {
        self.lines.comment(2, why);
        self.lines.comment(2, &format!("- numero: {}", text(&c.number)));
        if let Some(d) = c.date {
            self.lines.comment(2, &format!("  date: {}", date(d)));
        }
        if let Some(f) = &c.invoice {
            self.lines.comment(2, &format!("  facture: {}", text(f)));
        }
        if let Some(g) = c.gross {
            self.lines.comment(2, &format!("  montant_ttc: {}", amount(g)));
        }
        if let Some(f) = &c.file {
            self.lines.comment(2, &format!("  fichier: {}", text(f)));
        }
    }

    fn payments(&mut self) {
        if self.draft.payments.is_empty() {
            return;
        }
        self.lines.blank();
        self.lines.line(0, "paiements:", None);
        for (i, p) in self.draft.payments.iter().enumerate() {
            let at = |field: &str| format!("paiements[{}].{field}", i + 1);
            let note = self.note(&format!("paiements[{}]", i + 1)).map(str::to_string);
            match p.date {
                Some(d) => self.lines.line(2, &format!("- date: {}", date(d)), note.as_deref()),
                None => {
                    let comment =
                        format!("{TODO} : date du paiement{}", note.map(|n| format!(" ; {n}")).unwrap_or_default());
                    self.lines.line(2, "- date:", Some(&comment));
                }
            }
            self.field(4, "montant", Some(amount(p.amount)), &at("montant"), None);
            self.field(4, "mode", p.mode.map(str::to_string), &at("mode"), None);
            self.field(4, "facture", p.invoice.as_deref().map(text), &at("facture"), None);
            self.field(4, "reference", p.reference.as_deref().map(text), &at("reference"), None);
        }
    }

    /// What no import knows, as commented examples in the place they go.
    fn left_for_the_user(&mut self) {
        let l = &mut self.lines;
        l.blank();
        l.comment(0, &format!("{TODO} : chaque relance faite, de la plus ancienne à la plus récente"));
        l.comment(0, "relances:");
        l.comment(
            0,
            "  - { date: AAAA-MM-JJ, canal: email, interlocuteur: Service comptable, resume: Relance amiable }",
        );
        l.blank();
        l.comment(
            0,
            &format!("{TODO} : la mise en demeure, une fois envoyée (absente : recouvre la rédige pour vous)"),
        );
        l.comment(0, "mise_en_demeure:");
        l.comment(0, "  date: AAAA-MM-JJ");
        l.comment(0, "  envoi: lrar");
        l.comment(0, "  numero_envoi: \"1A 000 000 0000 0\"");
        l.comment(0, "  date_reception: AAAA-MM-JJ");
        l.comment(0, "  accuse_reception: pieces/ar.pdf");
        l.blank();
        l.comment(0, &format!("{TODO} : ce qui fonde la créance (devis signé, bon de commande, CGV…)"));
        l.comment(0, "pieces:");
        l.comment(0, "  - { intitule: Conditions générales de vente, fichier: pieces/cgv.pdf, role: cgv }");
        for exhibit in &self.draft.suggested_exhibits {
            l.comment(
                0,
                &format!("  - {{ intitule: {}, fichier: {}, role: autre }}", text(&exhibit.title), text(&exhibit.file)),
            );
        }
    }
}

pub fn kind_text(kind: RawPartyKind) -> &'static str {
    match kind {
        RawPartyKind::Societe => "societe",
        RawPartyKind::EntrepreneurIndividuel => "entrepreneur_individuel",
        RawPartyKind::Association => "association",
        RawPartyKind::Particulier => "particulier",
    }
}

fn civility_text(c: crate::case::raw::RawCivility) -> &'static str {
    match c {
        crate::case::raw::RawCivility::Monsieur => "M.",
        crate::case::raw::RawCivility::Madame => "Mme",
    }
}

fn source_text(s: RawTermsSource) -> &'static str {
    match s {
        RawTermsSource::Cgv => "cgv",
        RawTermsSource::Contrat => "contrat",
        RawTermsSource::Facture => "facture",
        RawTermsSource::Devis => "devis",
        RawTermsSource::BonDeCommande => "bon_de_commande",
    }
}
