//! The JSON of the documents of the court routes: déclaration de créance, requête en relevé de
//! forclusion, assignations (référé-provision and au fond). Same contract as `documents.rs`.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::common::{AddressData, letter_summary};
use super::documents::{base, basis, court_json, merge, pieces_json, with_trade_names};
use crate::case::model::{Case, SignatoryKind};
use crate::claim::Claim;
use crate::format::data::{iso, money};
use crate::plan::{PieceKind, Plan, Step};

/// Who signs for the creditor: its legal representative, or the signatory of the case with the
/// pièce number of the power they act under.
pub fn signatory(case: &Case, plan: &Plan) -> Value {
    let Some(s) = &case.route.signatory else { return Value::Null };
    let power = plan.pieces.iter().find(|p| p.kind == PieceKind::Power).map(|p| p.number);
    json!({
        "qualite": match s.kind {
            SignatoryKind::Lawyer => "avocat",
            SignatoryKind::Agent => "mandataire",
            SignatoryKind::Employee => "prepose",
        },
        "nom": s.name,
        "fonction": s.function,
        "barreau": s.bar,
        "toque": s.toque,
        "adresse": s.address.as_ref().map(AddressData::from),
        "email": s.email,
        "piece_pouvoir": power,
    })
}

/// The procédure collective as the documents name it.
fn insolvency(case: &Case) -> Value {
    let Some(p) = case.open_insolvency() else { return Value::Null };
    let (declare, relief) = crate::plan::route::insolvency_dates(case, p);
    let organs: Vec<Value> = [
        p.administrator.as_ref().map(|t| organ(t, "administrateur judiciaire")),
        p.plan_supervisor.as_ref().map(|t| organ(t, "commissaire à l’exécution du plan")),
    ]
    .into_iter()
    .flatten()
    .collect();
    json!({
        "libelle": p.kind.label(),
        "de": p.kind.of_label(),
        "liquidation": p.kind == crate::case::model::InsolvencyKind::Liquidation,
        "article": p.kind.applying_article(),
        "jugement": iso(p.judgment),
        "tribunal": p.court,
        "numero": p.number,
        "publication": iso(p.published),
        "mandataire": {
            "titre": p.kind.trustee_title(),
            "nom": p.trustee.name,
            "adresse": AddressData::from(&p.trustee.address),
            "email": p.trustee.email,
        },
        "juge_commissaire": p.supervising_judge,
        "fin_declaration": iso(declare),
        "distance": crate::plan::route::creditor_far(case),
        "fin_releve": iso(relief),
        "avertissement_recu": p.notice_received,
        "omise": p.omitted_from_list,
        // Present at a relevé de forclusion beside the mandataire (en présence de).
        "organes": organs,
    })
}

fn organ(t: &crate::case::model::Trustee, title: &str) -> Value {
    json!({ "nom": t.name, "titre": title, "adresse": AddressData::from(&t.address) })
}

/// Invoices to fall due after the opening judgment: declared with their due dates (art. L.
/// 622-25 C. com.), for the principal still owed, without penalties or indemnity.
fn upcoming(claim: &Claim) -> (Vec<Value>, Decimal) {
    let rows = claim
        .upcoming
        .iter()
        .filter(|i| i.principal_remaining > Decimal::ZERO)
        .map(|i| {
            json!({
                "numero": i.number,
                "date": iso(i.date),
                "echeance": iso(i.due),
                "ttc": money(i.gross),
                "reste": money(i.principal_remaining),
            })
        })
        .collect();
    (rows, claim.upcoming.iter().map(|i| i.principal_remaining).sum())
}

/// A case already before a court: a pending assignation, or an ordonnance (art. R. 622-23 3°).
fn pending(case: &Case) -> Value {
    if let Some(o) = &case.procedure.order {
        return json!({ "type": "ordonnance", "date": iso(o.date), "numero": o.number });
    }
    Value::Null
}

/// Déclaration de créance to the mandataire judiciaire (art. L. 622-24, L. 622-25 and R. 622-23
/// C. com.): sums due at the opening judgment, sums to fall due, interest, sûreté, signatory.
pub fn claim_declaration(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> Value {
    let (to_fall_due, upcoming_total) = upcoming(claim);
    let value = merge(
        base(case, key, "Déclaration de créance", case.computed_on, plan.merged),
        json!({
            "procedure_collective": insolvency(case),
            "decompte": letter_summary(case, claim),
            "a_echoir": to_fall_due,
            "total_echu": money(claim.totals.total_due),
            "total_a_echoir": money(upcoming_total),
            "total_declare": money(claim.totals.total_due + upcoming_total),
            "fondement": basis(case, claim, plan),
            "pieces": pieces_json(plan),
            "instance": pending(case),
            "signataire": signatory(case, plan),
            // With a requête en relevé de forclusion: the declaration sent beside it.
            "avec_releve": plan.step == Step::ForeclosureRelief,
        }),
    );
    with_trade_names(value, case)
}

/// Requête en relevé de forclusion to the juge-commissaire (art. L. 622-26 C. com.).
pub fn foreclosure_request(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> Value {
    let (_, upcoming_total) = upcoming(claim);
    let declaration = plan.documents.iter().any(|d| d.kind == crate::plan::DocKind::ClaimDeclaration);
    let value = merge(
        base(case, key, "Requête en relevé de forclusion", case.computed_on, plan.merged),
        json!({
            "procedure_collective": insolvency(case),
            "decompte": letter_summary(case, claim),
            "total_declare": money(claim.totals.total_due + upcoming_total),
            "fondement": basis(case, claim, plan),
            "pieces": pieces_json(plan),
            "declaration_jointe": declaration,
            // The declaration goes to the mandataire the same day as the requête.
            "date_declaration": iso(case.computed_on),
            "piece_omission": plan.pieces.iter().find(|p| p.kind == PieceKind::OmissionProof).map(|p| p.number),
            "signataire": signatory(case, plan),
        }),
    );
    with_trade_names(value, case)
}

/// The assignation, référé-provision or au fond: parties, court and hearing, facts and means,
/// the décompte, art. 700 and dépens, the art. 56 warning, the pièces.
pub fn summons(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> Value {
    let court = plan.court.as_ref();
    let commercial = court.is_some_and(crate::plan::Court::is_commercial);
    let interim = plan.step == Step::InterimPayment;
    let rep = crate::plan::route::representation(commercial, plan.step, claim.totals.total_due);
    let hearing = case.procedure.hearing.as_ref().map(|h| {
        json!({
            "date": iso(h.date),
            "heure": h.time.format("%-H h %M").to_string(),
            "salle": h.room,
            "adresse": AddressData::from(&h.address),
        })
    });
    let dispute = case.route.dispute.as_ref().map(|d| {
        let piece = plan.pieces.iter().find(|p| p.kind == PieceKind::Dispute).map(|p| p.number);
        json!({
            "date": iso(d.date),
            "auteur": d.author,
            "motif": d.reason,
            "factures": d.invoices,
            "piece": piece,
        })
    });
    let amicable = case.procedure.amicable.as_ref().map(|a| {
        let piece = plan.pieces.iter().find(|p| p.kind == PieceKind::AmicableAttempt).map(|p| p.number);
        json!({
            "mode": match a.mode {
                crate::case::model::AmicableMode::Conciliation => "conciliation",
                crate::case::model::AmicableMode::Mediation => "mediation",
                crate::case::model::AmicableMode::ParticipatoryProcedure => "procedure_participative",
                crate::case::model::AmicableMode::Exemption => "dispense",
            },
            "date": a.date.map(iso),
            "resultat": a.outcome,
            "piece": piece,
        })
    });
    let title = if interim { "Assignation en référé-provision" } else { "Assignation en paiement" };
    let value = merge(
        base(case, key, title, case.computed_on, plan.merged),
        json!({
            "refere": interim,
            "variante": if commercial { "tribunal_de_commerce" } else { "tribunal_judiciaire" },
            "juridiction": court_json(court, case),
            "audience": hearing,
            "representation": rep,
            "tentative_amiable": amicable,
            "contestation": dispute,
            "decompte": letter_summary(case, claim),
            "fondement": basis(case, claim, plan),
            "pieces": pieces_json(plan),
            "signataire": signatory(case, plan),
            "commissaire": super::documents::bailiff(case),
            "article_700": case.procedure.article_700.map(money),
            // What the claim amounts to once art. 700 is added (dépens apart).
            "total_demande": money(claim.totals.total_due + case.procedure.article_700.unwrap_or_default()),
        }),
    );
    with_trade_names(value, case)
}

/// What the commissaire de justice is asked for an assignation: the act, the hearing, the last
/// days to serve it and to place its copy at the greffe (`legal_rules`).
pub fn summons_for_bailiff(case: &Case, plan: &Plan) -> Value {
    if !plan.step.is_summons() {
        return Value::Null;
    }
    let commercial = plan.court.as_ref().is_some_and(crate::plan::Court::is_commercial);
    let hearing = case.procedure.hearing.as_ref();
    let deadlines: Vec<Value> = hearing
        .map(|h| crate::plan::route::hearing_deadlines(commercial, plan.step, h.date))
        .unwrap_or_default()
        .into_iter()
        .map(|d| json!({ "regle": d.regle, "quoi": d.quoi, "date": iso(d.date), "article": d.article }))
        .collect();
    json!({
        "refere": plan.step == Step::InterimPayment,
        "audience": hearing.map(|h| json!({ "date": iso(h.date), "heure": h.time.format("%-H h %M").to_string() })),
        "delais": deadlines,
    })
}
