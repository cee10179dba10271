//! What a claim rests on, with the pièce numbers that prove it (art. 1407 CPC: fondement): the
//! terms, the contracts, the invoices and deliveries, credit notes, payments, relances and the
//! mise en demeure. Every court paper states it.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use super::base::{NoticeData, channel_label};
use crate::case::model::{Case, ExhibitRole, FormalNotice, TermsSource};
use crate::claim::view::LISTED_INVOICES;
use crate::claim::{Claim, InvoiceClaim, Unclaimed};
use crate::format::data::{Day, Money, money};
use crate::plan::{PieceKind, Plan};

/// Une pièce d’une nature, telle que la requête la cite.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CitedPiece {
    pub numero: usize,
    pub intitule: String,
    pub date: Option<Day>,
}

/// Un contrat, un devis ou un bon de commande, et les factures qu’il concerne (toutes quand la
/// liste est vide).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AgreementPiece {
    #[serde(flatten)]
    pub piece: CitedPiece,
    pub factures: Vec<String>,
}

/// Une facture et la pièce qui la prouve.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BasisInvoice {
    pub numero: String,
    pub date: Day,
    pub echeance: Day,
    pub objet: Option<String>,
    pub ttc: Money,
    pub bons_de_livraison: Vec<String>,
    pub piece: Option<usize>,
}

/// Un avoir accordé.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BasisCredit {
    pub numero: String,
    pub date: Day,
    pub facture: String,
    pub montant: Money,
    pub motif: Option<String>,
    /// Rattaché à la facture (un défaut, une réduction de prix) : aucun intérêt n’a jamais couru
    /// sur lui.
    pub effet_facture: bool,
    pub piece: Option<usize>,
}

/// Un paiement tel que reçu, avec la part allée aux intérêts et celle allée au principal.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BasisPayment {
    pub date: Day,
    pub montant: Money,
    pub facture: Option<String>,
    pub interets: Money,
    pub principal: Money,
    /// Vrai quand tout le paiement est allé au principal de ces factures.
    pub tout_au_principal: bool,
}

/// Une réponse écrite qui reconnaît la dette (art. 2240 C. civ.) : elle interrompt la prescription.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Acknowledgement {
    pub date: Day,
    pub canal: &'static str,
    pub reponse: Option<String>,
    /// La pièce qui la prouve (la preuve de cette relance). Sans elle, la requête ne cite pas la
    /// réponse entre guillemets et n’en tire pas d’interruption : « Réponse » n’est que le résumé
    /// du créancier, et nul ne se constitue de preuve à soi-même (art. 1363 C. civ.).
    pub piece: Option<usize>,
}

/// Les relances, comptées.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BasisReminders {
    pub nombre: usize,
    pub ecrites: usize,
    pub premiere: Option<Day>,
    pub derniere: Option<Day>,
    /// Leurs jours, comme une phrase les dit : « le 6 janvier 2026 », « les 6 et 20 janvier
    /// 2026 », « du 18 juin au 20 août 2026 » (vide sans relance).
    pub dates: String,
    /// Factures réclamées échues le jour de la dernière relance ou après, parmi celles que la
    /// mise en demeure réclamait (les autres sont dites à part : `mise_en_demeure_portee`) : les
    /// relances ne pouvaient pas les réclamer, la requête ne dit pas « malgré » elles.
    pub echues_depuis_derniere: usize,
    pub reconnaissances: Vec<Acknowledgement>,
}

/// Un bon de livraison et la pièce qui le prouve.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BasisDelivery {
    pub numero: String,
    pub date: Day,
    pub signe_par: Option<String>,
    pub piece: Option<usize>,
}

/// Des factures réclamées, comptées : leur nombre, leurs numéros quand elles sont peu nombreuses,
/// leurs échéances extrêmes et leur principal restant dû.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InvoiceGroup {
    pub nombre: usize,
    /// « 1 000 » : le nombre, chiffres groupés à la française.
    pub nombre_texte: String,
    /// Leurs numéros, quand elles sont 12 au plus (sinon vide : le décompte les détaille).
    pub numeros: Vec<String>,
    pub premiere_echeance: Day,
    pub derniere_echeance: Day,
    /// Leurs échéances, comme une phrase les dit : « le 9 février 2026 », « les 9 et 10 février
    /// 2026 », « du 1er au 13 octobre 2026 ».
    pub echeances: String,
    pub principal_restant: Money,
    /// Vrai quand un avoir ou un règlement en a réduit le principal.
    pub reglees_en_partie: bool,
}

/// La portée de la mise en demeure : les factures qu’elle réclamait, échues à son envoi, et les
/// autres, qu’elle n’a pu constituer le débiteur en demeure de payer (art. 1344 C. civ.).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NoticeScope {
    pub couvertes: InvoiceGroup,
    /// Toutes celles qu’elle ne couvre pas : `posterieures` et `non_visees` ensemble.
    pub autres: InvoiceGroup,
    /// Celles qui n’étaient pas encore en retard de paiement à son envoi.
    pub posterieures: Option<InvoiceGroup>,
    /// Celles, déjà en retard, que la lettre ne visait pas (`mise_en_demeure.factures`).
    pub non_visees: Option<InvoiceGroup>,
}

/// Ce sur quoi repose la créance.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BasisData {
    /// Où sont les conditions : « conditions générales de vente », « contrat », « devis accepté »…
    pub conditions: &'static str,
    /// Les objets des factures, chacun une fois, au plus les douze premiers (une longue créance
    /// en a des milliers : ses factures, produites, les détaillent).
    pub objets: Vec<String>,
    /// Combien d’autres objets, distincts, ne sont pas cités (« 988 ») ; absent quand tous le sont.
    pub objets_autres: Option<String>,
    pub pieces_contrat: Vec<usize>,
    pub pieces_cgv: Vec<usize>,
    pub pieces_factures: Vec<usize>,
    pub pieces_livraisons: Vec<usize>,
    pub pieces_relances: Vec<usize>,
    /// Contrat, devis ou bon de commande, tels que le bordereau les liste.
    pub contrats: Vec<AgreementPiece>,
    pub cgv: Vec<CitedPiece>,
    pub factures: Vec<BasisInvoice>,
    pub avoirs: Vec<BasisCredit>,
    /// Les paiements postérieurs à la date du décompte n’ont rien d’imputé.
    pub paiements: Vec<BasisPayment>,
    pub relances: BasisReminders,
    pub mise_en_demeure: Option<NoticeData>,
    /// Ce que la mise en demeure réclamait, quand des factures réclamées sont échues après son
    /// envoi (elle ne pouvait pas les réclamer) ; null quand elle couvre toutes les factures.
    pub mise_en_demeure_portee: Option<NoticeScope>,
    /// Vrai quand un paiement est arrivé le jour de la mise en demeure ou après.
    pub paye_depuis_mise_en_demeure: bool,
    pub livraisons: Vec<BasisDelivery>,
}

fn terms(case: &Case) -> &'static str {
    let has = |role: ExhibitRole| case.exhibits.iter().any(|e| e.role == role);
    match case.terms.source {
        Some(TermsSource::Cgv) => "conditions générales de vente",
        Some(TermsSource::Contract) => "contrat",
        Some(TermsSource::Quote) => "devis accepté",
        Some(TermsSource::PurchaseOrder) => "bon de commande",
        Some(TermsSource::Invoice) => "conditions portées sur les factures",
        None if has(ExhibitRole::Contract) => "contrat",
        None if has(ExhibitRole::Quote) => "devis accepté",
        None if has(ExhibitRole::PurchaseOrder) => "bon de commande",
        None if has(ExhibitRole::Cgv) => "conditions générales de vente",
        None => "accord des parties",
    }
}

pub fn basis(case: &Case, claim: &Claim, plan: &Plan) -> BasisData {
    let numbers = |kind: PieceKind| plan.pieces.iter().filter(|p| p.kind == kind).map(|p| p.number).collect::<Vec<_>>();
    let listed = |kind: PieceKind| {
        plan.pieces
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| CitedPiece { numero: p.number, intitule: p.title.clone(), date: p.date.map(Day) })
            .collect::<Vec<_>>()
    };
    // The n-th pièce of a kind proves the n-th invoice or delivery note (numbered in that order).
    let (invoice_pieces, delivery_pieces) = (numbers(PieceKind::Invoice), numbers(PieceKind::DeliveryNote));
    let agreements = case
        .exhibits
        .iter()
        .filter(|e| matches!(e.role, ExhibitRole::Contract | ExhibitRole::Quote | ExhibitRole::PurchaseOrder));
    let mut credit_pieces = plan.pieces.iter().filter(|p| p.kind == PieceKind::CreditNote).map(|p| p.number);
    // A relance whose answer disputed the claim did not go « sans résultat »: the contestation
    // tells it.
    let dunning = || case.reminders.iter().filter(|r| !r.disputes);
    let mut seen = std::collections::HashSet::new();
    let subjects: Vec<&str> =
        case.invoices.iter().filter_map(|i| i.subject.as_deref()).filter(|s| seen.insert(*s)).collect();
    BasisData {
        conditions: terms(case),
        objets: subjects.iter().take(LISTED_INVOICES).map(|s| s.to_string()).collect(),
        objets_autres: (subjects.len() > LISTED_INVOICES)
            .then(|| crate::claim::view::count_text(subjects.len() - LISTED_INVOICES)),
        pieces_contrat: numbers(PieceKind::Contract),
        pieces_cgv: numbers(PieceKind::Cgv),
        pieces_factures: invoice_pieces.clone(),
        pieces_livraisons: delivery_pieces.clone(),
        pieces_relances: numbers(PieceKind::ReminderProof),
        // A contract names the invoices it concerns when not all (numbered in the order of `pieces`).
        contrats: listed(PieceKind::Contract)
            .into_iter()
            .zip(agreements)
            .map(|(piece, e)| AgreementPiece { piece, factures: e.invoices.clone() })
            .collect(),
        cgv: listed(PieceKind::Cgv),
        factures: case
            .invoices
            .iter()
            .enumerate()
            .map(|(n, i)| BasisInvoice {
                numero: i.number.clone(),
                date: Day(i.date),
                echeance: Day(i.due),
                objet: i.subject.clone(),
                ttc: Money(i.gross),
                bons_de_livraison: i.delivery_notes.clone(),
                piece: invoice_pieces.get(n).copied(),
            })
            .collect(),
        avoirs: case
            .credit_notes
            .iter()
            .map(|c| BasisCredit {
                numero: c.number.clone(),
                date: Day(c.date),
                facture: c.invoice.clone(),
                montant: Money(c.amount),
                motif: c.reason.clone(),
                effet_facture: c.effect == crate::case::model::CreditEffect::FromInvoice,
                piece: if c.file.is_some() { credit_pieces.next() } else { None },
            })
            .collect(),
        paiements: payments_split(case, claim),
        relances: BasisReminders {
            nombre: dunning().count(),
            ecrites: dunning().filter(|r| r.channel.is_written()).count(),
            premiere: dunning().map(|r| r.date).min().map(Day),
            derniere: dunning().map(|r| r.date).max().map(Day),
            dates: crate::format::typeset::days(dunning().map(|r| r.date)),
            echues_depuis_derniere: dunning().map(|r| r.date).max().map_or(0, |last| {
                let claimed_by_notice = |i: &InvoiceClaim| {
                    case.formal_notice.as_ref().is_none_or(|m| crate::claim::unclaimed(m, i.due, &i.number).is_none())
                };
                claim.invoices.iter().filter(|i| !crate::claim::is_due(i.due, last) && claimed_by_notice(i)).count()
            }),
            reconnaissances: case
                .reminders
                .iter()
                .enumerate()
                .filter(|(_, r)| r.channel.is_written() && r.acknowledges)
                .map(|(i, r)| Acknowledgement {
                    date: Day(r.date),
                    canal: channel_label(r.channel),
                    reponse: r.answer.clone(),
                    piece: plan
                        .pieces
                        .iter()
                        .find(|p| p.kind == PieceKind::ReminderProof && p.reminder == Some(i))
                        .map(|p| p.number),
                })
                .collect(),
        },
        mise_en_demeure: case.formal_notice.as_ref().map(|m| {
            NoticeData::of(
                m,
                numbers(PieceKind::FormalNotice).first().copied(),
                numbers(PieceKind::Receipt).first().copied(),
            )
        }),
        mise_en_demeure_portee: case.formal_notice.as_ref().and_then(|m| notice_scope(claim, m)),
        paye_depuis_mise_en_demeure: case
            .formal_notice
            .as_ref()
            .is_some_and(|m| case.payments.iter().any(|p| p.date >= m.sent)),
        livraisons: case
            .delivery_notes
            .iter()
            .enumerate()
            .map(|(n, d)| BasisDelivery {
                numero: d.number.clone(),
                date: Day(d.date),
                signe_par: d.signed_by.clone(),
                piece: delivery_pieces.get(n).copied(),
            })
            .collect(),
    }
}

/// The invoices claimed split by what the mise en demeure did for them: those it claimed, due
/// when it was sent, and the others (not yet late then, or not named by it); none when it covered
/// every invoice claimed (or none of them).
fn notice_scope(claim: &Claim, notice: &FormalNotice) -> Option<NoticeScope> {
    let why = |i: &InvoiceClaim| crate::claim::unclaimed(notice, i.due, &i.number);
    let (covered, others): (Vec<&InvoiceClaim>, Vec<&InvoiceClaim>) =
        claim.invoices.iter().partition(|i| why(i).is_none());
    let (unnamed, later): (Vec<&InvoiceClaim>, Vec<&InvoiceClaim>) =
        others.iter().partition(|i| why(i) == Some(Unclaimed::NotNamed));
    Some(NoticeScope {
        couvertes: group(&covered)?,
        autres: group(&others)?,
        posterieures: group(&later),
        non_visees: group(&unnamed),
    })
}

fn group(invoices: &[&InvoiceClaim]) -> Option<InvoiceGroup> {
    let first = invoices.iter().map(|i| i.due).min()?;
    let last = invoices.iter().map(|i| i.due).max()?;
    Some(InvoiceGroup {
        nombre: invoices.len(),
        nombre_texte: crate::format::typeset::integer(invoices.len()),
        numeros: if invoices.len() <= LISTED_INVOICES {
            invoices.iter().map(|i| i.number.clone()).collect()
        } else {
            Vec::new()
        },
        premiere_echeance: Day(first),
        derniere_echeance: Day(last),
        echeances: crate::format::typeset::days(invoices.iter().map(|i| i.due)),
        principal_restant: Money(invoices.iter().map(|i| i.principal_remaining).sum()),
        reglees_en_partie: invoices.iter().any(|i| i.principal_remaining != i.gross),
    })
}

/// Each payment as received, with how much of it went to interest and to principal (art. 1343-1
/// C. civ.), summed over the invoices it was imputed on; payments after the décompte's date have none.
pub(super) fn payments_split(case: &Case, claim: &Claim) -> Vec<BasisPayment> {
    let imputations: Vec<&crate::claim::Imputation> =
        claim.invoices.iter().chain(&claim.upcoming).flat_map(|i| &i.payments).collect();
    case.payments
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let mine = imputations.iter().filter(|m| m.payment == k);
            let (interest, principal) =
                mine.fold((Decimal::ZERO, Decimal::ZERO), |(i, pr), m| (i + m.to_interest, pr + m.to_principal));
            BasisPayment {
                date: Day(p.date),
                montant: Money(p.amount),
                facture: p.invoice.clone(),
                interets: Money(interest),
                principal: Money(principal),
                tout_au_principal: money(principal) == money(p.amount),
            }
        })
        .collect()
}
