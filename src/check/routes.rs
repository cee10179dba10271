//! `contestation`, `procedure_collective`, `signataire` and `procedure.audience`: converted to the
//! model, then checked against the rest of the case (invoices named, dates in order, a reminder
//! that records a dispute pointing to a described one).

use chrono::NaiveTime;

use super::convert::Converter;
use crate::case::model::*;
use crate::case::path::{item, join};
use crate::case::raw::RawCase;
use crate::case::raw_routes::*;
use crate::diag::Diagnostic;
use crate::format::date_fr;
use crate::rules;

impl Converter<'_> {
    /// The dispute, the insolvency and the signatory of a case.
    pub(super) fn route_facts(&mut self, raw: &RawCase) -> RouteFacts {
        RouteFacts {
            dispute: raw.contestation.as_ref().and_then(|d| self.dispute(d)),
            insolvency: raw.procedure_collective.as_ref().and_then(|p| self.insolvency(p)),
            signatory: raw.signataire.as_ref().and_then(|s| self.signatory(s)),
        }
    }

    fn dispute(&mut self, raw: &RawDispute) -> Option<Dispute> {
        let proof = self.file(raw.preuve.as_ref(), "contestation.preuve");
        Some(Dispute {
            date: raw.date?.0,
            author: raw.auteur.as_deref().map(str::trim).filter(|s| !s.is_empty())?.to_string(),
            reason: raw.motif.as_deref().map(str::trim).filter(|s| !s.is_empty())?.to_string(),
            remark: raw.observation.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string),
            proof,
            invoices: raw.factures.iter().map(|f| f.trim().to_string()).filter(|f| !f.is_empty()).collect(),
            not_serious: raw.non_serieuse.unwrap_or(false),
        })
    }

    fn trustee(&mut self, raw: Option<&RawTrustee>, field: &str) -> Option<Trustee> {
        let m = raw?;
        Some(Trustee {
            name: m.nom.as_deref().map(str::trim).filter(|s| !s.is_empty())?.to_string(),
            address: self.address(m.adresse.as_ref()?, &join(field, "adresse"), false)?,
            email: m.email.clone(),
        })
    }

    fn insolvency(&mut self, raw: &RawInsolvency) -> Option<Insolvency> {
        let trustee = self.trustee(raw.mandataire.as_ref(), "procedure_collective.mandataire");
        let administrator = self.trustee(raw.administrateur.as_ref(), "procedure_collective.administrateur");
        let plan_supervisor =
            self.trustee(raw.commissaire_execution_plan.as_ref(), "procedure_collective.commissaire_execution_plan");
        let omission_proof = self.file(raw.preuve_omission.as_ref(), "procedure_collective.preuve_omission");
        if omission_proof.is_some() && raw.omise_de_la_liste != Some(true) {
            self.push(
                rules::FIELD_VALUE
                    .report("une preuve de l'omission est jointe, mais la créance n'est pas indiquée comme omise de la liste du débiteur")
                    .field("procedure_collective.preuve_omission")
                    .hint("ajoutez « omise_de_la_liste: true », ou retirez « preuve_omission »"),
            );
        }
        let judgment = raw.date_jugement?.0;
        let published = raw.date_publication_bodacc?.0;
        if published < judgment {
            self.push(
                rules::FIELD_VALUE
                    .report(format!(
                        "publication au BODACC le {} : avant le jugement d'ouverture du {}",
                        date_fr(published),
                        date_fr(judgment)
                    ))
                    .field("procedure_collective.date_publication_bodacc")
                    .hint("le jugement est publié après avoir été rendu : vérifiez les deux dates sur l'annonce du BODACC"),
            );
        }
        Some(Insolvency {
            kind: match raw.kind? {
                RawInsolvencyKind::Sauvegarde => InsolvencyKind::Safeguard,
                RawInsolvencyKind::Redressement => InsolvencyKind::Reorganisation,
                RawInsolvencyKind::Liquidation => InsolvencyKind::Liquidation,
            },
            judgment,
            court: raw.tribunal.as_deref().map(str::trim).filter(|s| !s.is_empty())?.to_string(),
            number: raw.numero.clone().filter(|s| !s.trim().is_empty()),
            published,
            trustee: trustee?,
            supervising_judge: raw.juge_commissaire.clone().filter(|s| !s.trim().is_empty()),
            notice_received: raw.avertissement_recu,
            omitted_from_list: raw.omise_de_la_liste.unwrap_or(false),
            omission_proof,
            administrator,
            plan_supervisor,
            privilege: raw.privilege.map(|p| match p {
                RawPrivilege::Aucun => Privilege::None,
                RawPrivilege::Voiturier => Privilege::Carrier,
            }),
        })
    }

    fn signatory(&mut self, raw: &RawSignatory) -> Option<Signatory> {
        let power = self.file(raw.pouvoir.as_ref(), "signataire.pouvoir");
        let address = raw.adresse.as_ref().and_then(|a| self.address(a, "signataire.adresse", false));
        let kind = match raw.qualite? {
            RawSignatoryKind::Avocat => SignatoryKind::Lawyer,
            RawSignatoryKind::Mandataire => SignatoryKind::Agent,
            RawSignatoryKind::Prepose => SignatoryKind::Employee,
        };
        let bar = raw.barreau.clone().filter(|s| !s.trim().is_empty());
        if kind == SignatoryKind::Lawyer && bar.is_none() {
            self.push(
                rules::SIGNATORY_IDENTITY
                    .report("signataire avocat : barreau non indiqué")
                    .field("signataire.barreau")
                    .hint("un acte signé par un avocat indique son barreau (et sa toque s'il en a une) : « barreau: Grenoble »"),
            );
        }
        if kind == SignatoryKind::Lawyer && address.is_none() {
            self.push(
                rules::SIGNATORY_IDENTITY
                    .report("signataire avocat : adresse du cabinet non indiquée")
                    .field("signataire.adresse")
                    .hint(
                        "l'assignation porte l'adresse du cabinet, où le défendeur peut joindre l'avocat du demandeur",
                    ),
            );
        }
        Some(Signatory {
            kind,
            name: raw.nom.as_deref().map(str::trim).filter(|s| !s.is_empty())?.to_string(),
            function: raw.fonction.clone().filter(|s| !s.trim().is_empty()),
            bar,
            toque: raw.toque.clone().filter(|s| !s.trim().is_empty()),
            address,
            email: raw.email.clone(),
            power,
        })
    }

    pub(super) fn amicable(&mut self, raw: &RawAmicable) -> Option<AmicableAttempt> {
        let proof = self.file(raw.preuve.as_ref(), "procedure.tentative_amiable.preuve");
        Some(AmicableAttempt {
            mode: match raw.mode? {
                RawAmicableMode::Conciliation => AmicableMode::Conciliation,
                RawAmicableMode::Mediation => AmicableMode::Mediation,
                RawAmicableMode::ProcedureParticipative => AmicableMode::ParticipatoryProcedure,
                RawAmicableMode::Dispense => AmicableMode::Exemption,
            },
            date: raw.date.map(|d| d.0),
            outcome: raw.resultat.as_deref().map(str::trim).filter(|s| !s.is_empty())?.to_string(),
            proof,
        })
    }

    pub(super) fn hearing(&mut self, raw: &RawHearing) -> Option<Hearing> {
        let text = raw.heure.as_deref().map(str::trim)?;
        let Ok(time) = NaiveTime::parse_from_str(text, "%H:%M") else {
            self.push(
                rules::FIELD_VALUE
                    .report(format!("heure d'audience « {text} » illisible"))
                    .field("procedure.audience.heure")
                    .hint("écrivez l'heure entre guillemets, sur 24 heures : \"09:30\", \"14:00\""),
            );
            return None;
        };
        Some(Hearing {
            date: raw.date?.0,
            time,
            room: raw.salle.clone().filter(|s| !s.trim().is_empty()),
            address: self.address(raw.adresse.as_ref()?, "procedure.audience.adresse", false)?,
        })
    }
}

/// Cross-field rules of the route blocks.
pub fn check(case: &Case) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in case.reminders.iter().filter(|r| r.disputes) {
        if case.route.dispute.is_none() {
            out.push(
                rules::DISPUTE_UNDESCRIBED
                    .report(format!(
                        "la réponse à la relance du {} conteste la créance, mais le dossier ne décrit aucune contestation",
                        date_fr(r.date)
                    ))
                    .field(join(&r.field, "contestation"))
                    .hint("ajoutez « contestation: { date: …, auteur: …, motif: … } » : elle écarte l'injonction de payer"),
            );
        }
    }
    if let Some(d) = &case.route.dispute {
        for (i, number) in d.invoices.iter().enumerate() {
            if !case.invoices.iter().any(|inv| &inv.number == number) {
                out.push(
                    rules::UNKNOWN_INVOICE
                        .report(format!("contestation : la facture « {number} » n'est pas dans le dossier"))
                        .field(item("contestation.factures", i))
                        .hint("écrivez le numéro tel qu'il figure sous « factures »"),
                );
            }
        }
        if d.date > case.computed_on {
            out.push(future("contestation.date", d.date, case));
        }
    }
    if let Some(o) = &case.procedure.order {
        rejected_invoices(case, o, &mut out);
    }
    if let Some(p) = &case.route.insolvency {
        if p.judgment > case.computed_on {
            out.push(future("procedure_collective.date_jugement", p.judgment, case));
        }
        if p.published > case.computed_on {
            out.push(future("procedure_collective.date_publication_bodacc", p.published, case));
        }
    }
    out
}

/// `factures_rejetees`: invoices of the file, on a partial ordonnance only.
fn rejected_invoices(case: &Case, order: &crate::case::model::Order, out: &mut Vec<Diagnostic>) {
    const FIELD: &str = "procedure.ordonnance.factures_rejetees";
    if !order.partial && !order.rejected_invoices.is_empty() {
        out.push(
            rules::FIELD_VALUE
                .report("des factures sont écartées alors que l'ordonnance n'est pas indiquée comme partielle")
                .field(FIELD)
                .hint("ajoutez « partielle: true » si l'ordonnance rejette le surplus, sinon retirez « factures_rejetees »"),
        );
    }
    for (i, number) in order.rejected_invoices.iter().enumerate() {
        if !case.invoices.iter().any(|inv| &inv.number == number) {
            out.push(
                rules::UNKNOWN_INVOICE
                    .report(format!("ordonnance : la facture écartée « {number} » n'est pas dans le dossier"))
                    .field(item(FIELD, i))
                    .hint("écrivez le numéro tel qu'il figure sous « factures »"),
            );
        }
    }
}

fn future(field: &str, date: chrono::NaiveDate, case: &Case) -> Diagnostic {
    rules::FUTURE_DATE
        .report(format!("{} : après la date de calcul ({})", date_fr(date), date_fr(case.computed_on)))
        .field(field)
        .hint("vérifiez la date, ou « date_calcul »")
}
