//! The pièces of the court routes that come from a third party: the mandataire judiciaire's
//! statement that the debtor left the claim out of its list of creditors (relevé de forclusion).

use chrono::Days;
use recouvre::case::model::Case;
use recouvre::format::date_fr;
use serde_json::{Value, json};

use super::documents::{base, merge};
use super::drawing::signature;

/// The mandataire's answer to the creditor's avocat, a week before the requête: the debtor's list
/// (art. L. 622-6, R. 622-5 C. com.) does not name the creditor, so no avertissement went out.
pub fn omission_statement(case: &Case) -> Result<Value, String> {
    let p = case.route.insolvency.as_ref().ok_or("pas de procédure collective")?;
    let address = |a: &recouvre::case::model::Address| format!("{}, {} {}", a.lines.join(", "), a.postcode, a.city);
    let (signer, office) = p.trustee.name.split_once(", prise en la personne de ").unwrap_or((&p.trustee.name, ""));
    let signer_name = if office.is_empty() { p.trustee.name.clone() } else { office.to_string() };
    let addressee: Vec<String> = match &case.route.signatory {
        Some(s) => {
            let mut lines = vec![s.name.clone()];
            if let Some(a) = &s.address {
                lines.extend(a.lines.iter().cloned());
                lines.push(format!("{} {}", a.postcode, a.city.to_uppercase()));
            }
            lines
        }
        None => vec![case.creditor.display_name.clone(), address(&case.creditor.address)],
    };
    let dated = case.computed_on.checked_sub_days(Days::new(7)).unwrap_or(case.computed_on);
    let listed = p.notice_received == Some(false);
    let mut body = vec![format!(
        "En réponse à votre demande, je vous confirme que la liste des créanciers établie par {} et remise au mandataire judiciaire en application des articles L. 622-6 et R. 622-5 du Code de commerce ne mentionne ni {}, ni aucune créance de cette société.",
        case.debtor.display_name, case.creditor.display_name
    )];
    if listed {
        body.push(format!(
            "{} ne figurant pas sur cette liste, l’avertissement prévu par l’article R. 622-21 du Code de commerce ne lui a pas été adressé.",
            case.creditor.display_name
        ));
    }
    body.push("La présente attestation est délivrée pour servir et valoir ce que de droit.".into());
    Ok(merge(
        base(
            case,
            "attestation-mandataire",
            format!("Attestation du mandataire judiciaire — {}", case.debtor.display_name),
        ),
        json!({
            "mandataire": { "nom": signer, "adresse": address(&p.trustee.address) },
            "destinataire": addressee,
            "lieu_date": format!("{}, le {}", p.trustee.address.city, date_fr(dated)),
            "objet": format!(
                "{}, {} — {}, jugement d’ouverture du {}{}",
                case.debtor.display_name,
                p.kind.label(),
                p.court,
                date_fr(p.judgment),
                p.number.as_ref().map(|n| format!(" (RG n° {n})")).unwrap_or_default()
            ),
            "reference": case.reference,
            "corps": body,
            "signataire": format!("{signer_name}, mandataire judiciaire"),
            "signature": signature(&format!("{signer_name}/mandataire"), 70.0),
        }),
    ))
}
