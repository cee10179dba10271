//! What a reminder e-mail says, read from the very data the relance letter receives (so the
//! figures, dates and payment details are the letter's), and written as plain text and HTML.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::format::date_fr;
use crate::format::typeset::euros;

/// The fields of the relance's template data that the e-mail uses.
#[derive(Debug, Deserialize)]
pub struct ReminderData {
    pub niveau: u8,
    /// The letter's heading (« Deuxième relance »).
    pub intitule: String,
    pub date: NaiveDate,
    pub reference: String,
    pub creancier: PartyData,
    pub debiteur: PartyData,
    pub decompte: StatementData,
    pub delai_jours: u32,
    pub paiement: PaymentData,
}

#[derive(Debug, Deserialize)]
pub struct PartyData {
    pub nom: String,
    pub email: Option<String>,
    pub telephone: Option<String>,
    pub personne: Option<PersonData>,
    pub representant: Option<RepresentativeData>,
    /// « en »: the debtor reads English.
    #[serde(default)]
    pub langue: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct PersonData {
    pub civilite: Option<String>,
    pub nom: String,
}

#[derive(Debug, Deserialize)]
pub struct RepresentativeData {
    pub nom: String,
    pub qualite: Option<String>,
    pub civilite: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct StatementData {
    pub date_calcul: NaiveDate,
    pub b2b: bool,
    pub factures: Vec<InvoiceData>,
    pub totaux: TotalsData,
}

#[derive(Debug, Deserialize)]
pub struct InvoiceData {
    pub numero: String,
    pub date: NaiveDate,
    pub echeance: NaiveDate,
    pub principal_restant: Decimal,
}

#[derive(Debug, Deserialize)]
pub struct TotalsData {
    pub principal_restant: Decimal,
    pub interets: Decimal,
    pub indemnites_forfaitaires: Decimal,
    pub total_du: Decimal,
}

#[derive(Debug, Deserialize)]
pub struct PaymentData {
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub reference: String,
}

/// One block of the body: a paragraph, or a list of lines shown as a list.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(String),
    List(Vec<String>),
}

/// The e-mail's words, before they become text or HTML.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    /// The language it is written in: « fr » or « en ».
    pub lang: &'static str,
    pub subject: String,
    pub blocks: Vec<Block>,
}

/// « la facture n° F-1 » / « les factures n° F-1, F-2 et F-3 ».
/// « de la facture n° A », « des factures n° A et B »: the phrase after « le règlement ».
fn of_invoices(invoices: &[InvoiceData]) -> String {
    let which = invoices_phrase(invoices);
    match which.strip_prefix("les ") {
        Some(rest) => format!("des {rest}"),
        None => format!("de {which}"),
    }
}

fn invoices_phrase(invoices: &[InvoiceData]) -> String {
    let numbers: Vec<&str> = invoices.iter().map(|i| i.numero.as_str()).collect();
    match numbers.as_slice() {
        [one] => format!("la facture n°\u{a0}{one}"),
        [init @ .., last] => format!("les factures n°\u{a0}{} et {last}", init.join(", ")),
        [] => "nos factures".to_string(),
    }
}

/// « Madame », « Monsieur » or « Madame, Monsieur », as the letter greets the debtor: the
/// person's civility, or for a company its representative's (templates/lib/parties.typ `salutation`).
fn salutation(debtor: &PartyData) -> &'static str {
    let civility = match &debtor.personne {
        Some(person) => person.civilite.as_deref(),
        None => debtor.representant.as_ref().and_then(|r| r.civilite.as_deref()),
    };
    match civility {
        Some("Mme") => "Madame",
        Some("M.") => "Monsieur",
        _ => "Madame, Monsieur",
    }
}

impl ReminderData {
    /// The e-mail in French that carries the letter: what is owed, by when, how to pay; the letter attached.
    pub fn content(&self, attachment: &str) -> Content {
        let dc = &self.decompte;
        let t = &dc.totaux;
        let title = self.intitule.as_str();
        let numbers: Vec<&str> = dc.factures.iter().map(|i| i.numero.as_str()).collect();
        let subject = format!(
            "{title} — {} {} — réf. {}",
            if numbers.len() > 1 { "factures n°" } else { "facture n°" },
            join_fr(&numbers),
            self.reference
        );
        let greeting = salutation(&self.debiteur);
        let mut blocks = vec![Block::Paragraph(format!("{greeting},"))];
        let which = invoices_phrase(&dc.factures);
        blocks.push(Block::Paragraph(match self.niveau {
            1 => format!(
                "Sauf erreur de notre part, nous n’avons pas encore reçu le règlement {}, arrivée{} à échéance. \
                 Vous trouverez ci-joint notre relance du {}.",
                of_invoices(&dc.factures),
                if dc.factures.len() > 1 { "s" } else { "" },
                date_fr(self.date)
            ),
            _ => format!(
                "Sauf erreur de notre part, {which} reste{} impayée{} à ce jour. Vous trouverez ci-joint notre \
                 {} du {}.",
                if dc.factures.len() > 1 { "nt" } else { "" },
                if dc.factures.len() > 1 { "s" } else { "" },
                title.to_lowercase(),
                date_fr(self.date)
            ),
        }));
        blocks.push(Block::List(
            dc.factures
                .iter()
                .map(|i| {
                    format!(
                        "facture n°\u{a0}{} du {}, échue le {} : reste dû {}",
                        i.numero,
                        date_fr(i.date),
                        date_fr(i.echeance),
                        euros(i.principal_restant)
                    )
                })
                .collect(),
        ));
        let as_of = date_fr(dc.date_calcul);
        if self.niveau == 1 {
            // The letter's sum, its QR code's and the enclosed décompte's: the total due.
            let beyond = if t.total_du == t.principal_restant {
                String::new()
            } else {
                format!(", dont {} de principal, détaillée au décompte joint", euros(t.principal_restant))
            };
            blocks.push(Block::Paragraph(format!(
                "Nous vous remercions de bien vouloir nous régler dans les meilleurs délais la somme de {}{beyond}.",
                euros(t.total_du)
            )));
        } else {
            let mut owed = vec![format!("principal : {}", euros(t.principal_restant))];
            if !t.interets.is_zero() {
                owed.push(format!(
                    "{} : {}",
                    if dc.b2b { "pénalités de retard" } else { "intérêts" },
                    euros(t.interets)
                ));
            }
            if !t.indemnites_forfaitaires.is_zero() {
                owed.push(format!(
                    "indemnités forfaitaires pour frais de recouvrement : {}",
                    euros(t.indemnites_forfaitaires)
                ));
            }
            owed.push(format!("total : {}", euros(t.total_du)));
            blocks.push(Block::Paragraph(format!("Au {as_of}, les sommes dues s’établissent ainsi :")));
            blocks.push(Block::List(owed));
            blocks.push(Block::Paragraph(if self.niveau == 2 {
                format!(
                    "Nous vous remercions de bien vouloir régler ces sommes dans un délai de {} jours. Si vous \
                     rencontrez une difficulté ou contestez tout ou partie de ces factures, répondez-nous sans \
                     attendre afin que nous examinions ensemble une solution.",
                    self.delai_jours
                )
            } else {
                format!(
                    "Si ces sommes ne nous sont pas réglées dans un délai de {} jours, nous vous adresserons une mise \
                     en demeure par lettre recommandée avec accusé de réception, puis, à défaut de paiement, nous \
                     saisirons la juridiction compétente d’une requête en injonction de payer (art. 1405 et suivants \
                     CPC). Nous restons disposés à rechercher avec vous une solution amiable si vous nous contactez \
                     dans ce délai.",
                    self.delai_jours
                )
            }));
        }
        if let Some(iban) = &self.paiement.iban {
            let bic = self.paiement.bic.as_deref().map(|b| format!(", BIC {b}")).unwrap_or_default();
            blocks.push(Block::Paragraph(format!(
                "Règlement par virement à {} : IBAN {iban}{bic}, en rappelant la référence « {} ».",
                self.creancier.nom, self.paiement.reference
            )));
        }
        blocks.push(Block::Paragraph(
            "Si votre règlement nous est parvenu entre-temps, nous vous prions de ne pas tenir compte de ce message."
                .to_string(),
        ));
        blocks.push(Block::Paragraph(format!(
            "Nous vous prions d’agréer, {greeting}, l’expression de nos salutations distinguées."
        )));
        blocks.push(Block::Paragraph(self.signature(|q| q.to_string(), "Tél.")));
        blocks.push(Block::Paragraph(format!("Pièce jointe : {attachment}")));
        Content { lang: "fr", subject, blocks }
    }

    /// The sender's signature: name and capacity (`role` words it), company, phone, e-mail.
    pub(super) fn signature(&self, role: impl Fn(&str) -> String, phone: &str) -> String {
        let mut signature = Vec::new();
        if let Some(rep) = &self.creancier.representant {
            signature.push(match &rep.qualite {
                Some(q) => format!("{}, {}", rep.nom, role(q)),
                None => rep.nom.clone(),
            });
        }
        signature.push(self.creancier.nom.clone());
        signature.extend(self.creancier.telephone.iter().map(|p| format!("{phone} {p}")));
        signature.extend(self.creancier.email.iter().cloned());
        signature.join("\n")
    }
}

/// « A », « A et B », « A, B et C ».
fn join_fr(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

impl Content {
    /// The plain-text body: paragraphs separated by a blank line, list lines with a dash.
    pub fn text(&self) -> String {
        let blocks: Vec<String> = self
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.clone(),
                Block::List(lines) => lines.iter().map(|l| format!("  – {l}")).collect::<Vec<_>>().join("\n"),
            })
            .collect();
        format!("{}\n", blocks.join("\n\n"))
    }

    /// The HTML body: the same blocks, escaped, in a minimal page with inline style only.
    pub fn html(&self) -> String {
        let mut body = String::new();
        for block in &self.blocks {
            match block {
                Block::Paragraph(p) => {
                    body.push_str("<p>");
                    body.push_str(&escape(p).replace('\n', "<br>\n"));
                    body.push_str("</p>\n");
                }
                Block::List(lines) => {
                    body.push_str("<ul>\n");
                    for line in lines {
                        body.push_str(&format!("<li>{}</li>\n", escape(line)));
                    }
                    body.push_str("</ul>\n");
                }
            }
        }
        format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\"><title>{}</title></head>\n\
             <body style=\"font-family: sans-serif; font-size: 15px; line-height: 1.45; color: #222\">\n{body}</body>\n</html>\n",
            self.lang,
            escape(&self.subject)
        )
    }
}

/// Text made safe for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
