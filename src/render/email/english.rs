//! The reminder e-mail in English, for a debtor who reads English (`debiteur.langue: en`): the
//! letter's figures, dates and references (templates/relance-en.typ), in the words of a credit
//! controller. Amounts read `€12,345.67` and dates `2 September 2026`, as in the letter.

use super::content::{Block, Content, InvoiceData, PartyData, ReminderData};
use crate::format::english::{date, money, role};

/// « invoice no. F-1 » / « invoices nos. F-1, F-2 and F-3 ».
fn invoices_phrase(invoices: &[InvoiceData]) -> String {
    let numbers: Vec<&str> = invoices.iter().map(|i| i.numero.as_str()).collect();
    match numbers.as_slice() {
        [one] => format!("invoice no.\u{a0}{one}"),
        [init @ .., last] => format!("invoices nos.\u{a0}{} and {last}", init.join(", ")),
        [] => "our invoices".to_string(),
    }
}

/// « Dear Ms Carter », or « Dear Sir or Madam » when the civility is not known; the person, or a
/// company's representative, whose « First-name Surname » gives the surname (templates/english.typ
/// `greeting-en`).
fn greeting(debtor: &PartyData) -> String {
    let (civility, surname) = match (&debtor.personne, &debtor.representant) {
        (Some(person), _) => (person.civilite.as_deref(), person.nom.clone()),
        (None, Some(r)) => {
            let surname = r.nom.split_once(' ').map_or(r.nom.as_str(), |(_, rest)| rest);
            (r.civilite.as_deref(), surname.to_string())
        }
        (None, None) => (None, String::new()),
    };
    match civility {
        Some("Mme") => format!("Dear Ms {surname}"),
        Some("M.") => format!("Dear Mr {surname}"),
        _ => "Dear Sir or Madam".to_string(),
    }
}

/// The debtor's name as the English letter's envelope gives it: « Ms Jeanne Petit » for « Mme
/// Jeanne Petit » (templates/english.typ `addressed-en`).
pub fn addressed(name: &str) -> String {
    match (name.strip_prefix("Mme "), name.strip_prefix("M. ")) {
        (Some(rest), _) => format!("Ms {rest}"),
        (_, Some(rest)) => format!("Mr {rest}"),
        _ => name.to_string(),
    }
}

/// The e-mail that carries the English letter.
pub fn content(data: &ReminderData, attachment: &str) -> Content {
    let dc = &data.decompte;
    let t = &dc.totaux;
    let title = data.intitule.as_str();
    let several = dc.factures.len() > 1;
    let subject = format!("{title} — {} — ref. {}", invoices_phrase(&dc.factures), data.reference);
    let greeting = greeting(&data.debiteur);
    let mut blocks = vec![Block::Paragraph(format!("{greeting},"))];
    let which = invoices_phrase(&dc.factures);
    blocks.push(Block::Paragraph(match data.niveau {
        1 => format!(
            "According to our records, we have not yet received payment of {which}, now due. Please find \
             attached our reminder of {}.",
            date(data.date)
        ),
        _ => format!(
            "According to our records, {which} {} unpaid. Please find attached our {} of {}.",
            if several { "remain" } else { "remains" },
            title.to_lowercase(),
            date(data.date)
        ),
    }));
    blocks.push(Block::List(
        dc.factures
            .iter()
            .map(|i| {
                format!(
                    "invoice no.\u{a0}{} of {}, due on {}: outstanding {}",
                    i.numero,
                    date(i.date),
                    date(i.echeance),
                    money(i.principal_restant)
                )
            })
            .collect(),
    ));
    if data.niveau == 1 {
        // The letter's sum, its QR code's and the enclosed statement's: the total due.
        let beyond = if t.total_du == t.principal_restant {
            String::new()
        } else {
            format!(", of which {} principal, as detailed in the enclosed statement", money(t.principal_restant))
        };
        blocks.push(Block::Paragraph(format!(
            "We should be grateful if you would pay us the sum of {}{beyond} at your earliest convenience.",
            money(t.total_du)
        )));
    } else {
        let mut owed = vec![format!("principal: {}", money(t.principal_restant))];
        if !t.interets.is_zero() {
            owed.push(format!("{}: {}", if dc.b2b { "late-payment penalties" } else { "interest" }, money(t.interets)));
        }
        if !t.indemnites_forfaitaires.is_zero() {
            owed.push(format!("fixed compensation for recovery costs: {}", money(t.indemnites_forfaitaires)));
        }
        owed.push(format!("total: {}", money(t.total_du)));
        blocks.push(Block::Paragraph(format!("At {}, the amounts due are as follows:", date(dc.date_calcul))));
        blocks.push(Block::List(owed));
        blocks.push(Block::Paragraph(if data.niveau == 2 {
            format!(
                "Please settle these amounts within {} days. If you are experiencing any difficulty, or if you \
                 dispute all or part of these invoices, please reply without delay so that we can look for a \
                 solution together.",
                data.delai_jours
            )
        } else {
            format!(
                "If these amounts are not paid within {} days, we shall send you a formal notice to pay (mise en \
                 demeure) by registered letter with acknowledgement of receipt and then, failing payment, apply \
                 to the competent court for an order for payment (injonction de payer) under Articles 1405 et \
                 seq. of the French Code of Civil Procedure (Code de procédure civile). We nevertheless remain \
                 willing to seek an amicable solution with you if you contact us within this period.",
                data.delai_jours
            )
        }));
    }
    if let Some(iban) = &data.paiement.iban {
        let bic = data.paiement.bic.as_deref().map(|b| format!(", BIC {b}")).unwrap_or_default();
        blocks.push(Block::Paragraph(format!(
            "Payment by bank transfer to {}: IBAN {iban}{bic}, quoting the reference “{}”.",
            data.creancier.nom, data.paiement.reference
        )));
    }
    blocks.push(Block::Paragraph(
        "If your payment has reached us in the meantime, please disregard this message.".to_string(),
    ));
    // British usage: « Yours sincerely » after a name, « Yours faithfully » after « Sir or Madam ».
    let closing = if greeting.ends_with("Sir or Madam") { "Yours faithfully," } else { "Yours sincerely," };
    blocks.push(Block::Paragraph(closing.to_string()));
    blocks.push(Block::Paragraph(data.signature(role, "Tel.")));
    blocks.push(Block::Paragraph(format!("Attachment: {attachment}")));
    Content { lang: "en", subject, blocks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(civility: Option<&str>) -> PartyData {
        let json = serde_json::json!({
            "nom": "Kestrel Optics France",
            "representant": { "nom": "Emily Jane Carter", "qualite": "présidente", "civilite": civility },
        });
        serde_json::from_value(json).expect("party")
    }

    #[test]
    fn greeting_follows_the_civility_and_falls_back_to_sir_or_madam() {
        assert_eq!(greeting(&party(Some("Mme"))), "Dear Ms Jane Carter");
        assert_eq!(greeting(&party(Some("M."))), "Dear Mr Jane Carter");
        assert_eq!(greeting(&party(None)), "Dear Sir or Madam");
        assert_eq!(addressed("Mme Jeanne Petit"), "Ms Jeanne Petit");
        assert_eq!(addressed("M. Paul Martin"), "Mr Paul Martin");
        assert_eq!(addressed("Kestrel Optics France"), "Kestrel Optics France");
    }
}
