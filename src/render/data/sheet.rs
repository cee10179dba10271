//! The debtor's identification sheet, for the commissaire de justice: what the case file tells
//! about the debtor; nothing is guessed. Also the debtor's known assets, which the enforcement
//! request repeats.

use schemars::JsonSchema;
use serde::Serialize;

use super::base::{Base, CourtData, base, channel_label, court};
use super::common::AddressData;
use crate::case::model::{Case, PaymentMethod};
use crate::claim::view::{LISTED_INVOICES, count_text};
use crate::format::data::{Day, Money};

/// L’ordonnance qu’accompagne la fiche.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SheetOrder {
    pub date: Day,
    pub numero: Option<String>,
    pub juridiction: Option<CourtData>,
}

/// Quelqu’un à qui le créancier a parlé chez le débiteur.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Contact {
    pub nom: String,
    pub date: Day,
    pub canal: &'static str,
}

/// Ce que le débiteur a répondu à une relance.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Statement {
    pub date: Day,
    pub canal: &'static str,
    pub reponse: String,
}

/// Qui a signé un bon de livraison.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DeliverySigner {
    pub nom: String,
    pub bon: String,
    pub date: Day,
}

/// Un paiement reçu, avec son mode (la banque du débiteur, pour une saisie).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SheetPayment {
    pub date: Day,
    pub montant: Money,
    /// virement, chèque, carte bancaire…
    pub mode: Option<&'static str>,
    pub reference: Option<String>,
}

/// La fiche d’identification du débiteur.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DebtorSheetData {
    #[serde(flatten)]
    pub base: Base,
    pub siret: Option<String>,
    pub tva: Option<String>,
    pub email: Option<String>,
    pub telephone: Option<String>,
    /// Les premiers numéros de facture, et combien d’autres il y en a (« 9 990 »), s’il y en a.
    pub factures: Vec<String>,
    pub factures_autres: Option<String>,
    pub ordonnance: Option<SheetOrder>,
    pub interlocuteurs: Vec<Contact>,
    pub declarations: Vec<Statement>,
    pub signataires_livraisons: Vec<DeliverySigner>,
    pub biens_connus: AssetsData,
    pub paiements: Vec<SheetPayment>,
}

pub fn debtor_sheet(case: &Case, key: &str) -> DebtorSheetData {
    let d = &case.debtor;
    // Not the invoices a partial ordonnance rejected: they are no longer claimed (art. 1409 CPC).
    let claimed: Vec<&str> =
        case.invoices.iter().map(|i| i.number.as_str()).filter(|n| !case.rejected_by_title(n)).collect();
    DebtorSheetData {
        base: base(case, key, "Fiche d'identification du débiteur", case.computed_on, true).court_parties(case),
        siret: d.siret.as_deref().map(crate::ground::ids::format_siren),
        tva: d.vat_number.clone(),
        email: d.email.clone(),
        telephone: d.phone.clone(),
        factures: claimed.iter().take(LISTED_INVOICES).map(|n| n.to_string()).collect(),
        factures_autres: claimed.len().checked_sub(LISTED_INVOICES).filter(|n| *n > 0).map(count_text),
        ordonnance: case.procedure.order.as_ref().map(|o| SheetOrder {
            date: Day(o.date),
            numero: o.number.clone(),
            juridiction: court(Some(&crate::plan::competent_court(case)), case),
        }),
        interlocuteurs: case
            .reminders
            .iter()
            .filter_map(|r| {
                r.contact.as_ref().map(|c| Contact {
                    nom: c.clone(),
                    date: Day(r.date),
                    canal: channel_label(r.channel),
                })
            })
            .collect(),
        declarations: case
            .reminders
            .iter()
            .filter_map(|r| {
                r.answer.as_ref().map(|a| Statement {
                    date: Day(r.date),
                    canal: channel_label(r.channel),
                    reponse: a.clone(),
                })
            })
            .collect(),
        signataires_livraisons: case
            .delivery_notes
            .iter()
            .filter_map(|n| {
                n.signed_by.as_ref().map(|s| DeliverySigner {
                    nom: s.clone(),
                    bon: n.number.clone(),
                    date: Day(n.date),
                })
            })
            .collect(),
        biens_connus: assets(case),
        paiements: case
            .payments
            .iter()
            .map(|p| SheetPayment {
                date: Day(p.date),
                montant: Money(p.amount),
                mode: p.method.map(method_label),
                reference: p.reference.clone(),
            })
            .collect(),
    }
}

fn method_label(m: PaymentMethod) -> &'static str {
    match m {
        PaymentMethod::Transfer => "virement",
        PaymentMethod::Cheque => "chèque",
        PaymentMethod::Card => "carte bancaire",
        PaymentMethod::Cash => "espèces",
        PaymentMethod::DirectDebit => "prélèvement",
        PaymentMethod::Bill => "effet de commerce",
        PaymentMethod::Other => "autre",
    }
}

/// Un compte bancaire du débiteur.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AccountData {
    pub iban: String,
    pub bic: Option<String>,
    pub banque: Option<String>,
}

/// L’employeur du débiteur.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EmployerData {
    pub nom: String,
    pub adresse: Option<AddressData>,
}

/// Des biens du débiteur et où ils se trouvent.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct GoodsData {
    pub description: String,
    pub lieu: Option<String>,
}

/// Les biens connus du débiteur.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AssetsData {
    pub comptes: Vec<AccountData>,
    pub employeur: Option<EmployerData>,
    pub biens: Vec<GoodsData>,
}

pub fn assets(case: &Case) -> AssetsData {
    let a = &case.debtor_assets;
    AssetsData {
        comptes: a
            .accounts
            .iter()
            .map(|c| AccountData {
                iban: crate::ground::ids::format_iban(&c.iban),
                bic: c.bic.clone(),
                banque: c.bank.clone(),
            })
            .collect(),
        employeur: a
            .employer
            .as_ref()
            .map(|e| EmployerData { nom: e.name.clone(), adresse: e.address.as_ref().map(AddressData::from) }),
        biens: a
            .goods
            .iter()
            .map(|g| GoodsData { description: g.description.clone(), lieu: g.place.clone() })
            .collect(),
    }
}
