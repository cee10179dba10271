//! The pièces of a served ordonnance: the act of signification by the commissaire de justice and
//! the greffe's certificat de non-opposition, drawn from the case's `procedure.ordonnance`.

use recouvre::case::enforcement::ServiceMode;
use recouvre::case::model::{Case, PartyKind};
use recouvre::format::date_fr;
use serde_json::{Value, json};

use super::documents::{base, capitalize, court_identity, merge};
use super::drawing::signature;

fn debtor_name(case: &Case) -> String {
    if case.debtor.kind == PartyKind::Company {
        format!("la société {}", case.debtor.display_name)
    } else {
        case.debtor.display_name.clone()
    }
}

/// How the act reached the debtor, as the act says it.
fn delivery(case: &Case, mode: ServiceMode) -> String {
    let who = case.debtor.representative.as_ref().map(|r| format!("{}, {}", r.name, r.role));
    match (mode, who) {
        (ServiceMode::InPerson, Some(who)) => format!("acte remis à personne, à {who}, qui l'a accepté."),
        (ServiceMode::InPerson, None) => "acte remis à la personne même du destinataire, qui l'a accepté.".into(),
        (ServiceMode::AtHome, _) => "personne n'ayant pu ou voulu recevoir l'acte, copie déposée à l'étude, avis de passage laissé et lettre simple adressée le jour même (articles 655 et 656 du Code de procédure civile).".into(),
        (ServiceMode::Search, _) => "le destinataire n'ayant ni domicile, ni résidence, ni lieu de travail connus, procès-verbal des recherches accomplies dressé (article 659 du Code de procédure civile).".into(),
    }
}

pub fn service_act(case: &Case) -> Result<Value, String> {
    let order = case.procedure.order.as_ref().ok_or("pas d'ordonnance")?;
    let service = order.service.as_ref().ok_or("pas de signification")?;
    let court = recouvre::plan::competent_court(case);
    let office = case.procedure.bailiff.as_ref();
    Ok(merge(
        base(
            case,
            "acte-signification",
            format!("Signification de l'ordonnance n° {}", order.number.clone().unwrap_or_default()),
        ),
        json!({
            "etude": service.officer,
            "etude_adresse": office.map(|b| format!("{}, {} {}", b.address.lines.join(", "), b.address.postcode, b.address.city)).unwrap_or_default(),
            "numero_acte": format!("{}-S", order.number.clone().unwrap_or_default().replace(' ', "")),
            "date": date_fr(service.date),
            "date_ordonnance": date_fr(order.date),
            "numero": order.number,
            "tribunal": court.name,
            "requerant": court_identity(&case.creditor),
            "debiteur": court_identity(&case.debtor),
            "remise": delivery(case, service.mode),
            "sommes": granted_sums(order),
            "signature": signature(&format!("{}/signification", service.officer), 70.0),
        }),
    ))
}

/// « 6 000,00 € en principal, avec les intérêts fixés par l'ordonnance, 40,00 € d'indemnité… »: the
/// sums of the dispositif, as the sommation of art. 1413 CPC states them.
fn granted_sums(order: &recouvre::case::model::Order) -> String {
    let Some(g) = &order.granted else { return "telle qu’elle figure à son dispositif".into() };
    let eur = |d: rust_decimal::Decimal| recouvre::format::euros(d);
    let mut parts = vec![format!("{} en principal", eur(g.principal))];
    if g.interest.is_some() {
        parts.push("avec les intérêts au taux et depuis la date que fixe l’ordonnance".into());
    }
    for (amount, what) in [
        (g.indemnity, "d’indemnité forfaitaire pour frais de recouvrement"),
        (g.article_700, "au titre de l’article 700 du Code de procédure civile"),
        (g.costs, "de dépens (frais de greffe)"),
    ] {
        if !amount.is_zero() {
            parts.push(format!("{} {what}", eur(amount)));
        }
    }
    parts.join(", ")
}

pub fn certificate(case: &Case) -> Result<Value, String> {
    let order = case.procedure.order.as_ref().ok_or("pas d'ordonnance")?;
    let service = order.service.as_ref().ok_or("un certificat sans signification")?;
    let certificate = order.certificate.as_ref().ok_or("pas de certificat")?;
    let court = recouvre::plan::competent_court(case);
    Ok(merge(
        base(
            case,
            "certificat-non-opposition",
            format!("Certificat de non-opposition n° {}", order.number.clone().unwrap_or_default()),
        ),
        json!({
            "tribunal": capitalize(&court.name),
            "tribunal_minuscule": court.name,
            "numero": order.number,
            "date_ordonnance": date_fr(order.date),
            "date_signification": date_fr(service.date),
            "date": date_fr(certificate.date),
            "requerant": court_identity(&case.creditor),
            "debiteur": debtor_name(case),
            "signature": signature(&format!("{}/greffier", court.name), 62.0),
        }),
    ))
}
