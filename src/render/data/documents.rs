//! The JSON of each document template. One function per document; the fields are the contract
//! with `templates/<document>.typ`.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};

use super::common::{ClaimSummary, LISTED_INVOICES, PartyData, claim_summary, letter_summary};
use crate::case::model::{Case, Channel, Delivery, ExhibitRole, FeePayment, Language, TermsSource};
use crate::claim::Claim;
use crate::format::data::{iso, money, rate};
use crate::plan::{Court, PieceKind, Plan, PlannedPiece, Step};

/// Fields every document has.
#[derive(Debug, Clone, Serialize)]
pub struct Base {
    /// Unique within one compilation: labels the document's first and last page.
    pub key: String,
    pub titre: String,
    pub reference: String,
    /// The date the document bears.
    pub date: String,
    pub lieu: String,
    /// Part of a merged court dossier: footers show the dossier's continuous page number.
    pub in_dossier: bool,
    pub creancier: PartyData,
    pub debiteur: PartyData,
}

pub fn base(case: &Case, key: &str, title: &str, date: NaiveDate, in_dossier: bool) -> Base {
    Base {
        key: key.to_string(),
        titre: title.to_string(),
        reference: case.reference.clone(),
        date: iso(date),
        lieu: case.signed_at.clone(),
        in_dossier,
        creancier: (&case.creditor).into(),
        debiteur: (&case.debtor).into(),
    }
}

pub(super) fn merge(base: Base, extra: Value) -> Value {
    let mut value = serde_json::to_value(base).unwrap_or(Value::Null);
    if let (Some(obj), Value::Object(extra)) = (value.as_object_mut(), extra) {
        obj.extend(extra);
    }
    value
}

/// The creditor's bank details and the transfer reference, as letters print them.
pub fn payment(case: &Case) -> Value {
    json!({
        "iban": case.creditor.iban.as_deref().map(crate::ground::ids::format_iban),
        "bic": case.creditor.bic,
        "reference": payment_reference(case),
    })
}

/// The transfer reference asked of the debtor: the case's reference and the invoice numbers, or the
/// case's reference alone when they would not fit a SEPA remittance field (140 characters).
fn payment_reference(case: &Case) -> String {
    let numbers: Vec<&str> = case.invoices.iter().map(|i| i.number.as_str()).collect();
    let full = format!("{} {}", case.reference, numbers.join(" "));
    if full.chars().count() <= 140 { full } else { case.reference.clone() }
}

pub fn channel_label(c: Channel) -> &'static str {
    match c {
        Channel::Email => "courriel",
        Channel::Letter => "courrier",
        Channel::Phone => "téléphone",
        Channel::Sms => "SMS",
        Channel::Visit => "visite",
        Channel::RegisteredLetter => "lettre recommandée",
    }
}

/// The mise en demeure as sent: date, way, tracking number, receipt and deadline.
fn notice_json(m: &crate::case::model::FormalNotice) -> Value {
    json!({
        "date": iso(m.sent),
        "envoi": delivery_code(m.delivery),
        "numero": m.tracking,
        "reception": m.received.map(iso),
        "delai_jours": m.days,
        "fin_delai": iso(m.deadline()),
    })
}

fn delivery_code(d: Delivery) -> &'static str {
    match d {
        Delivery::RegisteredLetter => "lrar",
        Delivery::ElectronicRegisteredLetter => "lre",
        Delivery::Bailiff => "commissaire_de_justice",
    }
}

pub(super) fn court_json(court: Option<&Court>, case: &Case) -> Value {
    match court {
        Some(c) => json!({
            "nom": c.name,
            "ville": c.city,
            "destinataire": c.addressee,
            "commercial": c.is_commercial(),
            "tae": c.kind == crate::case::model::CourtKind::EconomicActivities,
            "chambre_commerciale": c.commercial_chamber,
            "adresse": case.procedure.court.as_ref().and_then(|k| k.address.as_ref()).map(super::common::AddressData::from),
            "motifs": c.reasons,
        }),
        None => Value::Null,
    }
}

/// Relance letter of a level (1 courteous, 2 firm, 3 last notice before mise en demeure).
pub fn reminder(case: &Case, claim: &Claim, key: &str, level: u8) -> Value {
    let previous: Vec<Value> = case
        .reminders
        .iter()
        .filter(|r| r.channel.is_written())
        .map(|r| json!({ "date": iso(r.date), "canal": channel_label(r.channel) }))
        .collect();
    merge(
        base(case, key, &format!("Relance n° {level}"), case.computed_on, false),
        json!({
            "niveau": level,
            // The letter's heading, also the e-mail's subject: one wording, in the debtor's language.
            "intitule": reminder_heading(level, case.debtor.language),
            "relances_precedentes": previous,
            "decompte": letter_summary(case, claim),
            "delai_jours": 8,
            "paiement": payment(case),
            // The statement of account of relance 2 lists what was already paid or credited.
            "paiements": case.payments.iter().map(|p| json!({
                "date": iso(p.date),
                "montant": money(p.amount),
                "facture": p.invoice,
            })).collect::<Vec<_>>(),
            "avoirs": case.credit_notes.iter().map(|c| json!({
                "numero": c.number,
                "date": iso(c.date),
                "montant": money(c.amount),
                "facture": c.invoice,
            })).collect::<Vec<_>>(),
            // Invoices not yet due, for information only: never claimed.
            "a_echoir": claim.upcoming.iter().filter(|i| i.principal_remaining > rust_decimal::Decimal::ZERO).map(|i| json!({
                "numero": i.number,
                "echeance": iso(i.due),
                "montant": money(i.principal_remaining),
            })).collect::<Vec<_>>(),
        }),
    )
}

/// The heading of a relance of `level`, in the language of the letters to the debtor.
fn reminder_heading(level: u8, language: Language) -> &'static str {
    match (language, level) {
        (Language::French, 1) => "Relance",
        (Language::French, 2) => "Deuxième relance",
        (Language::French, _) => "Dernier rappel avant mise en demeure",
        (Language::English, 1) => "Payment reminder",
        (Language::English, 2) => "Second reminder",
        (Language::English, _) => "Final reminder before formal notice",
    }
}

/// The mise en demeure: to send (dated today), or as sent (dated its sending date).
pub fn formal_notice(case: &Case, claim: &Claim, key: &str, court: &Court) -> Value {
    let (date, envoi, days) = match &case.formal_notice {
        Some(m) => (m.sent, json!({ "mode": delivery_code(m.delivery), "numero": m.tracking }), m.days),
        None => (case.computed_on, json!({ "mode": "lrar", "numero": null }), 8),
    };
    let reminders: Vec<String> = case.reminders.iter().filter(|r| r.date <= date).map(|r| iso(r.date)).collect();
    merge(
        base(case, key, "Mise en demeure", date, false),
        json!({
            "envoi": envoi,
            "delai_jours": days,
            "relances": reminders,
            "decompte": letter_summary(case, claim),
            "juridiction": court.name,
            "paiement": payment(case),
            // Against a consumer: the creditor's médiateur de la consommation (art. L. 616-1 C. conso.).
            "mediateur": case.creditor.mediator.as_ref().filter(|_| case.debtor.is_consumer())
                .map(|m| json!({ "nom": m.name, "site": m.website })),
        }),
    )
}

/// The reminder history: every reminder, the mise en demeure and its AR, and a summary.
pub fn history(case: &Case, plan: &Plan, key: &str, in_dossier: bool) -> Value {
    use rust_decimal::Decimal;
    let piece_of = |pred: &dyn Fn(&PlannedPiece) -> bool| plan.pieces.iter().find(|p| pred(p)).map(|p| p.number);
    // What was still owed on `on` for the invoices due by `due_by`: TTC less the credit notes and
    // payments dated up to `on` (a payment naming no invoice counts for all).
    let owed = |due_by: NaiveDate, on: NaiveDate| -> Decimal {
        let due: Vec<&str> = case.invoices.iter().filter(|i| i.due <= due_by).map(|i| i.number.as_str()).collect();
        let gross: Decimal = case.invoices.iter().filter(|i| i.due <= due_by).map(|i| i.gross).sum();
        let credits: Decimal = case
            .credit_notes
            .iter()
            .filter(|c| c.date <= on && due.contains(&c.invoice.as_str()))
            .map(|c| c.amount)
            .sum();
        let paid: Decimal = case
            .payments
            .iter()
            .filter(|p| p.date <= on && p.invoice.as_deref().is_none_or(|n| due.contains(&n)))
            .map(|p| p.amount)
            .sum();
        gross - credits - paid
    };
    let payment_json = |p: &crate::case::model::Payment| json!({ "date": iso(p.date), "montant": money(p.amount), "facture": p.invoice, "reference": p.reference });
    // How a promise turned out: kept (nothing left owed on the invoices then due), partly kept
    // (a payment between the reminder and the promised day), broken, or not yet due.
    let outcome = |said: NaiveDate, promised: NaiveDate| -> (&'static str, Vec<Value>) {
        let window: Vec<Value> =
            case.payments.iter().filter(|p| p.date > said && p.date <= promised).map(payment_json).collect();
        let status = if owed(said, promised) <= Decimal::ZERO {
            "tenue"
        } else if promised > case.computed_on {
            "a_venir"
        } else if window.is_empty() {
            "non_tenue"
        } else {
            "partielle"
        };
        (status, window)
    };
    let mut broken = 0;
    let mut partial = 0;
    let rows: Vec<Value> = case
        .reminders
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (status, payments) = match r.promised {
                Some(d) => {
                    let (s, p) = outcome(r.date, d);
                    (Some(s), p)
                }
                None => (None, Vec::new()),
            };
            match status {
                Some("non_tenue") => broken += 1,
                Some("partielle") => partial += 1,
                _ => {}
            }
            json!({
                "date": iso(r.date),
                "canal": channel_label(r.channel),
                "interlocuteur": r.contact,
                "resume": r.summary,
                "reponse": r.answer,
                "promesse": r.promised.map(iso),
                // A promise not yet due counts as kept so far.
                "promesse_tenue": status.map(|s| s == "tenue" || s == "a_venir"),
                // tenue | partielle | non_tenue | a_venir
                "promesse_suite": status,
                "promesse_reglements": payments,
                "piece": piece_of(&|p: &PlannedPiece| p.reminder == Some(i)),
            })
        })
        .collect();
    let mut by_channel: Vec<(Channel, usize)> = Vec::new();
    for r in &case.reminders {
        match by_channel.iter_mut().find(|(c, _)| *c == r.channel) {
            Some((_, n)) => *n += 1,
            None => by_channel.push((r.channel, 1)),
        }
    }
    let first_due = case.invoices.iter().map(|i| i.due).min();
    let notice = case.formal_notice.as_ref().map(|m| {
        let mut data = notice_json(m);
        data["expire"] = json!(m.deadline() < case.computed_on);
        data["reglements_apres"] =
            json!(case.payments.iter().filter(|p| p.date >= m.sent).map(payment_json).collect::<Vec<_>>());
        data["piece"] = json!(piece_of(&|p: &PlannedPiece| p.kind == PieceKind::FormalNotice));
        data["piece_ar"] = json!(piece_of(&|p: &PlannedPiece| p.kind == PieceKind::Receipt));
        data
    });
    merge(
        base(case, key, "Historique des relances", case.computed_on, in_dossier),
        json!({
            "relances": rows,
            "mise_en_demeure": notice,
            // Payments received, for the chronology.
            "reglements": case.payments.iter().map(payment_json).collect::<Vec<_>>(),
            "avoirs": case.credit_notes.iter().map(|c| json!({ "numero": c.number, "date": iso(c.date), "facture": c.invoice, "montant": money(c.amount), "motif": c.reason })).collect::<Vec<_>>(),
            "synthese": {
                "premiere_echeance": first_due.map(iso),
                "jours_depuis_echeance": first_due.map(|d| (case.computed_on - d).num_days()),
                "premiere_relance": case.reminders.iter().map(|r| r.date).min().map(iso),
                "derniere_relance": case.reminders.iter().map(|r| r.date).max().map(iso),
                "par_canal": by_channel.iter().map(|(c, n)| json!({ "canal": channel_label(*c), "nombre": n })).collect::<Vec<_>>(),
                "nombre_relances": case.reminders.len(),
                "promesses": case.reminders.iter().filter(|r| r.promised.is_some()).count(),
                // Broken: not kept at all, or only partly (counted in both).
                "promesses_non_tenues": broken + partial,
                "promesses_partielles": partial,
            },
        }),
    )
}

/// The detailed décompte: per invoice, credits, payments, every interest segment.
pub fn statement(case: &Case, claim: &Claim, key: &str, in_dossier: bool) -> Value {
    let lines = super::common::interest_lines(claim);
    let reasons: std::collections::HashMap<&str, Option<&str>> =
        case.credit_notes.iter().map(|c| (c.number.as_str(), c.reason.as_deref())).collect();
    let invoices: Vec<Value> = claim
        .invoices
        .iter()
        .zip(lines)
        .map(|(i, lines)| {
            let first = lines.map_or(1, |(first, _)| first);
            let segments: Vec<Value> = i
                .segments
                .iter()
                .enumerate()
                .map(|(n, s)| {
                    let mut v = crate::claim::segment_json(s, rate);
                    v["ligne"] = json!(first + n);
                    v
                })
                .collect();
            json!({
                "numero": i.number,
                "date": iso(i.date),
                "echeance": iso(i.due),
                "ttc": money(i.gross),
                "avoirs": i.credits.iter().map(|c| json!({ "numero": c.number, "date": iso(c.date), "montant": money(c.amount), "effet_facture": c.from_invoice, "motif": reasons.get(c.number.as_str()).copied().flatten() })).collect::<Vec<_>>(),
                "paiements": i.payments.iter().map(|p| json!({
                    "date": iso(p.date),
                    "montant": money(p.payment_amount),
                    "interets": money(p.to_interest),
                    "principal": money(p.to_principal),
                    "designe": p.designated,
                })).collect::<Vec<_>>(),
                "segments": segments,
                "lignes": lines,
                "principal_restant": money(i.principal_remaining),
                "interets_courus": money(i.interest_accrued),
                "interets_payes": money(i.interest_paid),
                "interets_restants": money(i.interest_remaining),
                "indemnite": money(i.indemnity),
                "total": money(i.total),
            })
        })
        .collect();
    merge(
        base(case, key, "Décompte de la créance", claim.computed_on, in_dossier),
        json!({
            "factures": invoices,
            "resume": claim_summary(case, claim),
            // Drawn up to a procédure collective's opening judgment: nothing runs after it.
            "cours_arrete": case.interest_stop() == Some(claim.computed_on),
        }),
    )
}

pub(super) fn pieces_json(plan: &Plan) -> Vec<Value> {
    plan.pieces
        .iter()
        .map(|p| json!({ "numero": p.number, "intitule": p.title, "date": p.date.map(iso), "key": piece_key(p.number), "nature": p.kind }))
        .collect()
}

/// The key of a pièce's part in the merged compilation.
pub fn piece_key(number: usize) -> String {
    format!("piece-{number}")
}

/// What the claim rests on, with the pièce numbers that prove it (art. 1407 CPC: fondement).
pub(super) fn basis(case: &Case, claim: &Claim, plan: &Plan) -> Value {
    let numbers = |kind: PieceKind| plan.pieces.iter().filter(|p| p.kind == kind).map(|p| p.number).collect::<Vec<_>>();
    let listed = |kind: PieceKind| {
        plan.pieces
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| json!({ "numero": p.number, "intitule": p.title, "date": p.date.map(iso) }))
            .collect::<Vec<_>>()
    };
    // The n-th pièce of a kind proves the n-th invoice or delivery note (numbered in that order).
    let (invoice_pieces, delivery_pieces) = (numbers(PieceKind::Invoice), numbers(PieceKind::DeliveryNote));
    let nth = |kind: PieceKind, n: usize| {
        let of_kind = if kind == PieceKind::Invoice { &invoice_pieces } else { &delivery_pieces };
        of_kind.get(n).copied()
    };
    let from_exhibits = || {
        let has = |role: ExhibitRole| case.exhibits.iter().any(|e| e.role == role);
        if has(ExhibitRole::Contract) {
            "contrat"
        } else if has(ExhibitRole::Quote) {
            "devis accepté"
        } else if has(ExhibitRole::PurchaseOrder) {
            "bon de commande"
        } else if has(ExhibitRole::Cgv) {
            "conditions générales de vente"
        } else {
            "accord des parties"
        }
    };
    let terms = match case.terms.source {
        Some(TermsSource::Cgv) => "conditions générales de vente",
        Some(TermsSource::Contract) => "contrat",
        Some(TermsSource::Quote) => "devis accepté",
        Some(TermsSource::PurchaseOrder) => "bon de commande",
        Some(TermsSource::Invoice) => "conditions portées sur les factures",
        None => from_exhibits(),
    };
    let subjects: Vec<String> = case.invoices.iter().filter_map(|i| i.subject.clone()).collect();
    let agreements = case
        .exhibits
        .iter()
        .filter(|e| matches!(e.role, ExhibitRole::Contract | ExhibitRole::Quote | ExhibitRole::PurchaseOrder));
    let mut credit_pieces = plan.pieces.iter().filter(|p| p.kind == PieceKind::CreditNote).map(|p| p.number);
    let credit_notes: Vec<Value> = case
        .credit_notes
        .iter()
        .map(|c| {
            let piece = if c.file.is_some() { credit_pieces.next() } else { None };
            json!({
                "numero": c.number,
                "date": iso(c.date),
                "facture": c.invoice,
                "montant": money(c.amount),
                "motif": c.reason,
                // Dated back to the invoice (a defect, a price reduction): no interest ever ran on it.
                "effet_facture": c.effect == crate::case::model::CreditEffect::FromInvoice,
                "piece": piece,
            })
        })
        .collect();
    json!({
        "conditions": terms,
        "objets": subjects,
        "pieces_contrat": numbers(PieceKind::Contract),
        "pieces_cgv": numbers(PieceKind::Cgv),
        "pieces_factures": numbers(PieceKind::Invoice),
        "pieces_livraisons": numbers(PieceKind::DeliveryNote),
        "pieces_relances": numbers(PieceKind::ReminderProof),
        // Contract, quote or purchase order, and the CGV, as listed in the bordereau; a contract
        // names the invoices it concerns when not all (numbered in the order of `pieces`).
        "contrats": listed(PieceKind::Contract).into_iter().zip(agreements).map(|(mut c, e)| {
            c["factures"] = json!(e.invoices);
            c
        }).collect::<Vec<_>>(),
        "cgv": listed(PieceKind::Cgv),
        "factures": case.invoices.iter().enumerate().map(|(n, i)| json!({
            "numero": i.number,
            "date": iso(i.date),
            "echeance": iso(i.due),
            "objet": i.subject,
            "ttc": money(i.gross),
            "bons_de_livraison": i.delivery_notes,
            "piece": nth(PieceKind::Invoice, n),
        })).collect::<Vec<_>>(),
        "avoirs": credit_notes,
        "paiements": payments_split(case, claim),
        "relances": {
            "nombre": case.reminders.len(),
            "ecrites": case.reminders.iter().filter(|r| r.channel.is_written()).count(),
            "premiere": case.reminders.iter().map(|r| r.date).min().map(iso),
            "derniere": case.reminders.iter().map(|r| r.date).max().map(iso),
            // Written answers acknowledging the debt (art. 2240 C. civ.): they interrupt prescription.
            "reconnaissances": case.reminders.iter().filter(|r| r.acknowledges && r.channel.is_written()).map(|r| json!({
                "date": iso(r.date),
                "canal": channel_label(r.channel),
                "reponse": r.answer,
            })).collect::<Vec<_>>(),
        },
        "mise_en_demeure": case.formal_notice.as_ref().map(|m| {
            let mut data = notice_json(m);
            data["piece"] = json!(numbers(PieceKind::FormalNotice).first());
            data["piece_ar"] = json!(numbers(PieceKind::Receipt).first());
            data
        }),
        "livraisons": case.delivery_notes.iter().enumerate().map(|(n, d)| json!({
            "numero": d.number,
            "date": iso(d.date),
            "signe_par": d.signed_by,
            "piece": nth(PieceKind::DeliveryNote, n),
        })).collect::<Vec<_>>(),
    })
}

/// Each payment as received, with how much of it went to interest and to principal (art. 1343-1
/// C. civ.), summed over the invoices it was imputed on; payments after the décompte's date have none.
fn payments_split(case: &Case, claim: &Claim) -> Vec<Value> {
    use rust_decimal::Decimal;
    let imputations: Vec<&crate::claim::Imputation> =
        claim.invoices.iter().chain(&claim.upcoming).flat_map(|i| &i.payments).collect();
    case.payments
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let mine = imputations.iter().filter(|m| m.payment == k);
            let (interest, principal) =
                mine.fold((Decimal::ZERO, Decimal::ZERO), |(i, pr), m| (i + m.to_interest, pr + m.to_principal));
            json!({
                "date": iso(p.date),
                "montant": money(p.amount),
                "facture": p.invoice,
                "interets": money(interest),
                "principal": money(principal),
            })
        })
        .collect()
}

/// A natural person trading under a name (an EI): in a court document the person is the party, so
/// `nom` becomes the person's name (« M. Thomas Lefèvre ») and the trade name goes to
/// `nom_commercial` for `court-identity()` (« exerçant sous le nom commercial « … » »).
pub(super) fn with_trade_names(mut value: Value, case: &Case) -> Value {
    for (field, party) in [("creancier", &case.creditor), ("debiteur", &case.debtor)] {
        let natural =
            matches!(party.kind, crate::case::model::PartyKind::SoleTrader | crate::case::model::PartyKind::Individual);
        if let (true, Some(name), Some(Value::Object(obj))) = (natural, &party.company_name, value.get_mut(field)) {
            obj.insert("nom_commercial".into(), json!(name));
            if let Some(person) = &party.person {
                let civility = person.civility.map(|c| match c {
                    crate::case::model::Civility::Mr => "M.",
                    crate::case::model::Civility::Mrs => "Mme",
                });
                let full: Vec<&str> = [civility, person.first_name.as_deref(), Some(person.last_name.as_str())]
                    .into_iter()
                    .flatten()
                    .collect();
                obj.insert("nom".into(), json!(full.join(" ")));
            }
        }
    }
    value
}

/// Requête en injonction de payer: tribunal judiciaire (Cerfa 12948) or commercial court.
pub fn payment_order_request(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> Value {
    use crate::claim::Regime;
    let court = plan.court.as_ref();
    // How interest runs after the décompte's date, for "PAR CES MOTIFS".
    let interest = match &claim.regime {
        Regime::ProfessionalLegalRate => json!({ "regime": "penalites_legales", "taux": null, "depuis": null }),
        Regime::ProfessionalContractRate { rate: r } => {
            json!({ "regime": "penalites_contractuelles", "taux": rate(*r), "depuis": null })
        }
        Regime::ConsumerLegalInterest { from, category } => {
            json!({ "regime": "interet_legal", "taux": null, "depuis": from.map(iso), "categorie": category })
        }
        Regime::ConsumerContractRate { rate: r } => {
            json!({ "regime": "taux_contractuel", "taux": rate(*r), "depuis": null })
        }
    };
    let penalty_clause = case.terms.penalty_clause.map(|c| match c {
        crate::case::model::PenaltyClause::Percent(p) => json!({ "type": "pourcentage", "valeur": rate(p) }),
        crate::case::model::PenaltyClause::Amount(a) => json!({ "type": "montant", "valeur": money(a) }),
    });
    let joined = |kind: crate::plan::DocKind| plan.documents.iter().any(|d| d.kind == kind);
    let value = merge(
        base(case, key, "Requête en injonction de payer", case.computed_on, true),
        json!({
            "variante": if court.is_some_and(Court::is_commercial) { "tribunal_de_commerce" } else { "tribunal_judiciaire" },
            "juridiction": court_json(court, case),
            "decompte": letter_summary(case, claim),
            "interets": interest,
            "clause_penale": penalty_clause,
            "fondement": basis(case, claim, plan),
            "pieces": pieces_json(plan),
            // Art. 1408 CPC: a referral on opposition only makes sense to another court than the
            // one addressed, where an opposition goes anyway (art. 1417): none is asked.
            "renvoi": Value::Null,
            // Against a consumer, the two years of art. L. 218-2 C. conso.: the first to run out.
            "prescription": case.debtor.is_consumer().then(|| {
                case.invoices
                    .iter()
                    .filter_map(|i| case.limitation_of(i).map(|(start, end)| (end, start, i)))
                    .min_by_key(|(end, start, _)| (*end, *start))
                    .map(|(end, start, invoice)| {
                        // What the starting day is: a payment, the delivery or the invoice.
                        let delivery = case.performance_of(invoice).filter(|(date, _)| *date == start);
                        let from = if case.payments.iter().any(|p| p.date == start && p.invoice.as_deref() == Some(invoice.number.as_str())) {
                            "paiement".to_string()
                        } else if let Some((_, note)) = delivery {
                            format!("livraison, bon n° {}", note.number)
                        } else {
                            "facture".to_string()
                        };
                        json!({ "facture": invoice.number, "depart": iso(start), "fin": iso(end), "depart_motif": from })
                    })
            }).flatten(),
            "decompte_joint": joined(crate::plan::DocKind::Statement),
            "historique_joint": joined(crate::plan::DocKind::History),
        }),
    );
    with_trade_names(value, case)
}

pub fn exhibit_list(case: &Case, plan: &Plan, key: &str) -> Value {
    let order = case.procedure.order.as_ref().map(|o| json!({ "date": iso(o.date), "numero": o.number }));
    merge(
        base(case, key, "Bordereau de pièces", case.computed_on, true),
        json!({
            "procedure": plan.step.label(),
            // injonction_de_payer | petites_creances | signification …
            "etape": plan.step.code(),
            "juridiction": court_json(plan.court.as_ref(), case),
            "commissaire": bailiff(case),
            "ordonnance": order,
            "pieces": pieces_json(plan),
            "procedure_collective": case.open_insolvency().map(|p| json!({
                "libelle": p.kind.label(),
                "tribunal": p.court,
                "mandataire": { "titre": p.kind.trustee_title(), "nom": p.trustee.name },
            })),
        }),
    )
}

pub(super) fn bailiff(case: &Case) -> Value {
    match &case.procedure.bailiff {
        Some(b) => {
            json!({ "etude": b.office, "adresse": super::common::AddressData::from(&b.address), "email": b.email })
        }
        None => Value::Null,
    }
}

/// The creditor's proposal: `n` monthly instalments of the total, rounded down to the cent, the
/// last one taking the remainder, so that they add up to the total exactly.
fn proposal_json(case: &Case, claim: &Claim) -> Value {
    let Some(p) = case.procedure.proposal else { return Value::Null };
    let total = claim.totals.total_due;
    let n = rust_decimal::Decimal::from(p.instalments);
    let each = (total / n).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero);
    let last = total - each * (n - rust_decimal::Decimal::ONE);
    json!({
        "mensualites": p.instalments,
        "montant": money(each),
        "derniere": money(last),
        "premiere": iso(p.first),
        "total": money(total),
    })
}

pub fn small_claims_request(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> Value {
    let value = merge(
        base(case, key, "Demande de recouvrement de petite créance", case.computed_on, true),
        json!({
            "commissaire": bailiff(case),
            "decompte": letter_summary(case, claim),
            "fondement": basis(case, claim, plan),
            "pieces": pieces_json(plan),
            "plafond": money(crate::plan::SMALL_CLAIMS_CEILING),
            // What the ceiling of art. R. 125-1 CPCE is measured against: principal and interest.
            "principal_interets": money(crate::plan::step::small_claims_base(claim)),
            "proposition": proposal_json(case, claim),
        }),
    );
    with_trade_names(value, case)
}

/// Documents enclosed with a cover letter: the other documents of the dossier.
pub(super) fn enclosed(plan: &Plan) -> Vec<Value> {
    plan.documents.iter().skip(1).map(|d| json!({ "titre": d.title })).collect()
}

pub fn registry_letter(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> Value {
    merge(
        base(case, key, "Lettre au greffe", case.computed_on, true),
        json!({
            "juridiction": court_json(plan.court.as_ref(), case),
            "documents": enclosed(plan),
            "nombre_pieces": plan.pieces.len(),
            "total": money(claim.totals.total_due),
            "frais": {
                "montant": case.procedure.registry_fee.map(money),
                // papier | tribunal_digital (online filing exists at commercial courts only).
                "depot": match (case.procedure.filing_channel(), plan.court.as_ref().is_some_and(Court::is_commercial)) {
                    (crate::case::model::Filing::TribunalDigital, true) => "tribunal_digital",
                    _ => "papier",
                },
                // Cheque unless the case says otherwise (schema default of `reglement_frais`).
                "mode": match case.procedure.fee_payment.unwrap_or(FeePayment::Cheque) {
                    FeePayment::Cheque => "cheque",
                    FeePayment::Transfer => "virement",
                    FeePayment::Online => "en_ligne",
                },
            },
        }),
    )
}

pub fn bailiff_letter(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> Value {
    use crate::plan::title::{Regime, service_deadline};
    let order = case.procedure.order.as_ref().map(|o| {
        let regime = Regime::of(o.date);
        json!({
            "date": iso(o.date),
            "numero": o.number,
            "fin_signification": iso(service_deadline(o.date)),
            // Months the ordonnance has to be served in (art. 1411 CPC): 6, or 3 from 1 September 2026.
            "delai_mois": regime.service_months(),
            // What enforcement needs, by the law in force on the ordonnance's date (plan::title):
            // formule_a_demander (before 1 March 2022) | certificat | sans_avis (from 1 September 2026).
            "regime": regime.code(),
            // Months after service before enforcement: 1, or 2 from 1 September 2026.
            "attente_mois": regime.waiting_months(),
            // Only part of the claim granted: serving it accepts the reduction (art. 1409 CPC).
            "partielle": o.partial,
            "factures_rejetees": o.rejected_invoices.iter().filter(|n| case.rejected_by_title(n)).collect::<Vec<_>>(),
        })
    });
    let value = merge(
        base(case, key, "Lettre au commissaire de justice", case.computed_on, true),
        json!({
            "objet": match plan.step {
                Step::Service => "signification",
                Step::InterimPayment | Step::Merits => "assignation",
                _ => "petites_creances",
            },
            "assignation": super::routes::summons_for_bailiff(case, plan),
            "commissaire": bailiff(case),
            "juridiction": court_json(plan.court.as_ref(), case),
            "ordonnance": order,
            "documents": enclosed(plan),
            "nombre_pieces": plan.pieces.len(),
            "total": money(crate::plan::enforcement::total_due(claim, plan.step)),
            // The décompte handed over is the title's (the sums the ordonnance grants).
            "selon_titre": plan.step == Step::Service && claim.title.is_some(),
            // Petites créances: the ceiling of art. R. 125-1 CPCE applies to principal and interest.
            "principal_interets": money(crate::plan::step::small_claims_base(claim)),
            "plafond": money(crate::plan::SMALL_CLAIMS_CEILING),
        }),
    );
    with_trade_names(value, case)
}

pub fn debtor_sheet(case: &Case, key: &str) -> Value {
    use crate::case::model::PaymentMethod;
    let d = &case.debtor;
    // Not the invoices a partial ordonnance rejected: they are no longer claimed (art. 1409 CPC).
    let claimed: Vec<&str> =
        case.invoices.iter().map(|i| i.number.as_str()).filter(|n| !case.rejected_by_title(n)).collect();
    let value = merge(
        base(case, key, "Fiche d'identification du débiteur", case.computed_on, true),
        json!({
            "siret": d.siret.as_deref().map(crate::ground::ids::format_siren),
            "tva": d.vat_number,
            "email": d.email,
            "telephone": d.phone,
            // What the case file tells about the debtor, for enforcement; nothing is guessed.
            "factures": claimed.iter().take(LISTED_INVOICES).collect::<Vec<_>>(),
            "factures_autres": claimed.len().checked_sub(LISTED_INVOICES).filter(|n| *n > 0)
                .map(|n| crate::format::amount(rust_decimal::Decimal::from(n)).trim_end_matches(",00").to_string()),
            "ordonnance": case.procedure.order.as_ref().map(|o| json!({
                "date": iso(o.date),
                "numero": o.number,
                "juridiction": court_json(Some(&crate::plan::competent_court(case)), case),
            })),
            "interlocuteurs": case.reminders.iter().filter_map(|r| r.contact.as_ref().map(|c| json!({
                "nom": c,
                "date": iso(r.date),
                "canal": channel_label(r.channel),
            }))).collect::<Vec<_>>(),
            "declarations": case.reminders.iter().filter_map(|r| r.answer.as_ref().map(|a| json!({
                "date": iso(r.date),
                "canal": channel_label(r.channel),
                "reponse": a,
            }))).collect::<Vec<_>>(),
            "signataires_livraisons": case.delivery_notes.iter().filter_map(|n| n.signed_by.as_ref().map(|s| json!({
                "nom": s,
                "bon": n.number,
                "date": iso(n.date),
            }))).collect::<Vec<_>>(),
            "biens_connus": super::enforcement::assets_json(case),
            "paiements": case.payments.iter().map(|p| json!({
                "date": iso(p.date),
                "montant": money(p.amount),
                "mode": p.method.map(|m| match m {
                    PaymentMethod::Transfer => "virement",
                    PaymentMethod::Cheque => "chèque",
                    PaymentMethod::Card => "carte bancaire",
                    PaymentMethod::Cash => "espèces",
                    PaymentMethod::DirectDebit => "prélèvement",
                    PaymentMethod::Bill => "effet de commerce",
                    PaymentMethod::Other => "autre",
                }),
                "reference": p.reference,
            })).collect::<Vec<_>>(),
        }),
    );
    with_trade_names(value, case)
}

/// A statement established from an invoice's data when no copy of the invoice is supplied.
pub fn invoice_statement(case: &Case, index: usize, piece: &PlannedPiece) -> Value {
    let inv = &case.invoices[index.min(case.invoices.len().saturating_sub(1))];
    let lines: Vec<Value> = inv
        .lines
        .iter()
        .map(|l| {
            let amount = match (l.quantity, l.unit_price) {
                (Some(q), Some(p)) => Some(money(crate::claim::rounding::cents(q * p))),
                _ => None,
            };
            json!({
                "designation": l.designation,
                "quantite": l.quantity.map(rate),
                "prix_unitaire": l.unit_price.map(|p| p.normalize().to_string()),
                "taux_tva": l.vat_rate.map(rate),
                "montant_ht": amount,
            })
        })
        .collect();
    established_statement(
        case,
        piece,
        ("facture", "facture"),
        json!({
            "numero": inv.number,
            "date": iso(inv.date),
            "echeance": iso(inv.due),
            "objet": inv.subject,
            "lignes": lines,
            "ht": money(inv.net),
            "tva": money(inv.vat),
            "ttc": money(inv.gross),
            "bons_de_livraison": inv.delivery_notes,
        }),
    )
}

/// A statement established from a delivery note's data when no copy is supplied.
pub fn delivery_note_statement(case: &Case, index: usize, piece: &PlannedPiece) -> Value {
    let note = &case.delivery_notes[index.min(case.delivery_notes.len().saturating_sub(1))];
    let invoices: Vec<&str> =
        case.invoices.iter().filter(|i| i.delivery_notes.contains(&note.number)).map(|i| i.number.as_str()).collect();
    established_statement(
        case,
        piece,
        ("bon_de_livraison", "bon"),
        json!({
            "numero": note.number,
            "date": iso(note.date),
            "signe_par": note.signed_by,
            "factures": invoices,
        }),
    )
}

/// A relevé standing in for a document not supplied: the pièce, its `nature` and, under `field`,
/// what the case says of the document.
fn established_statement(case: &Case, piece: &PlannedPiece, (nature, field): (&str, &str), document: Value) -> Value {
    let mut data = json!({
        "nature": nature,
        "piece": { "numero": piece.number, "intitule": piece.title },
    });
    data[field] = document;
    merge(base(case, &piece_key(piece.number), &piece.title, case.computed_on, true), data)
}

/// The claim summary alone, for callers that print it (tests, `plan`).
pub fn summary(case: &Case, claim: &Claim) -> ClaimSummary {
    claim_summary(case, claim)
}
