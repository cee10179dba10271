//! Which interest rules apply to a case, and the rate of each half-year under them — with the
//! diagnostics a rate can raise: unknown (error), unchecked ECB period, contract rate below the
//! legal floor.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::half_year::HalfYear;
use super::rates::RateTables;
use super::{LegalRateCategory, Regime};
use crate::case::model::{Case, FormalNotice, Invoice, PartyKind};
use crate::diag::Diagnostic;
use crate::format::{date_fr, percent};
use crate::rules;

/// ECB + 10 points, frozen by half-year, applies from 1 January 2013; before, the rate followed
/// every ECB decision (and was ECB + 7 before 2009), which this module does not compute.
const HALF_YEAR_RULE_FROM: (i32, u32, u32) = (2013, 1, 1);

/// Points added to the ECB rate for the default B2B penalty rate (art. L. 441-10 II C. com.).
pub const ECB_MARGIN: Decimal = Decimal::TEN;

/// The regime of a case; a consumer case without receipt date gets the R022 warning.
pub fn regime_of(case: &Case, warnings: &mut Vec<Diagnostic>) -> Regime {
    // Penalties of L. 441-10 C. com. only against a professionnel; anyone else owes interest at
    // the legal rate from the mise en demeure (art. 1231-6 and 1344-1 C. civ.).
    let consumer = !case.debtor.is_professional();
    match (consumer, case.terms.penalty_rate) {
        (false, None) => Regime::ProfessionalLegalRate,
        (false, Some(rate)) => Regime::ProfessionalContractRate { rate },
        (true, Some(rate)) => Regime::ConsumerContractRate { rate },
        (true, None) => {
            let category = if case.creditor.kind == PartyKind::Individual {
                LegalRateCategory::Particulier
            } else {
                LegalRateCategory::Autre
            };
            let from = case.formal_notice.as_ref().map(|notice| {
                if notice.received.is_none() {
                    warnings.push(
                        rules::RECEIPT_UNKNOWN
                            .report(format!(
                                "date de réception de la mise en demeure inconnue : les intérêts au taux légal sont comptés à partir de son envoi ({})",
                                date_fr(notice.sent)
                            ))
                            .field("mise_en_demeure.date_reception")
                            .hint("ajoutez « date_reception » d'après l'accusé de réception : les intérêts courent de la réception, plus tard que l'envoi"),
                    );
                }
                notice.start()
            });
            Regime::ConsumerLegalInterest { category, from }
        }
    }
}

/// The exclusive start of an invoice's interest: nothing accrues on or before it. `None`: none.
pub fn interest_start(regime: &Regime, invoice: &Invoice, notice: Option<&FormalNotice>) -> Option<NaiveDate> {
    match regime {
        Regime::ConsumerLegalInterest { from, .. } => from
            .filter(|_| notice.is_none_or(|m| unclaimed(m, invoice.due, &invoice.number).is_none()))
            .map(|f| f.max(invoice.due)),
        _ => Some(invoice.due),
    }
}

/// Why a mise en demeure did not put the debtor in default of paying an invoice, so that legal
/// interest (art. 1344-1 C. civ.) does not run on it before another demand (art. 1344 C. civ.).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unclaimed {
    /// The letter does not name it (`mise_en_demeure.factures`).
    NotNamed,
    /// It was not yet late when the letter was sent (the court papers' « alors échues » test).
    NotLate,
}

/// Whether the mise en demeure claimed the invoice due on `due` and numbered `number`, and if not why.
pub fn unclaimed(notice: &FormalNotice, due: NaiveDate, number: &str) -> Option<Unclaimed> {
    if !notice.names(number) {
        Some(Unclaimed::NotNamed)
    } else if !super::is_due(due, notice.sent) {
        Some(Unclaimed::NotLate)
    } else {
        None
    }
}

/// The rate of each half-year under a regime, looked up once, with what the lookups found.
#[derive(Debug)]
pub struct RatePlan<'a> {
    regime: &'a Regime,
    tables: &'a RateTables,
    cache: BTreeMap<HalfYear, Option<(Decimal, String)>>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    unchecked: BTreeSet<HalfYear>,
}

impl<'a> RatePlan<'a> {
    pub fn new(regime: &'a Regime, tables: &'a RateTables) -> Self {
        Self {
            regime,
            tables,
            cache: BTreeMap::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            unchecked: BTreeSet::new(),
        }
    }

    /// The annual rate of a half-year and where it comes from, in French; `None` when unknown
    /// (an error has been recorded).
    pub fn rate(&mut self, half: HalfYear) -> Option<(Decimal, String)> {
        if let Some(found) = self.cache.get(&half) {
            return found.clone();
        }
        let found = self.look_up(half);
        self.cache.insert(half, found.clone());
        found
    }

    fn look_up(&mut self, half: HalfYear) -> Option<(Decimal, String)> {
        match *self.regime {
            Regime::ProfessionalLegalRate => self.ecb_plus_ten(half),
            Regime::ProfessionalContractRate { rate } => {
                self.check_floor(half, rate);
                Some((rate, "taux contractuel".into()))
            }
            Regime::ConsumerContractRate { rate } => Some((rate, "taux contractuel".into())),
            Regime::ConsumerLegalInterest { category, .. } => self.legal(half, category),
        }
    }

    fn ecb_plus_ten(&mut self, half: HalfYear) -> Option<(Decimal, String)> {
        let (y, m, d) = HALF_YEAR_RULE_FROM;
        if NaiveDate::from_ymd_opt(y, m, d).is_some_and(|from| half.start() < from) {
            self.errors.push(
                rules::RATE_UNKNOWN
                    .report(format!("pénalités de retard au {half} : avant 2013, le taux suivait chaque décision de la BCE (BCE + 7 points avant 2009) ; recouvre ne calcule pas ces périodes"))
                    .field("factures")
                    .hint("une facture échue avant 2013 est prescrite entre professionnels (5 ans) : retirez-la du dossier, ou convenez d'un taux (« conditions.taux_penalites »)"),
            );
            return None;
        }
        let Some(entry) = self.tables.ecb_entry(half.start()) else {
            self.errors.push(
                rules::RATE_UNKNOWN
                    .report(format!("taux de refinancement de la BCE inconnu au {} ({half})", date_fr(half.start())))
                    .field("date_calcul")
                    .hint("donnez-le avec « --taux FICHIER », FICHIER contenant une ligne « bce,AAAA-MM-JJ,TAUX, » (date d'effet de la décision, par exemple « bce,2006-12-13,3.50, »)"),
            );
            return None;
        };
        // Not checked for this half-year (R032): the décompte says the rate is the last one known,
        // not a fact, until a rates file checked past the half-year's start is given.
        let unchecked = half.start() > self.tables.ecb_checked_until();
        if unchecked {
            self.unchecked.insert(half);
        }
        let mut source = if unchecked {
            format!(
                "taux BCE {} + 10 points ({half} : dernier taux publié connu, du {}, non vérifié pour ce semestre)",
                percent(entry.rate),
                crate::format::typeset::date(entry.effective)
            )
        } else {
            format!("taux BCE {} + 10 points ({half})", percent(entry.rate))
        };
        if entry.from_user_file {
            source.push_str(", fichier --taux");
        }
        Some((entry.rate + ECB_MARGIN, source))
    }

    fn legal(&mut self, half: HalfYear, category: LegalRateCategory) -> Option<(Decimal, String)> {
        let name = category.name();
        let Some(entry) = self.tables.legal_entry(half.start(), category) else {
            self.errors.push(
                rules::RATE_UNKNOWN
                    .report(format!(
                        "taux d'intérêt légal (catégorie « {name} ») inconnu pour le {half} (du {} au {}) : le décompte ne peut pas être établi sans lui",
                        date_fr(half.start()),
                        date_fr(half.end())
                    ))
                    .field("date_calcul")
                    .hint(format!(
                        "quand l'arrêté est publié, donnez le taux avec « --taux FICHIER », FICHIER (.csv) contenant par exemple la ligne « legal,{},2.85,{name} » (remplacez 2.85 par le taux publié) ; ou calculez à une date antérieure (« --au {} »)",
                        half.start(),
                        half.start().pred_opt().unwrap_or(half.start())
                    )),
            );
            return None;
        };
        let mut source = format!("taux légal ({name}) {half}");
        if entry.from_user_file {
            source.push_str(", fichier --taux");
        }
        Some((entry.rate, source))
    }

    /// A contract rate under 3 × the legal rate (`autre`) of the half-year: warned once per
    /// half-year. An unknown legal rate skips the check: the contract rate itself is known.
    fn check_floor(&mut self, half: HalfYear, rate: Decimal) {
        let Some(legal) = self.tables.legal_rate(half.start(), LegalRateCategory::Autre) else {
            return;
        };
        let floor = legal * Decimal::from(3);
        if rate < floor {
            self.warnings.push(
                rules::PENALTY_RATE_FLOOR
                    .report(format!(
                        "taux de pénalités convenu ({}) inférieur au minimum légal du {half} : 3 × {} = {} (art. L. 441-10 II C. com.)",
                        percent(rate),
                        percent(legal),
                        percent(floor)
                    ))
                    .field("conditions.taux_penalites")
                    .hint("vérifiez le taux écrit dans vos conditions ; le décompte applique le taux convenu, que le débiteur pourrait contester"),
            );
        }
    }

    /// The errors and warnings found by the lookups; the unchecked ECB periods as one warning.
    pub fn finish(mut self) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        if let Some(first) = self.unchecked.first().copied() {
            let halves: Vec<String> = self.unchecked.iter().map(ToString::to_string).collect();
            let applied = self
                .tables
                .ecb_entry(first.start())
                .map(|e| format!(" ({} depuis le {})", percent(e.rate), date_fr(e.effective)))
                .unwrap_or_default();
            self.warnings.push(
                rules::RATE_UNCHECKED
                    .report(format!(
                        "table des taux BCE vérifiée jusqu'au {} : pour le {}, le taux appliqué est le dernier connu{applied}, qui a pu changer depuis",
                        date_fr(self.tables.ecb_checked_until()),
                        halves.join(", le ")
                    ))
                    .field("date_calcul")
                    .hint(format!(
                        "vérifiez le taux de refinancement de la BCE au {} (banque-france.fr), puis écrivez un fichier taux.csv avec la ligne « # verifie_jusqu_au: AAAA-MM-JJ » (le jour de la vérification) et, si le taux a changé, la ligne « bce,AAAA-MM-JJ,TAUX, » ; donnez-le à chaque commande avec « --taux taux.csv »",
                        date_fr(first.start())
                    )),
            );
        }
        (self.errors, self.warnings)
    }
}
