//! RawCase → Case: each field checked on its own (identifiers, files, completeness).
//! Cross-field rules (sums, dates, references) run afterwards on the model, in `consistency.rs`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::files;
use crate::case::locate::Locator;
use crate::case::model::*;
use crate::case::path::{item, join};
use crate::case::raw::*;
use crate::diag::Diagnostic;
use crate::rules;

/// Collects the diagnostics of a conversion, each at its field.
pub struct Converter<'a> {
    pub case_dir: &'a Path,
    pub diagnostics: Vec<Diagnostic>,
    /// The profile's folder and what tells a field it gave: its paths are relative to it.
    profile: Option<(PathBuf, &'a Locator)>,
}

impl<'a> Converter<'a> {
    pub fn new(case_dir: &'a Path) -> Self {
        Self { case_dir, diagnostics: Vec::new(), profile: None }
    }

    /// Paths of the fields the profile `file` gave (`locator` knows which) are relative to its folder.
    pub fn with_profile(mut self, file: Option<&Path>, locator: &'a Locator) -> Self {
        self.profile = file.and_then(Path::parent).map(|dir| (dir.to_path_buf(), locator));
        self
    }

    pub(super) fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Resolves an optional file; a bad one is reported and treated as absent.
    pub(super) fn file(&mut self, relative: Option<&String>, field: &str) -> Option<FileRef> {
        let relative = relative?;
        let dir = match &self.profile {
            Some((dir, locator)) if locator.is_borrowed(field) => dir.as_path(),
            _ => self.case_dir,
        };
        match files::resolve(dir, relative, field) {
            Ok(f) => Some(f),
            Err(d) => {
                self.push(d.field(field));
                None
            }
        }
    }

    /// Converts the whole case; `None` when something required could not be read.
    pub fn case(&mut self, raw: &RawCase, today: NaiveDate) -> Option<Case> {
        if let Some(v) = raw.version
            && v != 1
        {
            self.push(
                rules::VERSION
                    .report(format!("version de format inconnue : {v}"))
                    .field("version")
                    .hint("cette version de recouvre lit le format 1 : écrivez « version: 1 »"),
            );
        }
        if let Some(reference) = &raw.reference {
            self.reference(reference);
        }
        let computed_on = match raw.date_calcul {
            Some(d) => d.0,
            None => {
                self.push(
                    rules::DATE_DEFAULTED
                        .report(format!("date de calcul absente : calcul au {}", today.format("%Y-%m-%d")))
                        .field("date_calcul")
                        .hint("écrivez « date_calcul: AAAA-MM-JJ » pour que les documents ne changent pas d'un jour à l'autre"),
                );
                today
            }
        };
        let creditor = raw.creancier.as_ref().and_then(|p| self.party(p, "creancier", true));
        let debtor = raw.debiteur.as_ref().and_then(|p| self.party(p, "debiteur", false));
        let terms = self.terms(raw.conditions.as_ref(), debtor.as_ref());
        let raw_invoices = raw.factures.as_deref().unwrap_or_default();
        let invoices: Vec<Invoice> =
            raw_invoices.iter().enumerate().filter_map(|(i, f)| self.invoice(f, &item("factures", i))).collect();
        let delivery_notes = raw
            .bons_de_livraison
            .iter()
            .enumerate()
            .filter_map(|(i, b)| self.delivery_note(b, &item("bons_de_livraison", i)))
            .collect();
        let credit_notes =
            raw.avoirs.iter().enumerate().filter_map(|(i, a)| self.credit_note(a, &item("avoirs", i))).collect();
        let payments = raw
            .paiements
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let at = item("paiements", i);
                let account = p.compte_payeur.as_ref().and_then(|a| self.account(a, &join(&at, "compte_payeur")));
                payment(p, &at).map(|p| Payment { payer_account: account, ..p })
            })
            .collect();
        let debtor_assets = raw.debiteur.as_ref().map(|d| self.assets(d, "debiteur", false)).unwrap_or_default();
        if let Some(c) = &raw.creancier {
            self.assets(c, "creancier", true);
        }
        let reminders =
            raw.relances.iter().enumerate().filter_map(|(i, r)| self.reminder(r, &item("relances", i))).collect();
        let formal_notice = raw.mise_en_demeure.as_ref().and_then(|m| self.formal_notice(m));
        let exhibits = raw.pieces.iter().enumerate().filter_map(|(i, p)| self.exhibit(p, &item("pieces", i))).collect();
        let procedure = raw.procedure.as_ref().map(|p| self.procedure(p)).unwrap_or_default();
        let hold = raw.suspendu.as_ref().and_then(|h| self.hold(h));
        let route = self.route_facts(raw);
        let reference = raw.reference.clone()?;
        let given = raw.lieu_signature.clone().filter(|s| !s.trim().is_empty());
        let signed_at_given = given.is_some();
        let creditor = creditor?;
        let signed_at = given.unwrap_or_else(|| creditor.address.city.clone());
        if raw_invoices.is_empty() || invoices.len() != raw_invoices.len() {
            return None;
        }
        Some(Case {
            reference: reference.trim().to_string(),
            computed_on,
            computed_on_given: raw.date_calcul.is_some(),
            signed_at: signed_at.trim().to_string(),
            signed_at_given,
            creditor,
            debtor: debtor?,
            terms,
            invoices,
            delivery_notes,
            credit_notes,
            payments,
            reminders,
            formal_notice,
            exhibits,
            procedure,
            hold,
            route,
            debtor_assets,
            source: CaseSource { file: Default::default(), dir: self.case_dir.to_path_buf(), profile: None },
        })
    }

    fn reference(&mut self, reference: &str) {
        let r = reference.trim();
        let safe = !r.is_empty()
            && r.len() <= 64
            && !r.starts_with('.')
            && r.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !safe {
            self.push(
                rules::REFERENCE
                    .report(format!("référence « {r} » inutilisable comme nom de dossier"))
                    .field("reference")
                    .hint("lettres sans accent, chiffres, tirets, soulignés et points (64 au plus), par exemple DOS-2026-014"),
            );
        }
    }

    fn terms(&mut self, raw: Option<&RawConditions>, debtor: Option<&Party>) -> Terms {
        let b2b = debtor.is_none_or(|d| d.is_professional());
        let Some(raw) = raw else {
            return Terms { penalty_rate: None, flat_indemnity: b2b, penalty_clause: None, source: None };
        };
        let penalty_clause = raw.clause_penale.as_ref().and_then(|c| match (c.taux, c.montant) {
            (Some(t), None) => Some(PenaltyClause::Percent(t.0)),
            (None, Some(m)) => Some(PenaltyClause::Amount(m.0)),
            _ => {
                self.push(
                    rules::FIELD_VALUE
                        .report("clause pénale : indiquez soit un taux, soit un montant")
                        .field("conditions.clause_penale")
                        .hint("par exemple « clause_penale: { taux: 10 } » ou « clause_penale: { montant: \"500\" } »"),
                );
                None
            }
        });
        Terms {
            penalty_rate: raw.taux_penalites.map(|t| t.0),
            flat_indemnity: raw.indemnite_forfaitaire.unwrap_or(true) && b2b,
            penalty_clause,
            source: raw.source.map(|s| match s {
                RawTermsSource::Cgv => TermsSource::Cgv,
                RawTermsSource::Contrat => TermsSource::Contract,
                RawTermsSource::Facture => TermsSource::Invoice,
                RawTermsSource::Devis => TermsSource::Quote,
                RawTermsSource::BonDeCommande => TermsSource::PurchaseOrder,
            }),
        }
    }

    fn invoice(&mut self, raw: &RawInvoice, at: &str) -> Option<Invoice> {
        let file = self.file(raw.fichier.as_ref(), &join(at, "fichier"));
        Some(Invoice {
            number: raw.numero.as_ref()?.trim().to_string(),
            date: raw.date?.0,
            due: raw.echeance?.0,
            subject: raw.objet.clone().filter(|s| !s.trim().is_empty()),
            net: raw.montant_ht?.0,
            vat: raw.montant_tva?.0,
            gross: raw.montant_ttc?.0,
            file,
            lines: raw
                .lignes
                .iter()
                .filter_map(|l| {
                    Some(InvoiceLine {
                        designation: l.designation.clone()?,
                        quantity: l.quantite.map(|q| q.0),
                        unit_price: l.prix_unitaire_ht.map(|p| p.0),
                        vat_rate: l.taux_tva.map(|t| t.0),
                    })
                })
                .collect(),
            delivery_notes: raw.bons_de_livraison.iter().map(|b| b.trim().to_string()).collect(),
            field: at.to_string(),
        })
    }

    fn delivery_note(&mut self, raw: &RawDeliveryNote, at: &str) -> Option<DeliveryNote> {
        let file = self.file(raw.fichier.as_ref(), &join(at, "fichier"));
        Some(DeliveryNote {
            number: raw.numero.as_ref()?.trim().to_string(),
            date: raw.date?.0,
            signed_by: raw.signe_par.clone(),
            file,
            field: at.to_string(),
        })
    }

    fn credit_note(&mut self, raw: &RawCreditNote, at: &str) -> Option<CreditNote> {
        let file = self.file(raw.fichier.as_ref(), &join(at, "fichier"));
        Some(CreditNote {
            number: raw.numero.as_ref()?.trim().to_string(),
            date: raw.date?.0,
            invoice: raw.facture.as_ref()?.trim().to_string(),
            amount: raw.montant_ttc?.0,
            reason: raw.motif.clone(),
            effect: match raw.effet {
                Some(RawCreditEffect::Facture) => CreditEffect::FromInvoice,
                Some(RawCreditEffect::Date) | None => CreditEffect::OnItsDate,
            },
            file,
            field: at.to_string(),
        })
    }

    fn reminder(&mut self, raw: &RawReminder, at: &str) -> Option<Reminder> {
        let proof = self.file(raw.preuve.as_ref(), &join(at, "preuve"));
        Some(Reminder {
            date: raw.date?.0,
            channel: match raw.canal? {
                RawChannel::Email => Channel::Email,
                RawChannel::Courrier => Channel::Letter,
                RawChannel::Telephone => Channel::Phone,
                RawChannel::Sms => Channel::Sms,
                RawChannel::Visite => Channel::Visit,
                RawChannel::LettreRecommandee => Channel::RegisteredLetter,
            },
            contact: raw.interlocuteur.clone(),
            summary: raw.resume.clone(),
            answer: raw.reponse.clone(),
            promised: raw.promesse.map(|d| d.0),
            proof,
            acknowledges: raw.reconnaissance.unwrap_or(false),
            disputes: raw.contestation.unwrap_or(false),
            field: at.to_string(),
        })
    }

    fn hold(&mut self, raw: &RawHold) -> Option<Hold> {
        let since = raw.depuis?.0;
        let until = raw.jusqu_au.map(|d| d.0);
        if let Some(u) = until
            && u < since
        {
            self.push(
                rules::FIELD_VALUE
                    .report(format!(
                        "suspension jusqu'au {} : avant son premier jour, le {}",
                        crate::format::date_fr(u),
                        crate::format::date_fr(since)
                    ))
                    .field("suspendu.jusqu_au")
                    .hint("« jusqu_au » est le dernier jour de la suspension, au plus tôt le jour de « depuis »"),
            );
        }
        let reason = raw.motif.as_deref().map(str::trim).filter(|m| !m.is_empty())?;
        Some(Hold { since, reason: reason.to_string(), until })
    }

    fn formal_notice(&mut self, raw: &RawFormalNotice) -> Option<FormalNotice> {
        let file = self.file(raw.fichier.as_ref(), "mise_en_demeure.fichier");
        let receipt = self.file(raw.accuse_reception.as_ref(), "mise_en_demeure.accuse_reception");
        let days = raw.delai_jours.unwrap_or(8);
        if raw.factures.as_ref().is_some_and(Vec::is_empty) {
            self.push(
                rules::FIELD_VALUE
                    .report("liste de factures vide")
                    .field("mise_en_demeure.factures")
                    .hint("indiquez les numéros des factures que la lettre réclame, ou retirez « factures » si elle les réclame toutes"),
            );
        }
        if !(1..=90).contains(&days) {
            self.push(
                rules::FIELD_VALUE
                    .report(format!("délai de {days} jours hors limites"))
                    .field("mise_en_demeure.delai_jours")
                    .hint("un délai raisonnable : 8 jours en général, 15 au plus souvent (entre 1 et 90)"),
            );
        }
        Some(FormalNotice {
            sent: raw.date?.0,
            days: days.clamp(1, 90),
            delivery: match raw.envoi.unwrap_or(RawDelivery::Lrar) {
                RawDelivery::Lrar => Delivery::RegisteredLetter,
                RawDelivery::Lre => Delivery::ElectronicRegisteredLetter,
                RawDelivery::CommissaireDeJustice => Delivery::Bailiff,
            },
            tracking: raw.numero_envoi.clone().filter(|s| !s.trim().is_empty()),
            received: raw.date_reception.map(|d| d.0),
            file,
            receipt,
            invoices: raw.factures.iter().flatten().map(|n| n.trim().to_string()).collect(),
        })
    }

    fn exhibit(&mut self, raw: &RawExhibit, at: &str) -> Option<Exhibit> {
        let file = self.file(raw.fichier.as_ref(), &join(at, "fichier"));
        Some(Exhibit {
            title: raw.intitule.as_ref()?.trim().to_string(),
            date: raw.date.map(|d| d.0),
            file: file?,
            role: match raw.role.unwrap_or(RawExhibitRole::Autre) {
                RawExhibitRole::Contrat => ExhibitRole::Contract,
                RawExhibitRole::Devis => ExhibitRole::Quote,
                RawExhibitRole::BonDeCommande => ExhibitRole::PurchaseOrder,
                RawExhibitRole::Cgv => ExhibitRole::Cgv,
                RawExhibitRole::Correspondance => ExhibitRole::Correspondence,
                RawExhibitRole::Kbis => ExhibitRole::Kbis,
                RawExhibitRole::Livraison => ExhibitRole::Delivery,
                RawExhibitRole::Autre => ExhibitRole::Other,
            },
            invoices: raw.factures.iter().map(|f| f.trim().to_string()).collect(),
            field: at.to_string(),
        })
    }

    fn procedure(&mut self, raw: &RawProcedure) -> Procedure {
        Procedure {
            kind: raw.kind.map(|k| match k {
                RawProcedureKind::Relance => ProcedureKind::Reminder,
                RawProcedureKind::MiseEnDemeure => ProcedureKind::FormalNotice,
                RawProcedureKind::InjonctionDePayer => ProcedureKind::PaymentOrder,
                RawProcedureKind::PetitesCreances => ProcedureKind::SmallClaims,
                RawProcedureKind::RefereProvision => ProcedureKind::InterimPayment,
                RawProcedureKind::Assignation => ProcedureKind::Merits,
            }),
            hearing: raw.audience.as_ref().and_then(|h| self.hearing(h)),
            amicable: raw.tentative_amiable.as_ref().and_then(|a| self.amicable(a)),
            article_700: raw.article_700.map(|m| m.0),
            court: raw.juridiction.as_ref().map(|c| CourtChoice {
                kind: c.kind.map(|k| match k {
                    RawCourtKind::TribunalDeCommerce => CourtKind::Commercial,
                    RawCourtKind::TribunalDesActivitesEconomiques => CourtKind::EconomicActivities,
                    RawCourtKind::TribunalJudiciaire => CourtKind::Judicial,
                }),
                city: c.ville.clone().filter(|v| !v.trim().is_empty()),
                address: c.adresse.as_ref().and_then(|a| self.address(a, "procedure.juridiction.adresse", false)),
            }),
            bailiff: raw.commissaire_de_justice.as_ref().and_then(|b| {
                Some(Bailiff {
                    office: b.etude.clone()?,
                    address: self.address(b.adresse.as_ref()?, "procedure.commissaire_de_justice.adresse", false)?,
                    email: b.email.clone(),
                })
            }),
            order: raw.ordonnance.as_ref().and_then(|o| {
                let file = self.file(o.fichier.as_ref(), "procedure.ordonnance.fichier");
                let request = self.file(o.requete.as_ref(), "procedure.ordonnance.requete");
                let life = self.order_life(o);
                Some(Order {
                    date: o.date?.0,
                    number: o.numero.clone(),
                    file: file?,
                    request,
                    partial: o.partielle.unwrap_or(false),
                    rejected_invoices: o.factures_rejetees.iter().map(|n| n.trim().to_string()).collect(),
                    granted: life.granted,
                    service: life.service,
                    opposition: life.opposition,
                    certificate: life.certificate,
                    certificate_wanted: o.demander_certificat.unwrap_or(false),
                    acts: life.acts,
                })
            }),
            registry_fee: raw.frais_greffe.map(|m| m.0),
            fee_payment: raw.reglement_frais.map(|f| match f {
                RawFeePayment::Cheque => FeePayment::Cheque,
                RawFeePayment::Virement => FeePayment::Transfer,
                RawFeePayment::EnLigne => FeePayment::Online,
            }),
            proposal: raw.proposition.as_ref().and_then(|p| {
                let instalments = p.mensualites.filter(|n| (1..=36).contains(n))?;
                Some(crate::case::model::PaymentPlan { instalments, first: p.premiere_echeance?.0 })
            }),
            filing: raw.depot.map(|d| match d {
                crate::case::raw::RawFiling::Papier => crate::case::model::Filing::Paper,
                crate::case::raw::RawFiling::TribunalDigital => crate::case::model::Filing::TribunalDigital,
            }),
        }
    }
}

fn payment(raw: &RawPayment, at: &str) -> Option<Payment> {
    Some(Payment {
        date: raw.date?.0,
        amount: raw.montant?.0,
        method: raw.mode.map(|m| match m {
            RawPaymentMethod::Virement => PaymentMethod::Transfer,
            RawPaymentMethod::Cheque => PaymentMethod::Cheque,
            RawPaymentMethod::Carte => PaymentMethod::Card,
            RawPaymentMethod::Especes => PaymentMethod::Cash,
            RawPaymentMethod::Prelevement => PaymentMethod::DirectDebit,
            RawPaymentMethod::Effet => PaymentMethod::Bill,
            RawPaymentMethod::Autre => PaymentMethod::Other,
        }),
        invoice: raw.facture.as_ref().map(|f| f.trim().to_string()).filter(|f| !f.is_empty()),
        reference: raw.reference.clone(),
        payer_account: None,
        field: at.to_string(),
    })
}
