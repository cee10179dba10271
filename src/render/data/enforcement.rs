//! The JSON of the documents after service of the ordonnance: the certificat request, the
//! no-notice statement, the décompte under the title and the enforcement request. Every figure
//! comes from `claim::title`; the dates from `plan::enforcement`.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::documents::{Base, bailiff, base, court_json, merge, with_trade_names};
use crate::case::enforcement::{GrantedRate, ServiceMode};
use crate::case::model::{Case, Order};
use crate::claim::Claim;
use crate::claim::title::TitleClaim;
use crate::format::data::{iso, money, rate};
use crate::plan::title::Regime;
use crate::plan::{DocKind, Plan};

/// The ordonnance and its life, as every document after service prints it.
fn order_json(case: &Case, order: &Order, plan: &Plan) -> Value {
    let t = plan.enforcement.as_ref();
    json!({
        "date": iso(order.date),
        "numero": order.number,
        "regime": Regime::of(order.date).code(),
        "juridiction": court_json(plan.court.as_ref(), case),
        "signification": order.service.as_ref().map(|s| json!({
            "date": iso(s.date),
            "commissaire": s.officer,
            "mode": match s.mode {
                ServiceMode::InPerson => "a_personne",
                ServiceMode::AtHome => "a_domicile",
                ServiceMode::Search => "proces_verbal_recherches",
            },
            "mode_libelle": s.mode.label(),
        })),
        "opposition_jusqu_au": t.map(|t| iso(t.opposition_until)),
        "execution_a_partir_du": t.map(|t| iso(t.enforceable_from)),
        "certificat": order.certificate.as_ref().map(|c| json!({ "date": iso(c.date) })),
        "partielle": order.partial,
        "factures_rejetees": order.rejected_invoices.iter().filter(|n| case.rejected_by_title(n)).collect::<Vec<_>>(),
    })
}

fn with_order(base: Base, case: &Case, plan: &Plan, extra: Value) -> Value {
    let order = case.procedure.order.as_ref().map(|o| order_json(case, o, plan));
    let mut value = merge(base, extra);
    if let Some(obj) = value.as_object_mut() {
        obj.insert("ordonnance".into(), order.unwrap_or(Value::Null));
    }
    with_trade_names(value, case)
}

/// The heads granted, in the order of the dispositif, those at zero left out.
fn heads(title: &TitleClaim) -> Vec<Value> {
    let g = &title.granted;
    [
        ("Principal", g.principal),
        ("Pénalités ou intérêts arrêtés par l’ordonnance", g.penalties),
        ("Indemnité forfaitaire pour frais de recouvrement", g.indemnity),
        ("Clause pénale", g.penalty_clause),
        ("Article 700 du Code de procédure civile", g.article_700),
    ]
    .into_iter()
    .filter(|(_, amount)| !amount.is_zero())
    .map(|(label, amount)| json!({ "libelle": label, "montant": money(amount) }))
    .collect()
}

/// The R. 211-1 / R. 221-1 CPCE summary: principal, costs and interest, each due, paid and left.
fn summary(title: &TitleClaim) -> Value {
    let t = &title.totals;
    let paid = |f: fn(&crate::claim::title::Receipt) -> Decimal| title.receipts.iter().map(f).sum::<Decimal>();
    let row = |label: &str, due: Decimal, paid: Decimal, left: Decimal| json!({ "libelle": label, "du": money(due), "regle": money(paid), "reste": money(left) });
    let mut rows = vec![row("Principal", t.principal, paid(|r| r.to_principal), t.principal_remaining)];
    if !t.other.is_zero() {
        rows.push(row("Autres sommes allouées", t.other, paid(|r| r.to_other), t.other_remaining));
    }
    rows.push(row(
        "Frais (dépens et frais d’exécution)",
        t.granted_costs + t.enforcement_costs,
        paid(|r| r.to_costs),
        t.costs_remaining,
    ));
    rows.push(row("Intérêts échus", t.interest, paid(|r| r.to_interest), t.interest_remaining));
    json!({
        "lignes": rows,
        "total_du": money(t.principal + t.other + t.granted_costs + t.enforcement_costs + t.interest),
        "total_regle": money(t.received - t.unapplied),
        "total": money(t.total_due),
        "taux_en_cours": title.segments.last().map(|s| json!({ "taux": rate(s.rate), "source": s.rate_source })),
    })
}

fn interest_json(title: &TitleClaim) -> Value {
    let Some(i) = title.granted.interest.as_ref() else { return Value::Null };
    json!({
        "type": match i.rate {
            GrantedRate::Legal => "legal",
            GrantedRate::EcbPlusTen => "bce_plus_10",
            GrantedRate::Fixed(_) => "fixe",
        },
        "taux": match i.rate { GrantedRate::Fixed(r) => Some(rate(r)), _ => None },
        "depuis": iso(i.from),
        "majoration": i.surcharge && i.rate == GrantedRate::Legal,
        "majoration_depuis": title.surcharge_from.map(iso),
        "majoration_fixee": i.surcharge_from.is_some(),
    })
}

/// The décompte under the title, line by line.
pub fn title_statement(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> Value {
    let Some(title) = &claim.title else { return Value::Null };
    let t = &title.totals;
    with_order(
        base(case, key, "Décompte des sommes dues en vertu du titre", title.computed_on, plan.merged),
        case,
        plan,
        json!({
            "chefs": heads(title),
            "depens": money(title.granted.costs),
            "interets": interest_json(title),
            "segments": title.segments.iter().enumerate().map(|(i, s)| {
                let mut line = crate::claim::segment_json(s, rate);
                if let Some(obj) = line.as_object_mut() {
                    obj.insert("ligne".into(), json!(i + 1));
                }
                line
            }).collect::<Vec<_>>(),
            "frais": title.costs.iter().map(|c| json!({ "date": iso(c.date), "libelle": c.label, "montant": money(c.amount) })).collect::<Vec<_>>(),
            "encaissements": title.receipts.iter().map(|r| json!({
                "date": iso(r.date),
                "libelle": r.label,
                "montant": money(r.amount),
                "frais": money(r.to_costs),
                "interets": money(r.to_interest),
                "principal": money(r.to_principal),
                "autres": money(r.to_other),
                "non_impute": money(r.unapplied),
            })).collect::<Vec<_>>(),
            "totaux": {
                "principal": money(t.principal),
                "autres": money(t.other),
                "frais_execution": money(t.enforcement_costs),
                "interets": money(t.interest),
                "encaisse": money(t.received),
                "non_impute": money(t.unapplied),
                "total": money(t.total_due),
            },
            "recapitulatif": summary(title),
        }),
    )
}

/// The letter asking the greffe for the certificat de non-opposition (art. 505 CPC).
pub fn certificate_request(case: &Case, plan: &Plan, key: &str) -> Value {
    let order = case.procedure.order.as_ref();
    with_order(
        base(case, key, "Demande de certificat de non-opposition", case.computed_on, plan.merged),
        case,
        plan,
        json!({
            "principal": order.and_then(|o| o.granted.as_ref()).map(|g| money(g.principal)),
            "acte_joint": order.and_then(|o| o.service.as_ref()).is_some_and(|s| s.file.is_some()),
        }),
    )
}

/// The creditor's statement that no greffe notice of opposition came (décret n° 2026-96).
pub fn no_notice_statement(case: &Case, plan: &Plan, key: &str) -> Value {
    with_order(
        base(case, key, "Déclaration d’absence d’avis d’opposition", case.computed_on, plan.merged),
        case,
        plan,
        json!({}),
    )
}

/// The enforcement request to the commissaire de justice.
pub fn enforcement_request(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> Value {
    let enclosed: Vec<Value> = plan
        .documents
        .iter()
        .filter(|d| d.kind != DocKind::EnforcementRequest)
        .map(|d| json!({ "titre": d.title }))
        .collect();
    with_order(
        base(case, key, "Demande d’exécution au commissaire de justice", case.computed_on, plan.merged),
        case,
        plan,
        json!({
            "commissaire": bailiff(case),
            "recapitulatif": claim.title.as_ref().map(summary),
            "arrete_au": claim.title.as_ref().map(|t| iso(t.computed_on)),
            "biens_connus": assets_json(case),
            "personne_physique": case.debtor.person.is_some() && case.debtor.company_name.is_none(),
            "mesures_faites": case.procedure.order.iter().flat_map(|o| o.acts.iter()).map(|a| json!({
                "nature": a.kind.label(),
                "date": iso(a.date),
                "tiers": a.third_party,
            })).collect::<Vec<_>>(),
            "paiement": super::documents::payment(case),
            "documents": enclosed,
        }),
    )
}

/// The debtor's known assets for the debtor sheet.
pub fn assets_json(case: &Case) -> Value {
    let a = &case.debtor_assets;
    json!({
        "comptes": a.accounts.iter().map(|c| json!({
            "iban": crate::ground::ids::format_iban(&c.iban),
            "bic": c.bic,
            "banque": c.bank,
        })).collect::<Vec<_>>(),
        "employeur": a.employer.as_ref().map(|e| json!({
            "nom": e.name,
            "adresse": e.address.as_ref().map(super::common::AddressData::from),
        })),
        "biens": a.goods.iter().map(|g| json!({ "description": g.description, "lieu": g.place })).collect::<Vec<_>>(),
    })
}
