//! What a déclaration de créance declares, for every document of its dossier (declaration,
//! requête en relevé de forclusion, décompte, cover): the sums due on the eve of the opening
//! judgment, and the later ones — made exigible by a liquidation (art. L. 643-1 C. com.), else
//! to fall due (art. L. 622-25) — for their principal only.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use crate::case::model::{Case, InsolvencyKind};
use crate::claim::Claim;
use crate::format::data::{Day, Money};

/// Une facture à échoir après le jugement d’ouverture : déclarée avec son échéance (art. L. 622-25
/// C. com.), pour le principal encore dû, sans pénalités ni indemnité.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct UpcomingInvoice {
    pub numero: String,
    pub date: Day,
    pub echeance: Day,
    pub montant_ttc: Money,
    /// Ce qui reste dû de son principal.
    pub principal_restant: Money,
}

/// Les sommes déclarées, réparties comme la déclaration les imprime.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DeclaredSums {
    /// Liquidation : les sommes postérieures sont exigibles dès le jugement (art. L. 643-1 C.
    /// com.).
    pub liquidation: bool,
    /// La date du jugement d’ouverture.
    pub jugement: Day,
    /// Les factures non échues la veille du jugement, avec ce qui reste de leur principal.
    pub a_echoir: Vec<UpcomingInvoice>,
    pub total_echu: Money,
    pub total_a_echoir: Money,
    pub total_declare: Money,
}

/// The invoices not yet due at the opening judgment and the principal they still carry.
pub fn upcoming(claim: &Claim) -> (Vec<UpcomingInvoice>, Decimal) {
    let rows = claim
        .upcoming
        .iter()
        .filter(|i| i.principal_remaining > Decimal::ZERO)
        .map(|i| UpcomingInvoice {
            numero: i.number.clone(),
            date: Day(i.date),
            echeance: Day(i.due),
            montant_ttc: Money(i.gross),
            principal_restant: Money(i.principal_remaining),
        })
        .collect();
    (rows, claim.upcoming_principal())
}

/// The declared sums of a case under an open procédure collective, its décompte drawn up to the
/// eve of the judgment; `None` otherwise.
pub fn declared_sums(case: &Case, claim: &Claim) -> Option<DeclaredSums> {
    let p = case.open_insolvency().filter(|_| case.interest_stop() == Some(claim.computed_on))?;
    let (rows, later) = upcoming(claim);
    Some(DeclaredSums {
        liquidation: p.kind == InsolvencyKind::Liquidation,
        jugement: Day(p.judgment),
        a_echoir: rows,
        total_echu: Money(claim.totals.total_due),
        total_a_echoir: Money(later),
        total_declare: Money(claim.totals.total_due + later),
    })
}
