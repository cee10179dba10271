//! RawCase → Case, the parties: kind, identity and identifiers (SIREN, SIRET, TVA, IBAN), the
//! creditor's own mandatory identity, postal addresses fit for service.

use super::convert::Converter;
use crate::case::model::*;
use crate::case::path::join;
use crate::case::raw::*;
use crate::ground::ids;
use crate::rules;

impl Converter<'_> {
    pub(super) fn party(&mut self, raw: &RawParty, at: &str, is_creditor: bool) -> Option<Party> {
        let kind = match raw.kind? {
            RawPartyKind::Societe => PartyKind::Company,
            RawPartyKind::EntrepreneurIndividuel => PartyKind::SoleTrader,
            RawPartyKind::Association => PartyKind::Association,
            RawPartyKind::Particulier => PartyKind::Individual,
        };
        let clean = |s: &Option<String>| s.as_ref().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let is_legal_person = matches!(kind, PartyKind::Company | PartyKind::Association);
        let person = clean(&raw.nom).map(|last_name| Person {
            civility: raw.civilite.map(|c| match c {
                RawCivility::Monsieur => Civility::Mr,
                RawCivility::Madame => Civility::Mrs,
            }),
            last_name,
            first_name: clean(&raw.prenom),
            birth_date: raw.date_naissance.map(|d| d.0),
            birth_place: clean(&raw.lieu_naissance),
            nationality: clean(&raw.nationalite),
            profession: clean(&raw.profession),
        });
        let company_name = clean(&raw.raison_sociale);
        let display_name = match (&company_name, &person) {
            (Some(name), _) => name.clone(),
            (None, Some(p)) => person_name(p),
            (None, None) => {
                let (field, what) =
                    if is_legal_person { ("raison_sociale", "sa raison sociale") } else { ("nom", "son nom") };
                self.push(
                    rules::PARTY_IDENTITY
                        .report(format!("partie sans nom : indiquez {what}"))
                        .field(join(at, field))
                        .hint(format!("ajoutez « {field}: … » sous « {at} »")),
                );
                return None;
            }
        };
        if !is_legal_person && person.is_none() {
            self.push(
                rules::PARTY_IDENTITY
                    .report("personne physique sans nom de famille")
                    .field(join(at, "nom"))
                    .hint("un particulier ou un entrepreneur individuel est désigné par son nom et son prénom"),
            );
        }
        let siren = clean(&raw.siren).map(|s| ids::compact(&s));
        let siret = clean(&raw.siret).map(|s| ids::compact(&s));
        if let Some(s) = &siren
            && let Some(why) = ids::siren_problem(s)
        {
            self.push(
                rules::SIREN
                    .report(format!("SIREN « {s} » invalide : {why}"))
                    .field(join(at, "siren"))
                    .hint("recopiez-le depuis l'extrait Kbis ou annuaire-entreprises.data.gouv.fr"),
            );
        }
        if let (Some(vat), Some(s)) = (clean(&raw.tva_intracommunautaire), &siren)
            && ids::siren_problem(s).is_none()
            && let Some(why) = ids::vat_problem(&vat, s)
        {
            self.push(
                rules::SIREN
                    .report(format!("numéro de TVA intracommunautaire « {vat} » invalide : {why}"))
                    .field(join(at, "tva_intracommunautaire"))
                    .hint("recopiez-le d'une facture reçue ou de annuaire-entreprises.data.gouv.fr"),
            );
        }
        if let Some(s) = &siret {
            if let Some(why) = ids::siret_problem(s) {
                self.push(
                    rules::SIRET
                        .report(format!("SIRET « {s} » invalide : {why}"))
                        .field(join(at, "siret"))
                        .hint("recopiez-le depuis l'extrait Kbis ou annuaire-entreprises.data.gouv.fr"),
                );
            } else if let Some(n) = &siren
                && !s.starts_with(n.as_str())
            {
                self.push(
                    rules::SIRET
                        .report(format!("le SIRET « {s} » ne commence pas par le SIREN « {n} »"))
                        .field(join(at, "siret"))
                        .hint("un SIRET est le SIREN suivi des 5 chiffres de l'établissement"),
                );
            }
        }
        let iban = clean(&raw.iban).map(|s| ids::compact(&s).to_uppercase());
        if let Some(i) = &iban
            && let Some(why) = ids::iban_problem(i)
        {
            self.push(
                rules::IBAN
                    .report(format!("IBAN invalide : {why}"))
                    .field(join(at, "iban"))
                    .hint("recopiez-le depuis le RIB"),
            );
        }
        let address = raw.adresse.as_ref().and_then(|a| self.address(a, &join(at, "adresse"), !is_creditor))?;
        let representative = raw.representant.as_ref().and_then(|r| {
            Some(Representative {
                name: clean(&r.nom)?,
                role: clean(&r.qualite)?,
                civility: r.civilite.map(|c| match c {
                    RawCivility::Monsieur => Civility::Mr,
                    RawCivility::Madame => Civility::Mrs,
                }),
            })
        });
        let party = Party {
            kind,
            display_name,
            company_name,
            legal_form: clean(&raw.forme_juridique),
            capital: raw.capital.map(|c| c.0),
            siren,
            siret,
            rcs_city: clean(&raw.rcs),
            rm_city: clean(&raw.rm),
            vat_number: clean(&raw.tva_intracommunautaire),
            person,
            address,
            representative,
            email: clean(&raw.email),
            phone: clean(&raw.telephone),
            iban,
            bic: clean(&raw.bic).map(|b| b.to_uppercase()),
            mediator: raw
                .mediateur
                .as_ref()
                .and_then(|m| Some(crate::case::model::Mediator { name: clean(&m.nom)?, website: clean(&m.site)? })),
            language: self.language(raw, at, is_creditor),
            professional_activity: clean(&raw.activite_professionnelle),
            non_professional: raw.non_professionnel.unwrap_or(false),
            logo: self.letter_image(raw.logo.as_ref(), &join(at, "logo"), is_creditor),
            signature_image: self.letter_image(raw.signature.as_ref(), &join(at, "signature"), is_creditor),
        };
        self.professional_status(&party, raw, at, is_creditor);
        if is_creditor {
            self.creditor_identity(&party);
        }
        Some(party)
    }

    /// `activite_professionnelle` / `non_professionnel`: a legal-person debtor's, one at most; an
    /// association must say which (R052): penalties and the 40 € are owed by a professionnel only.
    fn professional_status(&mut self, party: &Party, raw: &RawParty, at: &str, is_creditor: bool) {
        let given = raw.activite_professionnelle.is_some() || raw.non_professionnel.is_some();
        let field =
            if raw.activite_professionnelle.is_some() { "activite_professionnelle" } else { "non_professionnel" };
        if given && (is_creditor || party.kind == PartyKind::Individual) {
            self.push(
                rules::FIELD_VALUE
                    .report(
                        "« activite_professionnelle » et « non_professionnel » décrivent un débiteur personne morale",
                    )
                    .field(join(at, field))
                    .hint(if is_creditor {
                        "retirez ce champ du créancier"
                    } else {
                        "un particulier est un consommateur : retirez ce champ"
                    }),
            );
        } else if party.professional_activity.is_some() && party.non_professional {
            self.push(
                rules::FIELD_VALUE
                    .report("le débiteur ne peut être à la fois professionnel (activite_professionnelle) et non professionnel")
                    .field(join(at, "non_professionnel"))
                    .hint("gardez l'un des deux"),
            );
        } else if !is_creditor && party.kind == PartyKind::Association && !given {
            self.push(
                rules::DEBTOR_STATUS
                    .report("débiteur association : rien n'établit qu'il est un professionnel ; or les pénalités de l'art. L. 441-10 C. com. et l'indemnité de 40 € ne sont dues que par un professionnel")
                    .field(join(at, "type"))
                    .hint("décrivez l'activité économique pour laquelle il a contracté : « activite_professionnelle: … » (et joignez ses statuts), ou indiquez « non_professionnel: true » : intérêts au taux légal à compter de la mise en demeure, sans indemnité de 40 €"),
            );
        }
    }

    /// `logo` or `signature`: the creditor's letter images, PNG or JPEG (a debtor's are refused).
    fn letter_image(&mut self, relative: Option<&String>, field: &str, is_creditor: bool) -> Option<FileRef> {
        let relative = relative?;
        if !is_creditor {
            self.push(
                rules::FIELD_VALUE
                    .report("le logo et la signature sont ceux du créancier, sur ses lettres")
                    .field(field)
                    .hint("déplacez cette ligne sous « creancier », ou dans recouvre.yaml"),
            );
            return None;
        }
        let file = self.file(Some(relative), field)?;
        if file.kind == FileKind::Pdf {
            self.push(
                rules::FILE_TYPE
                    .report(format!("« {relative} » est un PDF : le logo et la signature sont des images"))
                    .field(field)
                    .hint("exportez-le en PNG (fond transparent) ou en JPEG"),
            );
            return None;
        }
        Some(file)
    }

    /// `langue`: the debtor's only (the creditor writes, it is not written to).
    fn language(&mut self, raw: &RawParty, at: &str, is_creditor: bool) -> Language {
        match raw.langue {
            Some(_) if is_creditor => {
                self.push(
                    rules::FIELD_VALUE
                        .report("« langue » choisit la langue des lettres au débiteur, pas celle du créancier")
                        .field(join(at, "langue"))
                        .hint("déplacez « langue: en » sous « debiteur »"),
                );
                Language::French
            }
            Some(RawLanguage::En) => Language::English,
            Some(RawLanguage::Fr) | None => Language::French,
        }
    }

    /// What art. 1407 / 54 CPC ask of the applicant, as warnings: letters can go out without it.
    fn creditor_identity(&mut self, party: &Party) {
        let mut missing = Vec::new();
        match party.kind {
            PartyKind::Company | PartyKind::Association => {
                if party.legal_form.is_none() {
                    missing.push(("forme_juridique", "la forme juridique"));
                }
                if party.representative.is_none() {
                    missing.push(("representant", "le représentant légal"));
                }
                if party.kind == PartyKind::Company && party.siren_number().is_none() {
                    missing.push(("siren", "le SIREN"));
                }
                if party.kind == PartyKind::Company && party.rcs_city.is_none() && party.is_merchant() {
                    missing.push(("rcs", "la ville du RCS"));
                }
            }
            PartyKind::SoleTrader | PartyKind::Individual => {
                let p = party.person.as_ref();
                if p.and_then(|p| p.first_name.as_ref()).is_none() {
                    missing.push(("prenom", "le prénom"));
                }
                if party.kind == PartyKind::SoleTrader && party.siren_number().is_none() {
                    missing.push(("siren", "le SIREN"));
                }
                if p.and_then(|p| p.birth_date).is_none() {
                    missing.push(("date_naissance", "la date de naissance"));
                }
                if p.and_then(|p| p.birth_place.as_ref()).is_none() {
                    missing.push(("lieu_naissance", "le lieu de naissance"));
                }
                if p.and_then(|p| p.nationality.as_ref()).is_none() {
                    missing.push(("nationalite", "la nationalité"));
                }
                if p.and_then(|p| p.profession.as_ref()).is_none() {
                    missing.push(("profession", "la profession"));
                }
            }
        }
        for (field, what) in missing {
            self.push(
                rules::CREDITOR_IDENTITY
                    .report(format!("identité du créancier incomplète : {what} manque"))
                    .field(join("creancier", field))
                    .hint("la requête en injonction de payer doit indiquer l'identité complète du demandeur (art. 1407 et 54 CPC)"),
            );
        }
    }

    /// An address that is not a party's (an employer's, a greffe's).
    pub(super) fn address_of(&mut self, raw: &RawAddress, at: &str) -> Option<Address> {
        self.address(raw, at, false)
    }

    pub(super) fn address(&mut self, raw: &RawAddress, at: &str, for_service: bool) -> Option<Address> {
        let lines: Vec<String> =
            raw.lignes.iter().flatten().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
        let postcode = raw.code_postal.as_deref().map(str::trim).unwrap_or_default().to_string();
        let city = raw.ville.as_deref().map(str::trim).unwrap_or_default().to_string();
        let country = raw
            .pays
            .as_deref()
            .map(|p| p.trim().to_uppercase())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "FR".into());
        let has_street = lines.iter().any(|l| l.chars().any(|c| c.is_alphabetic()));
        if lines.is_empty() || postcode.is_empty() || city.is_empty() {
            return None;
        }
        let bad_postcode = country == "FR" && (postcode.len() != 5 || !postcode.chars().all(|c| c.is_ascii_digit()));
        if bad_postcode {
            let rule = if for_service { rules::DEBTOR_ADDRESS } else { rules::FIELD_VALUE };
            self.push(
                rule.report(format!("code postal « {postcode} » invalide"))
                    .field(join(at, "code_postal"))
                    .hint("un code postal français compte 5 chiffres ; écrivez-le entre guillemets s'il commence par 0 : \"01000\""),
            );
        }
        if for_service && !has_street {
            self.push(
                rules::DEBTOR_ADDRESS
                    .report("adresse du débiteur sans voie : un commissaire de justice ne pourrait pas signifier")
                    .field(join(at, "lignes"))
                    .hint("indiquez le numéro et la voie, par exemple « 4 avenue Jean Jaurès »"),
            );
        }
        Some(Address { lines, postcode, city, country })
    }
}

/// "Mme Jeanne Petit".
pub fn person_name(p: &Person) -> String {
    let mut parts = Vec::new();
    if let Some(c) = p.civility {
        parts.push(match c {
            Civility::Mr => "M.",
            Civility::Mrs => "Mme",
        });
    }
    if let Some(first) = &p.first_name {
        parts.push(first);
    }
    parts.push(&p.last_name);
    parts.join(" ")
}
