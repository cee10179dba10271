//! The claim summed up as letters, court papers and the décompte show it: invoices, totals, the
//! words of the interest regime.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use crate::case::model::Case;
use crate::claim::{Claim, Regime};
use crate::format::data::{iso, money, rate};

/// One invoice as the letters and the requête list it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InvoiceLineData {
    pub numero: String,
    pub date: String,
    pub echeance: String,
    pub objet: Option<String>,
    pub ttc: String,
    pub avoirs: String,
    pub paiements: String,
    /// TTC minus the principal still due (credit notes and the principal part of payments).
    pub regle: String,
    /// Principal still due.
    pub reste: String,
    /// Interest still owed (accrued less what payments paid of it).
    pub interets: String,
    /// Interest accrued over every period, and the part payments paid (art. 1343-1 C. civ.).
    pub interets_courus: String,
    pub interets_payes: String,
    /// The décompte's numbered interest lines this invoice sums, first and last (none: no interest).
    pub lignes: Option<(usize, usize)>,
    /// The first day of delay of the first line (the day after the due date, or after the receipt
    /// of the mise en demeure for legal interest).
    pub premier_jour: Option<String>,
    pub indemnite: String,
    pub total: String,
}

/// The numbers of the décompte's interest lines of each invoice of the claim, in order: lines are
/// numbered from 1 across the whole décompte, so that a requête can point to them.
pub fn interest_lines(claim: &Claim) -> Vec<Option<(usize, usize)>> {
    let mut next = 1;
    claim
        .invoices
        .iter()
        .map(|i| {
            let n = i.segments.len();
            let range = (n > 0).then(|| (next, next + n - 1));
            next += n;
            range
        })
        .collect()
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TotalsData {
    pub ttc: String,
    pub avoirs: String,
    pub paiements: String,
    pub regle: String,
    pub principal: String,
    pub interets: String,
    pub interets_courus: String,
    pub interets_payes: String,
    pub indemnites: String,
    pub indemnites_nombre: usize,
    pub clause_penale: String,
    pub total: String,
    /// What the invoices come to: `total` less the clause pénale (a décompte's table sums to it).
    pub total_factures: String,
    /// Part of the credit notes and payments went to interest (art. 1343-1 C. civ.): `regle` is
    /// less than `avoirs` + `paiements`.
    pub imputes_sur_interets: bool,
}

/// Invoices a letter or a requête lists one by one; beyond, the others are summed up in one line
/// that refers to the décompte joined to every dossier, so a page stays readable and the totals
/// stay exact whatever the number of invoices.
pub const LISTED_INVOICES: usize = 12;

/// The invoices a letter does not list, summed: « et 9 990 autres factures, détaillées au décompte joint ».
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OtherInvoicesData {
    pub nombre: usize,
    /// `9 990`, French digit grouping.
    pub nombre_texte: String,
    pub ttc: String,
    pub regle: String,
    pub reste: String,
    pub interets: String,
    pub indemnite: String,
    pub total: String,
}

/// The claim summed up for letters and the requête.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ClaimSummary {
    pub arrete_au: String,
    /// The day after `arrete_au`: interest keeps running from it.
    pub lendemain: String,
    /// Every invoice, or the first [`LISTED_INVOICES`] when `autres` is set.
    pub factures: Vec<InvoiceLineData>,
    /// Number of invoices of the claim, listed or not.
    pub nombre_factures: usize,
    /// The invoices not listed in `factures`, summed.
    pub autres: Option<OtherInvoicesData>,
    pub totaux: TotalsData,
    /// "Pénalités de retard", "Intérêts au taux légal", "Intérêts au taux contractuel".
    pub interets_libelle: String,
    /// The agreement of « courues »/« courus », « imputées »/« imputés » with the label.
    pub interets_feminin: bool,
    /// How the rate is set, to follow "au taux …": "égal au taux de refinancement de la BCE majoré de 10 points".
    pub taux_libelle: String,
    /// Legal basis of the interest, e.g. "article L. 441-10 du Code de commerce".
    pub interets_fondement: String,
    pub b2b: bool,
    pub conventions: Vec<String>,
    /// How interest runs, for a letter that words it in another language: « penalites_legales »,
    /// « penalites_contractuelles », « interet_legal » or « interet_contractuel ».
    pub regime: &'static str,
    /// The contractual rate (« 12.00 »), none under a statutory rate.
    pub taux_contractuel: Option<String>,
}

/// The summary a letter or a requête shows: at most [`LISTED_INVOICES`] invoices, the others summed.
pub fn letter_summary(case: &Case, claim: &Claim) -> ClaimSummary {
    summary_listing(case, claim, LISTED_INVOICES)
}

/// The summary with every invoice listed (the décompte).
pub fn claim_summary(case: &Case, claim: &Claim) -> ClaimSummary {
    summary_listing(case, claim, usize::MAX)
}

fn summary_listing(case: &Case, claim: &Claim, listed: usize) -> ClaimSummary {
    let subjects: std::collections::HashMap<&str, &Option<String>> =
        case.invoices.iter().map(|inv| (inv.number.as_str(), &inv.subject)).collect();
    let (shown, others) = claim.invoices.split_at(claim.invoices.len().min(listed));
    let lines = interest_lines(claim);
    let factures = shown
        .iter()
        .zip(lines)
        .map(|(i, lignes)| {
            let credits: Decimal = i.credits.iter().map(|c| c.amount).sum();
            let payments: Decimal = i.payments.iter().map(|p| p.to_principal + p.to_interest).sum();
            let subject = subjects.get(i.number.as_str()).and_then(|s| (*s).clone());
            InvoiceLineData {
                numero: i.number.clone(),
                date: iso(i.date),
                echeance: iso(i.due),
                objet: subject,
                ttc: money(i.gross),
                avoirs: money(credits),
                paiements: money(payments),
                regle: money(i.gross - i.principal_remaining),
                reste: money(i.principal_remaining),
                interets: money(i.interest_remaining),
                interets_courus: money(i.interest_accrued),
                interets_payes: money(i.interest_paid),
                lignes,
                premier_jour: i.segments.first().map(|s| iso(s.first_day())),
                indemnite: money(i.indemnity),
                total: money(i.total),
            }
        })
        .collect();
    let t = &claim.totals;
    let (label, rate_text, basis) = match &claim.regime {
        Regime::ProfessionalLegalRate => (
            "Pénalités de retard",
            "égal au taux de refinancement de la Banque centrale européenne majoré de 10 points".to_string(),
            "article L. 441-10 du Code de commerce",
        ),
        Regime::ProfessionalContractRate { rate: r } => (
            "Pénalités de retard",
            format!("contractuel de {}", crate::format::percent(*r)),
            "article L. 441-10 du Code de commerce et conditions contractuelles",
        ),
        Regime::ConsumerLegalInterest { .. } => {
            ("Intérêts au taux légal", "de l'intérêt légal".to_string(), "articles 1231-6 et 1344-1 du Code civil")
        }
        Regime::ConsumerContractRate { rate: r } => (
            "Intérêts au taux contractuel",
            format!("contractuel de {}", crate::format::percent(*r)),
            "stipulations contractuelles (article 1231-6 du Code civil)",
        ),
    };
    let autres = (!others.is_empty()).then(|| {
        let sum = |f: fn(&crate::claim::InvoiceClaim) -> Decimal| money(others.iter().map(f).sum());
        OtherInvoicesData {
            nombre: others.len(),
            nombre_texte: count_text(others.len()),
            ttc: sum(|i| i.gross),
            regle: sum(|i| i.gross - i.principal_remaining),
            reste: sum(|i| i.principal_remaining),
            interets: sum(|i| i.interest_remaining),
            indemnite: sum(|i| i.indemnity),
            total: sum(|i| i.total),
        }
    });
    ClaimSummary {
        arrete_au: iso(claim.computed_on),
        lendemain: iso(claim.computed_on.succ_opt().unwrap_or(claim.computed_on)),
        factures,
        nombre_factures: claim.invoices.len(),
        autres,
        totaux: TotalsData {
            ttc: money(t.gross),
            avoirs: money(t.credits),
            paiements: money(t.payments),
            regle: money(t.gross - t.principal_remaining),
            principal: money(t.principal_remaining),
            interets: money(t.interest_remaining),
            interets_courus: money(t.interest_accrued),
            interets_payes: money(t.interest_paid),
            indemnites: money(t.indemnities),
            indemnites_nombre: t.indemnity_count,
            clause_penale: money(t.penalty_clause),
            total: money(t.total_due),
            total_factures: money(t.total_due - t.penalty_clause),
            imputes_sur_interets: t.gross - t.principal_remaining < t.credits + t.payments,
        },
        interets_libelle: label.to_string(),
        interets_feminin: label.starts_with("Pénalités"),
        taux_libelle: rate_text,
        interets_fondement: basis.to_string(),
        b2b: case.debtor.is_professional(),
        conventions: claim.conventions.clone(),
        regime: match claim.regime {
            Regime::ProfessionalLegalRate => "penalites_legales",
            Regime::ProfessionalContractRate { .. } => "penalites_contractuelles",
            Regime::ConsumerLegalInterest { .. } => "interet_legal",
            Regime::ConsumerContractRate { .. } => "interet_contractuel",
        },
        taux_contractuel: match claim.regime {
            Regime::ProfessionalContractRate { rate: r } | Regime::ConsumerContractRate { rate: r } => Some(rate(r)),
            _ => None,
        },
    }
}

/// `9 990`: a count with French digit grouping.
pub fn count_text(n: usize) -> String {
    crate::format::amount(Decimal::from(n)).trim_end_matches(",00").to_string()
}
