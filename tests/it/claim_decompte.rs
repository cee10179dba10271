//! The décompte, exact to the cent: every figure below was computed by hand (base × taux ×
//! jours / 365, each line rounded half away from zero).

use std::path::Path;

use crate::claim_support::{b2b, b2c, credit, d, invoice, notice, payment};
use recouvre::case::model::{Case, PenaltyClause};
use recouvre::claim::{self, Claim, LegalRateCategory, RateTables, Regime};
use recouvre::diag::Diagnostic;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn compute(case: &Case, on: &str) -> Claim {
    claim::compute(case, &RateTables::embedded(), d(on)).expect("décompte")
}

/// (from, to, days, base, rate, amount) of every segment of an invoice.
fn lines(claim: &Claim, invoice: usize) -> Vec<(String, String, i64, Decimal, Decimal, Decimal)> {
    claim.invoices[invoice]
        .segments
        .iter()
        .map(|s| (s.from.to_string(), s.to.to_string(), s.days, s.base, s.rate, s.amount))
        .collect()
}

fn seg(
    from: &str,
    to: &str,
    days: i64,
    base: Decimal,
    rate: Decimal,
    amount: Decimal,
) -> (String, String, i64, Decimal, Decimal, Decimal) {
    (from.into(), to.into(), days, base, rate, amount)
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().filter_map(|d| d.code).collect()
}

const WORKED_EXAMPLE: &str = r#"
version: 1
reference: DOS-2025-001
date_calcul: 2025-10-31
lieu_signature: Lyon
creancier:
  type: societe
  raison_sociale: Atelier Dupont
  forme_juridique: SAS
  siren: "732829320"
  rcs: Lyon
  representant: { nom: Marie Dupont, qualite: présidente }
  adresse: { lignes: ["12 rue Mercière"], code_postal: "69002", ville: Lyon }
debiteur:
  type: societe
  raison_sociale: Bâtir Plus
  forme_juridique: SARL
  adresse: { lignes: ["4 avenue Jean Jaurès"], code_postal: "69007", ville: Lyon }
factures:
  - numero: F-2025-042
    date: 2025-04-15
    echeance: 2025-05-15
    montant_ht: "8333.33"
    montant_tva: "1666.67"
    montant_ttc: "10000.00"
"#;

/// The worked check of the domain notes, from a YAML case through the check stage.
#[test]
fn worked_example_from_yaml() {
    let loaded = recouvre::case::load_str(WORKED_EXAMPLE, Path::new("dossier.yaml"));
    let checked = recouvre::check::check(&loaded, &recouvre::inputs::Files::new(), d("2026-01-01"));
    let case = checked.case.unwrap_or_else(|| panic!("{}", checked.diagnostics));
    let claim = compute(&case, "2025-10-31");
    assert_eq!(claim.regime, Regime::ProfessionalLegalRate);
    assert_eq!(
        lines(&claim, 0),
        vec![
            seg("2025-05-15", "2025-06-30", 46, dec!(10000.00), dec!(13.15), dec!(165.73)),
            seg("2025-06-30", "2025-10-31", 123, dec!(10000.00), dec!(12.15), dec!(409.44)),
        ]
    );
    let inv = &claim.invoices[0];
    assert_eq!(inv.segments[0].rate_source, "taux BCE 3,15 % + 10 points (1er semestre 2025)");
    assert_eq!(inv.segments[1].rate_source, "taux BCE 2,15 % + 10 points (2e semestre 2025)");
    assert_eq!(inv.interest_accrued, dec!(575.17));
    assert_eq!(inv.indemnity, dec!(40));
    assert_eq!(inv.total, dec!(10615.17));
    assert_eq!(claim.totals.total_due, dec!(10615.17));
    assert_eq!(claim.totals.indemnity_count, 1);
    assert!(claim.warnings.is_empty(), "{:?}", claim.warnings);
    let table = claim::to_table(&claim);
    // The first day of delay is printed: the day after the due date (15/05/2025).
    assert!(table.contains("du 16/05/2025 au 30/06/2025 — 46 j × 13,15 % sur 10 000,00 € = 165,73 €"), "{table}");
}

#[test]
fn period_spanning_1_july_2024() {
    let case = b2b(vec![invoice("F1", "2024-05-01", "2024-06-10", dec!(2500))]);
    let claim = compute(&case, "2024-08-20");
    assert_eq!(
        lines(&claim, 0),
        vec![
            // 2500 × 14,50 % × 20 / 365 = 19.863… ; 2500 × 14,25 % × 51 / 365 = 49.777…
            seg("2024-06-10", "2024-06-30", 20, dec!(2500), dec!(14.50), dec!(19.86)),
            seg("2024-06-30", "2024-08-20", 51, dec!(2500), dec!(14.25), dec!(49.78)),
        ]
    );
}

/// 2024 is a leap year: 29 February counts as a day, the year still has 365.
#[test]
fn leap_year_2024_counts_exact_days_over_365() {
    let case = b2b(vec![invoice("F1", "2024-01-15", "2024-02-15", dec!(5000))]);
    let claim = compute(&case, "2024-03-31");
    assert_eq!(lines(&claim, 0), vec![seg("2024-02-15", "2024-03-31", 45, dec!(5000), dec!(14.50), dec!(89.38))]);
    // A whole first half of 2024: 182 days, not 182/366.
    let case = b2b(vec![invoice("F2", "2023-11-30", "2023-12-31", dec!(10000))]);
    let claim = compute(&case, "2024-06-30");
    assert_eq!(lines(&claim, 0), vec![seg("2023-12-31", "2024-06-30", 182, dec!(10000), dec!(14.50), dec!(723.01))]);
    assert!(claim.conventions.iter().any(|c| c.contains("365 jours, y compris les années bissextiles")));
}

#[test]
fn payment_mid_segment_pays_interest_first() {
    let mut case = b2b(vec![invoice("F1", "2025-04-15", "2025-05-15", dec!(10000))]);
    case.payments = vec![payment("2025-08-15", dec!(3000), Some("F1"))];
    let claim = compute(&case, "2025-10-31");
    assert_eq!(
        lines(&claim, 0),
        vec![
            seg("2025-05-15", "2025-06-30", 46, dec!(10000), dec!(13.15), dec!(165.73)),
            seg("2025-06-30", "2025-08-15", 46, dec!(10000), dec!(12.15), dec!(153.12)),
            seg("2025-08-15", "2025-10-31", 77, dec!(7318.85), dec!(12.15), dec!(187.59)),
        ]
    );
    let inv = &claim.invoices[0];
    assert_eq!(inv.payments.len(), 1);
    assert!(inv.payments[0].designated);
    assert_eq!(inv.payments[0].to_interest, dec!(318.85));
    assert_eq!(inv.payments[0].to_principal, dec!(2681.15));
    assert_eq!(inv.principal_remaining, dec!(7318.85));
    assert_eq!(inv.interest_accrued, dec!(506.44));
    assert_eq!(inv.interest_paid, dec!(318.85));
    assert_eq!(inv.interest_remaining, dec!(187.59));
    assert_eq!(inv.total, dec!(7546.44));
    assert_eq!(claim.totals.payments, dec!(3000));
}

#[test]
fn payment_before_due_date_reduces_the_base_but_indemnity_stays() {
    let mut case = b2b(vec![invoice("F1", "2025-04-15", "2025-05-15", dec!(10000))]);
    case.payments = vec![payment("2025-05-10", dec!(4000), None)];
    let claim = compute(&case, "2025-10-31");
    assert_eq!(
        lines(&claim, 0),
        vec![
            seg("2025-05-15", "2025-06-30", 46, dec!(6000), dec!(13.15), dec!(99.44)),
            seg("2025-06-30", "2025-10-31", 123, dec!(6000), dec!(12.15), dec!(245.66)),
        ]
    );
    let inv = &claim.invoices[0];
    assert_eq!((inv.payments[0].to_interest, inv.payments[0].to_principal), (dec!(0), dec!(4000)));
    assert!(!inv.payments[0].designated);
    // Partly unpaid at its due date: late, so the indemnity is owed.
    assert_eq!(inv.indemnity, dec!(40));
    assert_eq!(claim.totals.total_due, dec!(6385.10));
}

#[test]
fn paid_in_full_on_the_due_date_owes_nothing() {
    let mut case = b2b(vec![invoice("F1", "2025-04-15", "2025-05-15", dec!(10000))]);
    case.payments = vec![payment("2025-05-15", dec!(10000), Some("F1"))];
    let claim = compute(&case, "2025-10-31");
    assert!(claim.invoices[0].segments.is_empty());
    assert_eq!(claim.invoices[0].indemnity, dec!(0));
    assert_eq!(claim.totals.total_due, dec!(0));
}

#[test]
fn credit_note_reduces_principal_on_its_date() {
    let mut case = b2b(vec![invoice("F1", "2025-04-15", "2025-05-15", dec!(10000))]);
    case.credit_notes = vec![credit("AV-1", "F1", "2025-09-01", dec!(2000))];
    let claim = compute(&case, "2025-10-31");
    assert_eq!(
        lines(&claim, 0),
        vec![
            seg("2025-05-15", "2025-06-30", 46, dec!(10000), dec!(13.15), dec!(165.73)),
            seg("2025-06-30", "2025-09-01", 63, dec!(10000), dec!(12.15), dec!(209.71)),
            seg("2025-09-01", "2025-10-31", 60, dec!(8000), dec!(12.15), dec!(159.78)),
        ]
    );
    let inv = &claim.invoices[0];
    assert_eq!(inv.credits.len(), 1);
    assert_eq!(inv.principal_remaining, dec!(8000));
    assert_eq!(inv.total, dec!(8575.22));
    assert_eq!(claim.totals.credits, dec!(2000));
}

/// Settled by its due date through a credit note and a payment: not late, no indemnity. The same
/// credit note a day after the due date leaves the invoice late (40 €) though nothing is owed.
#[test]
fn credit_note_by_the_due_date_counts_as_settling_it() {
    let mut case = b2b(vec![invoice("F1", "2025-04-15", "2025-05-15", dec!(1000))]);
    case.credit_notes = vec![credit("AV-1", "F1", "2025-05-15", dec!(400))];
    case.payments = vec![payment("2025-05-10", dec!(600), Some("F1"))];
    let claim = compute(&case, "2025-10-31");
    assert_eq!(claim.invoices[0].indemnity, dec!(0), "settled by the due date");
    assert_eq!(claim.totals.total_due, dec!(0));

    case.credit_notes = vec![credit("AV-1", "F1", "2025-05-16", dec!(400))];
    let claim = compute(&case, "2025-10-31");
    assert_eq!(claim.invoices[0].indemnity, dec!(40), "400 € still owed after the due date");
    assert_eq!(claim.invoices[0].principal_remaining, dec!(0));
}

/// An unassigned payment goes to an invoice already due before one not yet due, even when the
/// one not yet due comes first in the file (art. 1342-10 C. civ.).
#[test]
fn unassigned_payment_pays_what_is_due_before_what_is_not_yet() {
    let mut case = b2b(vec![
        invoice("F2", "2025-04-20", "2025-06-30", dec!(500)),
        invoice("F1", "2025-03-31", "2025-04-30", dec!(800)),
    ]);
    case.payments = vec![payment("2025-05-01", dec!(300), None)];
    let claim = compute(&case, "2025-07-10");
    let f1 = claim.invoices.iter().find(|i| i.number == "F1").expect("F1");
    let f2 = claim.invoices.iter().find(|i| i.number == "F2").expect("F2");
    let paid: Decimal = f1.payments.iter().map(|p| p.to_interest + p.to_principal).sum();
    assert_eq!(paid, dec!(300), "F1, due the day before the payment, takes all of it");
    assert!(f2.payments.is_empty(), "F2 was not yet due: {:?}", f2.payments);
    assert_eq!(f2.principal_remaining, dec!(500));
}

#[test]
fn unassigned_payment_goes_to_oldest_due_then_carries_over() {
    let mut case = b2b(vec![
        // Listed out of order: imputation follows due dates, not the file.
        invoice("F2", "2025-03-31", "2025-04-30", dec!(2000)),
        invoice("F1", "2025-03-01", "2025-03-31", dec!(1000)),
    ]);
    case.payments = vec![payment("2025-06-15", dec!(1500), None)];
    let claim = compute(&case, "2025-10-31");
    let f1 = &claim.invoices[1];
    assert_eq!(f1.number, "F1");
    assert_eq!(lines(&claim, 1), vec![seg("2025-03-31", "2025-06-15", 76, dec!(1000), dec!(13.15), dec!(27.38))]);
    assert_eq!((f1.payments[0].to_interest, f1.payments[0].to_principal), (dec!(27.38), dec!(1000)));
    assert_eq!(f1.principal_remaining, dec!(0));
    assert_eq!(f1.total, dec!(40));
    let f2 = &claim.invoices[0];
    assert_eq!((f2.payments[0].to_interest, f2.payments[0].to_principal), (dec!(33.15), dec!(439.47)));
    assert_eq!(f2.payments[0].payment_amount, dec!(1500));
    assert_eq!(
        lines(&claim, 0),
        vec![
            seg("2025-04-30", "2025-06-15", 46, dec!(2000), dec!(13.15), dec!(33.15)),
            seg("2025-06-15", "2025-06-30", 15, dec!(1560.53), dec!(13.15), dec!(8.43)),
            seg("2025-06-30", "2025-10-31", 123, dec!(1560.53), dec!(12.15), dec!(63.89)),
        ]
    );
    assert_eq!(f2.total, dec!(1672.85));
    assert_eq!(claim.totals.total_due, dec!(1712.85));
    assert_eq!(claim.totals.indemnity_count, 2);
}

#[test]
fn designated_payment_excess_goes_on_in_legal_order() {
    let mut case = b2b(vec![
        invoice("A", "2025-01-10", "2025-02-10", dec!(100)),
        invoice("B", "2025-05-01", "2025-12-31", dec!(300)),
        invoice("C", "2025-02-01", "2025-03-01", dec!(200)),
    ]);
    // Pays B (not yet due: no interest) in full; the rest goes to A (due first), then C.
    case.payments = vec![payment("2025-02-05", dec!(450), Some("B"))];
    let claim = compute(&case, "2025-02-05");
    // None is due yet: all three are left aside, computed but not claimed.
    assert!(claim.invoices.is_empty());
    let [a, b, c] = &claim.upcoming[..] else { panic!("three invoices") };
    assert_eq!(b.payments[0].to_principal, dec!(300));
    assert!(b.payments[0].designated);
    // On 5 February none is due: A (due 10 Feb) before C (due 1 March).
    assert_eq!(a.payments[0].to_principal, dec!(100));
    assert!(!a.payments[0].designated);
    assert_eq!(c.payments[0].to_principal, dec!(50));
    assert_eq!(c.principal_remaining, dec!(150));
    // No invoice was due on the day of the décompte: nothing claimed.
    assert_eq!(claim.totals.total_due, dec!(0));
}

#[test]
fn fully_paid_late_invoice_owes_the_indemnity_only() {
    let mut case = b2b(vec![invoice("F1", "2025-03-01", "2025-03-31", dec!(1000))]);
    // 30 days late: 1000 × 13,15 % × 30 / 365 = 10.81, paid with the principal.
    case.payments = vec![payment("2025-04-30", dec!(1010.81), Some("F1"))];
    let claim = compute(&case, "2025-10-31");
    let inv = &claim.invoices[0];
    assert_eq!(inv.interest_accrued, dec!(10.81));
    assert_eq!(inv.interest_paid, dec!(10.81));
    assert_eq!(inv.principal_remaining, dec!(0));
    assert_eq!(inv.indemnity, dec!(40));
    assert_eq!(inv.total, dec!(40));
    assert_eq!(claim.totals.total_due, dec!(40));
}

#[test]
fn no_indemnity_when_terms_waive_it() {
    let mut case = b2b(vec![invoice("F1", "2025-03-01", "2025-03-31", dec!(1000))]);
    case.terms.flat_indemnity = false;
    let claim = compute(&case, "2025-10-31");
    assert_eq!(claim.totals.indemnities, dec!(0));
    assert!(claim.conventions.iter().any(|c| c.contains("non réclamée")));
}

#[test]
fn consumer_debtor_company_creditor_legal_rate_autre_from_receipt() {
    let mut case = b2c(vec![invoice("F1", "2025-11-15", "2025-12-15", dec!(1500))], false);
    case.formal_notice = Some(notice("2026-01-10", Some("2026-01-14")));
    let claim = compute(&case, "2026-05-31");
    assert_eq!(
        claim.regime,
        Regime::ConsumerLegalInterest { category: LegalRateCategory::Autre, from: Some(d("2026-01-14")) }
    );
    assert_eq!(lines(&claim, 0), vec![seg("2026-01-14", "2026-05-31", 137, dec!(1500), dec!(2.62), dec!(14.75))]);
    assert_eq!(claim.invoices[0].segments[0].rate_source, "taux légal (autre) 1er semestre 2026");
    assert_eq!(claim.invoices[0].indemnity, dec!(0));
    assert_eq!(claim.totals.total_due, dec!(1514.75));
    assert!(claim.warnings.is_empty());
}

#[test]
fn consumer_debtor_private_creditor_legal_rate_particulier() {
    let mut case = b2c(vec![invoice("F1", "2025-11-15", "2025-12-15", dec!(1500))], true);
    case.formal_notice = Some(notice("2026-01-10", Some("2026-01-14")));
    let claim = compute(&case, "2026-05-31");
    assert_eq!(lines(&claim, 0), vec![seg("2026-01-14", "2026-05-31", 137, dec!(1500), dec!(6.67), dec!(37.55))]);
    assert_eq!(claim.invoices[0].segments[0].rate_source, "taux légal (particulier) 1er semestre 2026");
}

#[test]
fn consumer_no_interest_on_an_invoice_due_after_the_notice_and_from_sending_without_receipt() {
    // An invoice due after the notice was sent: the letter could not claim it, no interest
    // before another demand (art. 1344 C. civ.); its principal is claimed.
    let mut case = b2c(
        vec![
            invoice("F1", "2025-11-15", "2025-12-15", dec!(1500)),
            invoice("F2", "2026-01-05", "2026-02-05", dec!(1000)),
        ],
        false,
    );
    case.formal_notice = Some(notice("2026-01-10", None));
    let claim = compute(&case, "2026-05-31");
    assert_eq!(lines(&claim, 0), vec![seg("2026-01-10", "2026-05-31", 141, dec!(1500), dec!(2.62), dec!(15.18))]);
    assert!(claim.invoices[1].segments.is_empty());
    assert_eq!(claim.invoices[1].principal_remaining, dec!(1000));
    assert!(claim.conventions.iter().any(|c| c.contains("n'est pas couverte par elle")));
    assert_eq!(codes(&claim.warnings), vec!["R022"]);
}

#[test]
fn consumer_without_formal_notice_owes_no_interest() {
    let case = b2c(vec![invoice("F1", "2025-11-15", "2025-12-15", dec!(1500))], false);
    let claim = compute(&case, "2026-05-31");
    assert!(claim.invoices[0].segments.is_empty());
    assert_eq!(claim.totals.total_due, dec!(1500));
    assert!(claim.conventions.iter().any(|c| c.contains("Aucune mise en demeure")));
}

#[test]
fn consumer_contract_rate_runs_from_the_due_date() {
    let mut case = b2c(vec![invoice("F1", "2025-11-15", "2025-12-15", dec!(1500))], false);
    case.terms.penalty_rate = Some(dec!(10));
    let claim = compute(&case, "2026-05-31");
    assert_eq!(claim.regime, Regime::ConsumerContractRate { rate: dec!(10) });
    assert_eq!(
        lines(&claim, 0),
        vec![
            seg("2025-12-15", "2025-12-31", 16, dec!(1500), dec!(10), dec!(6.58)),
            seg("2025-12-31", "2026-05-31", 151, dec!(1500), dec!(10), dec!(62.05)),
        ]
    );
    assert_eq!(claim.invoices[0].segments[0].rate_source, "taux contractuel");
    assert_eq!(claim.invoices[0].indemnity, dec!(0));
}

#[test]
fn contract_rate_below_three_times_legal_rate_warns_once_per_half_year() {
    let mut case = b2b(vec![invoice("F1", "2023-08-31", "2023-09-30", dec!(10000))]);
    case.terms.penalty_rate = Some(dec!(8));
    let claim = compute(&case, "2024-03-31");
    assert_eq!(
        lines(&claim, 0),
        vec![
            seg("2023-09-30", "2023-12-31", 92, dec!(10000), dec!(8), dec!(201.64)),
            seg("2023-12-31", "2024-03-31", 91, dec!(10000), dec!(8), dec!(199.45)),
        ]
    );
    // Floors: 3 × 4,22 = 12,66 % (2023 H2) and 3 × 5,07 = 15,21 % (2024 H1).
    assert_eq!(codes(&claim.warnings), vec!["R030", "R030"]);
    assert!(claim.warnings[0].message.contains("12,66 %"), "{}", claim.warnings[0].message);
    assert!(claim.warnings[0].message.contains("2e semestre 2023"));
    assert_eq!(claim.warnings[0].field, "conditions.taux_penalites");
    // 40 € still owed between professionals.
    assert_eq!(claim.totals.total_due, dec!(10441.09));

    // Above the floor: no warning. 2026 H2 legal rate unknown: floor check skipped silently.
    case.terms.penalty_rate = Some(dec!(16));
    let claim = compute(&case, "2024-03-31");
    assert!(claim.warnings.is_empty());
    let mut late = b2b(vec![invoice("F1", "2026-05-01", "2026-05-31", dec!(1000))]);
    late.terms.penalty_rate = Some(dec!(12));
    let claim = compute(&late, "2026-09-30");
    assert!(claim.warnings.is_empty(), "{:?}", claim.warnings);
}

/// On the due date itself nothing is late yet: no interest, no indemnity.
#[test]
fn on_the_due_date_nothing_is_late() {
    let case = b2b(vec![invoice("F1", "2025-04-15", "2025-05-15", dec!(10000))]);
    let claim = compute(&case, "2025-05-15");
    // Not yet due: computed apart, claimed nowhere.
    assert!(claim.invoices.is_empty());
    assert!(claim.upcoming[0].segments.is_empty());
    assert_eq!(claim.upcoming[0].indemnity, dec!(0));
    assert_eq!(claim.upcoming[0].total, dec!(10000));
    assert_eq!(claim.totals.total_due, dec!(0));
    // The next day: one day of penalties and the indemnity.
    let claim = compute(&case, "2025-05-16");
    assert_eq!(lines(&claim, 0), vec![seg("2025-05-15", "2025-05-16", 1, dec!(10000), dec!(13.15), dec!(3.60))]);
    assert_eq!(claim.invoices[0].indemnity, dec!(40));
}

#[test]
fn missing_legal_rate_half_year_is_an_error_naming_it() {
    let mut case = b2c(vec![invoice("F1", "2025-11-15", "2025-12-15", dec!(1500))], false);
    case.formal_notice = Some(notice("2026-01-10", Some("2026-01-14")));
    let errors = claim::compute(&case, &RateTables::embedded(), d("2026-09-30"))
        .expect_err("2026 H2 legal rate is not published in the tables");
    assert_eq!(codes(&errors), vec!["R031"]);
    let e = &errors[0];
    assert!(e.is_error());
    assert!(e.message.contains("2e semestre 2026"), "{}", e.message);
    assert!(e.message.contains("« autre »"));
    let hint = e.hint.as_deref().unwrap_or_default();
    assert!(hint.contains("--taux FICHIER"), "{hint}");
    assert!(hint.contains("legal,2026-07-01,2.85,autre"), "{hint}");
}

#[test]
fn ecb_period_after_the_checked_date_warns_once() {
    let case = b2b(vec![
        invoice("F1", "2026-05-01", "2026-06-30", dec!(10000)),
        invoice("F2", "2026-05-15", "2026-06-30", dec!(500)),
    ]);
    let claim = compute(&case, "2027-02-28");
    assert_eq!(codes(&claim.warnings), vec!["R032"]);
    let w = &claim.warnings[0].message;
    assert!(w.contains("5 février 2026"), "{w}");
    assert!(w.contains("2e semestre 2026, le 1er semestre 2027"), "{w}");
    assert_eq!(lines(&claim, 0)[0], seg("2026-06-30", "2026-12-31", 184, dec!(10000), dec!(12.15), dec!(612.49)));
}

#[test]
fn user_rates_file_adds_and_overrides_half_years() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("taux.csv");
    std::fs::write(&csv, "type,debut,taux,categorie\nlegal,2026-07-01,2.85,autre\n").expect("write");
    let rates = RateTables::with_user_file(&csv).expect("valid rates file");
    assert_eq!(rates.legal_rate(d("2026-07-01"), LegalRateCategory::Autre), Some(dec!(2.85)));

    let mut case = b2c(vec![invoice("F1", "2025-11-15", "2025-12-15", dec!(1500))], false);
    case.formal_notice = Some(notice("2026-01-10", Some("2026-01-14")));
    let claim = claim::compute(&case, &rates, d("2026-09-30")).expect("rate now known");
    assert_eq!(
        lines(&claim, 0),
        vec![
            seg("2026-01-14", "2026-06-30", 167, dec!(1500), dec!(2.62), dec!(17.98)),
            seg("2026-06-30", "2026-09-30", 92, dec!(1500), dec!(2.85), dec!(10.78)),
        ]
    );
    assert_eq!(claim.invoices[0].segments[1].rate_source, "taux légal (autre) 2e semestre 2026, fichier --taux");
    // The conventions a judge reads name the official sources, never the software's files.
    assert!(
        !claim.conventions.iter().any(|c| c.contains("--taux") || c.contains("recouvre")),
        "{:?}",
        claim.conventions
    );

    // YAML: a new ECB rate from 11 June 2026, checked up to 1 July 2026: no R032.
    let yaml = dir.path().join("taux.yaml");
    std::fs::write(
        &yaml,
        "verifie_jusqu_au: 2026-07-01\ntaux:\n  - { type: bce, debut: 2026-06-11, taux: \"2.00\" }\n",
    )
    .expect("write");
    let rates = RateTables::with_user_file(&yaml).expect("valid rates file");
    assert_eq!(rates.ecb_rate_for_half_year(d("2026-07-01")), Some(dec!(2.00)));
    assert_eq!(rates.ecb_rate_for_half_year(d("2026-01-01")), Some(dec!(2.15)));
    let case = b2b(vec![invoice("F1", "2026-05-01", "2026-06-30", dec!(10000))]);
    let claim = claim::compute(&case, &rates, d("2026-09-30")).expect("décompte");
    assert!(claim.warnings.is_empty(), "{:?}", claim.warnings);
    assert_eq!(lines(&claim, 0), vec![seg("2026-06-30", "2026-09-30", 92, dec!(10000), dec!(12.00), dec!(302.47))]);
    assert_eq!(
        claim.invoices[0].segments[0].rate_source,
        "taux BCE 2 % + 10 points (2e semestre 2026), fichier --taux"
    );
}

#[test]
fn bad_user_rates_file_reports_each_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("taux.csv");
    std::fs::write(&csv, "legal,2026-07-01,2;85,autre\nlegal,2026-08-01,2.85,autre\nbce,2026-06-11,2.00,\n")
        .expect("write");
    let errors = RateTables::with_user_file(&csv).expect_err("two bad rows");
    let lines: Vec<u32> = errors.iter().map(|e| e.pos.line).collect();
    assert_eq!(lines, vec![1, 2]);
    assert!(errors.iter().all(|e| e.file == csv));
    let missing = RateTables::with_user_file(&dir.path().join("absent.csv")).expect_err("absent");
    assert_eq!(codes(&missing), vec!["S005"]);
}

#[test]
fn payment_above_everything_due_is_an_error() {
    let mut case = b2b(vec![invoice("F1", "2025-03-01", "2025-03-31", dec!(1000))]);
    case.payments = vec![payment("2025-03-15", dec!(1200), None)];
    let errors = claim::compute(&case, &RateTables::embedded(), d("2025-10-31")).expect_err("excess");
    assert_eq!(codes(&errors), vec!["R017"]);
    assert!(errors[0].message.contains("200,00 €"), "{}", errors[0].message);
    assert_eq!(errors[0].field, "paiements[1].montant");
}

#[test]
fn payments_after_the_date_are_left_out() {
    let mut case = b2b(vec![invoice("F1", "2025-04-15", "2025-05-15", dec!(10000))]);
    case.payments = vec![payment("2025-11-15", dec!(10000), Some("F1"))];
    let claim = compute(&case, "2025-10-31");
    assert_eq!(claim.totals.total_due, dec!(10615.17));
    assert!(
        claim
            .conventions
            .iter()
            .any(|c| c.contains("Un paiement ou avoir daté après le 31 octobre 2025 n'est pas pris en compte.")),
        "{:?}",
        claim.conventions
    );
}

#[test]
fn penalty_clause_percent_and_amount() {
    let mut case = b2b(vec![invoice("F1", "2025-04-15", "2025-05-15", dec!(10000))]);
    case.credit_notes = vec![credit("AV-1", "F1", "2025-09-01", dec!(1234.55))];
    case.terms.penalty_clause = Some(PenaltyClause::Percent(dec!(10)));
    let claim = compute(&case, "2025-10-31");
    // 10 % of 8 765,45 = 876.545 → 876.55.
    assert_eq!(claim.totals.penalty_clause, dec!(876.55));
    let invoices_total: Decimal = claim.invoices.iter().map(|i| i.total).sum();
    assert_eq!(claim.totals.total_due, invoices_total + dec!(876.55));
    case.terms.penalty_clause = Some(PenaltyClause::Amount(dec!(500)));
    let claim = compute(&case, "2025-10-31");
    assert_eq!(claim.totals.penalty_clause, dec!(500));
    assert_eq!(claim.totals.total_due, invoices_total + dec!(500));
}

/// One representative case: two invoices, a credit note, a designated and an unassigned
/// payment, a clause pénale.
fn representative() -> (Case, Claim) {
    let mut case = b2b(vec![
        invoice("F-2025-001", "2025-02-14", "2025-03-16", dec!(4800)),
        invoice("F-2025-007", "2025-04-15", "2025-05-15", dec!(10000)),
    ]);
    case.credit_notes = vec![credit("AV-2025-002", "F-2025-007", "2025-06-02", dec!(1200))];
    case.payments =
        vec![payment("2025-04-30", dec!(2000), Some("F-2025-001")), payment("2025-09-10", dec!(3500), None)];
    case.terms.penalty_clause = Some(PenaltyClause::Percent(dec!(5)));
    let claim = compute(&case, "2025-10-31");
    (case, claim)
}

#[test]
fn snapshot_json() {
    let (case, claim) = representative();
    insta::assert_json_snapshot!("claim_json", claim::to_json(&case, &claim));
}

#[test]
fn snapshot_table() {
    insta::assert_snapshot!("claim_table", claim::to_table(&representative().1));
}

#[test]
fn snapshot_csv() {
    let (case, claim) = representative();
    insta::assert_snapshot!("claim_csv", claim::to_csv(&case, &claim));
}

#[test]
fn json_amounts_have_two_decimals() {
    let (case, claim) = representative();
    let json = claim::to_json(&case, &claim);
    assert_eq!(json["factures"][0]["indemnite_forfaitaire"], "40.00");
    assert_eq!(json["factures"][0]["segments"][0]["taux"], "13.15");
    let total = json["total_du"].as_str().expect("string");
    assert_eq!(total.split('.').nth(1).map(str::len), Some(2));
}

/// The décompte of every sample satisfies the identities every décompte must.
#[test]
fn every_sample_decompte_reconciles() {
    use recouvre::pipeline::{Timings, prepare};
    for sample in crate::support::sample_names() {
        let case = crate::support::sample(&sample);
        let prepared = prepare(crate::support::engine(), &case, crate::support::today(), None, &mut Timings::default())
            .unwrap_or_else(|e| panic!("{sample}: {e}"));
        crate::claim_support::assert_identities(&prepared.claim, &sample);
    }
}
