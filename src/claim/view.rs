//! The décompte as data: one shape for `decompte --format json|csv` and for every document that
//! shows the claim (the décompte itself, the claim summed up in letters and court papers). Keys
//! are French, as users and templates read them. Nothing is computed here but sums of the
//! [`Claim`]'s rounded lines and the words of its regime. The data types' doc comments are
//! French: they are the descriptions of the published schemas (`recouvre schema --donnees`).

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use super::regime::Unclaimed;
use super::split_view::{SplitPaymentView, split_payments};
use super::{Claim, InvoiceClaim, Regime, Segment};
use crate::case::model::Case;
use crate::format::data::{Day, Money, rate, rate_2};
use crate::format::{date_fr, percent};

/// Invoices a letter or a requête lists one by one; beyond, the others are summed up in one line
/// that refers to the décompte joined to every dossier, so a page stays readable and the totals
/// stay exact whatever the number of invoices.
pub const LISTED_INVOICES: usize = 12;

/// Le décompte de la créance à une date : factures, avoirs, paiements, lignes d’intérêts,
/// totaux (ce qu’imprime `recouvre decompte --format json`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DecompteView {
    /// Les intérêts sont calculés jusqu’à ce jour inclus.
    pub date_calcul: Day,
    /// Le lendemain de `date_calcul`, d’où les intérêts continuent de courir.
    pub lendemain: Day,
    pub regime: RegimeView,
    /// Toutes les factures, ou les 12 premières quand `autres` est présent (lettres, requêtes).
    pub factures: Vec<InvoiceView>,
    /// Nombre de factures de la créance, listées ou non.
    pub nombre_factures: usize,
    /// Les factures que `factures` ne liste pas, additionnées (null : toutes sont listées).
    pub autres: Option<OtherInvoicesView>,
    pub totaux: TotalsView,
    /// Les règlements imputés sur plusieurs factures, chacun avec la part de chaque facture (un
    /// règlement allé à une seule facture se lit dans son bloc).
    pub repartitions: Vec<SplitPaymentView>,
    /// Égal à `totaux.total_du`.
    pub total_du: Money,
    /// Part des paiements qu’aucune facture n’a pu absorber.
    pub non_impute: Money,
    /// Les conventions de calcul, phrases imprimées sous le décompte.
    pub conventions: Vec<String>,
    /// Avertissements sur les taux et les dates.
    pub avertissements: Vec<WarningView>,
    /// « Pénalités de retard », « Intérêts au taux légal » ou « Intérêts au taux contractuel ».
    pub interets_libelle: String,
    /// Accord de « courues »/« courus », « imputées »/« imputés » avec le libellé.
    pub interets_feminin: bool,
    /// Le taux, après « au taux » : « égal au taux de refinancement de la Banque centrale
    /// européenne majoré de 10 points ».
    pub taux_libelle: String,
    /// Fondement des intérêts, par exemple « article L. 441-10 du Code de commerce ».
    pub interets_fondement: String,
    /// Le débiteur est un professionnel.
    pub b2b: bool,
    /// Le taux contractuel sans zéro inutile (« 12 », « 12.5 ») ; null sous un taux légal.
    pub taux_contractuel: Option<String>,
    /// Le même, écrit pour une lettre en anglais (« 12% », « 12.5% ») ; null sous un taux légal.
    pub taux_contractuel_en: Option<String>,
}

/// Le régime des intérêts appliqué.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RegimeView {
    /// « professionnel_taux_legal », « professionnel_taux_contractuel »,
    /// « consommateur_interet_legal » ou « consommateur_taux_contractuel ».
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Taux contractuel, au moins deux décimales (« 12.00 ») ; absent sous un taux légal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taux: Option<String>,
    /// Catégorie du taux légal (« particulier », « autre ») ; intérêt légal seulement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub categorie: Option<&'static str>,
    /// Intérêt légal seulement : depuis la mise en demeure de ce jour (null : aucune).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depuis: Option<Option<Day>>,
    /// Le régime en une phrase.
    pub libelle: String,
}

/// Une facture du décompte.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InvoiceView {
    pub numero: String,
    pub date: Day,
    pub echeance: Day,
    /// Objet de la facture, tel que le dossier le donne.
    pub objet: Option<String>,
    pub montant_ttc: Money,
    pub avoirs: Vec<CreditView>,
    pub paiements: Vec<PaymentView>,
    /// Montant TTC moins le principal restant dû (avoirs et part des paiements imputée sur le principal).
    pub regle: Money,
    pub principal_restant: Money,
    /// Intérêts courus sur toutes les périodes, et la part que les paiements en ont réglée
    /// (art. 1343-1 C. civ.).
    pub interets_courus: Money,
    pub interets_payes: Money,
    /// Intérêts restant dus (courus moins payés).
    pub interets: Money,
    pub indemnite_forfaitaire: Money,
    pub total: Money,
    /// Les lignes d’intérêts, période par période.
    pub segments: Vec<SegmentView>,
    /// Numéros de sa première et de sa dernière ligne d’intérêts (null : aucun intérêt).
    pub lignes: Option<(usize, usize)>,
    /// Premier jour de retard de la première ligne (le lendemain de l’échéance, ou de la réception
    /// de la mise en demeure pour l’intérêt légal).
    pub premier_jour: Option<Day>,
    /// Pourquoi aucun intérêt au taux légal n’est compté (facture pas encore en retard de paiement
    /// à l’envoi de la mise en demeure, qui n’a pu mettre le débiteur en demeure de la payer) ;
    /// null sinon.
    pub interets_non_comptes: Option<String>,
}

/// Un avoir déduit d’une facture.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CreditView {
    pub numero: String,
    pub date: Day,
    pub montant: Money,
    /// « facture » : déduit dès le premier jour de la facture (un défaut) ; « date » : à sa date.
    pub effet: &'static str,
    /// Motif de l’avoir, tel que le dossier le donne.
    pub motif: Option<String>,
}

/// Un paiement imputé sur une facture : sur les intérêts d’abord (art. 1343-1 C. civ.), puis sur le principal.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PaymentView {
    pub date: Day,
    /// Le paiement entier, dont cette facture a reçu `interets` + `principal`.
    pub montant_paiement: Money,
    /// Imputé sur cette facture par le débiteur (et non par la loi).
    pub designe: bool,
    /// Le règlement a été réparti sur plusieurs factures : `repartitions` en donne le détail.
    pub reparti: bool,
    pub interets: Money,
    pub principal: Money,
}

/// Une ligne d’intérêts : la période, la base, le taux et ce qu’ils produisent.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SegmentView {
    /// Numérotée à partir de 1 sur tout le décompte, pour qu’un acte puisse y renvoyer.
    pub ligne: usize,
    /// Premier jour de retard compté.
    pub du: Day,
    pub au: Day,
    pub jours: i64,
    pub base: Money,
    /// Au moins deux décimales : « 13.15 », « 12.00 ».
    pub taux: String,
    /// Tel que les documents l’impriment : « 12,15 % », « 12 % ».
    pub taux_texte: String,
    pub montant: Money,
    /// D’où vient le taux.
    pub source: String,
}

impl SegmentView {
    pub fn of(s: &Segment, ligne: usize) -> Self {
        Self {
            ligne,
            du: Day(s.first_day()),
            au: Day(s.to),
            jours: s.days,
            base: Money(s.base),
            taux: rate_2(s.rate),
            taux_texte: crate::format::typeset::percent(s.rate),
            montant: Money(s.amount),
            source: s.rate_source.clone(),
        }
    }
}

/// Les totaux de la créance.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TotalsView {
    pub montant_ttc: Money,
    pub avoirs: Money,
    pub paiements: Money,
    /// Montant TTC moins le principal restant dû : moins que `avoirs` + `paiements` quand une
    /// part en est allée aux intérêts.
    pub regle: Money,
    pub principal_restant: Money,
    pub interets_courus: Money,
    pub interets_payes: Money,
    /// Intérêts restant dus (courus moins payés).
    pub interets: Money,
    pub indemnites_forfaitaires: Money,
    pub nombre_indemnites: usize,
    /// « 1 000 » : le même nombre tel que les documents l’impriment (chiffres groupés à la française).
    pub nombre_indemnites_texte: String,
    /// « 1,000 » : le même en anglais.
    pub nombre_indemnites_en: String,
    pub clause_penale: Money,
    pub total_du: Money,
    /// Ce que font les factures : `total_du` moins la clause pénale (le tableau du décompte y aboutit).
    pub total_factures: Money,
    /// Une part des avoirs et paiements est allée aux intérêts (art. 1343-1 C. civ.) : `regle`
    /// est inférieur à `avoirs` + `paiements`.
    pub imputes_sur_interets: bool,
}

/// Les factures qu’une lettre ne liste pas, additionnées : « et 9 990 autres factures, détaillées au décompte joint ».
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OtherInvoicesView {
    pub nombre: usize,
    /// « 9 990 » : le nombre, chiffres groupés à la française.
    pub nombre_texte: String,
    /// « 9,990 » : le même en anglais.
    pub nombre_en: String,
    pub montant_ttc: Money,
    pub regle: Money,
    pub principal_restant: Money,
    pub interets: Money,
    pub indemnite_forfaitaire: Money,
    pub total: Money,
}

/// Un avertissement sur les taux ou les dates.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct WarningView {
    pub code: Option<&'static str>,
    pub champ: String,
    pub message: String,
}

impl DecompteView {
    /// The whole décompte, every invoice listed.
    pub fn new(case: &Case, claim: &Claim) -> Self {
        Self::listing(case, claim, usize::MAX)
    }

    /// The décompte a letter or a requête shows: at most [`LISTED_INVOICES`] invoices, the
    /// others summed in `autres`.
    pub fn for_letter(case: &Case, claim: &Claim) -> Self {
        Self::listing(case, claim, LISTED_INVOICES)
    }

    fn listing(case: &Case, claim: &Claim, listed: usize) -> Self {
        let subjects: HashMap<&str, &Option<String>> =
            case.invoices.iter().map(|inv| (inv.number.as_str(), &inv.subject)).collect();
        let reasons: HashMap<&str, Option<&str>> =
            case.credit_notes.iter().map(|c| (c.number.as_str(), c.reason.as_deref())).collect();
        let (shown, others) = claim.invoices.split_at(claim.invoices.len().min(listed));
        let repartitions = split_payments(claim);
        let split: HashSet<usize> = repartitions.iter().map(|r| r.paiement - 1).collect();
        let factures = shown
            .iter()
            .zip(interest_lines(claim))
            .map(|(i, lignes)| {
                let objet = subjects.get(i.number.as_str()).and_then(|s| (*s).clone());
                let mut view = invoice(i, lignes, objet, &reasons, &split);
                view.interets_non_comptes = not_counted(case, claim, i);
                view
            })
            .collect();
        let autres = (!others.is_empty()).then(|| {
            let sum = |f: fn(&InvoiceClaim) -> Decimal| Money(others.iter().map(f).sum());
            OtherInvoicesView {
                nombre: others.len(),
                nombre_texte: count_text(others.len()),
                nombre_en: count_en(others.len()),
                montant_ttc: sum(|i| i.gross),
                regle: sum(|i| i.gross - i.principal_remaining),
                principal_restant: sum(|i| i.principal_remaining),
                interets: sum(|i| i.interest_remaining),
                indemnite_forfaitaire: sum(|i| i.indemnity),
                total: sum(|i| i.total),
            }
        });
        let t = &claim.totals;
        let words = Words::of(&claim.regime);
        let contract_rate = match claim.regime {
            Regime::ProfessionalContractRate { rate: r } | Regime::ConsumerContractRate { rate: r } => Some(r),
            _ => None,
        };
        Self {
            date_calcul: Day(claim.computed_on),
            lendemain: Day(claim.computed_on.succ_opt().unwrap_or(claim.computed_on)),
            regime: regime(&claim.regime),
            factures,
            nombre_factures: claim.invoices.len(),
            autres,
            totaux: TotalsView {
                montant_ttc: Money(t.gross),
                avoirs: Money(t.credits),
                paiements: Money(t.payments),
                regle: Money(t.gross - t.principal_remaining),
                principal_restant: Money(t.principal_remaining),
                interets_courus: Money(t.interest_accrued),
                interets_payes: Money(t.interest_paid),
                interets: Money(t.interest_remaining),
                indemnites_forfaitaires: Money(t.indemnities),
                nombre_indemnites: t.indemnity_count,
                nombre_indemnites_texte: count_text(t.indemnity_count),
                nombre_indemnites_en: count_en(t.indemnity_count),
                clause_penale: Money(t.penalty_clause),
                total_du: Money(t.total_due),
                total_factures: Money(t.total_due - t.penalty_clause),
                imputes_sur_interets: t.gross - t.principal_remaining < t.credits + t.payments,
            },
            repartitions,
            total_du: Money(t.total_due),
            non_impute: Money(claim.unimputed),
            conventions: claim.conventions.clone(),
            avertissements: claim
                .warnings
                .iter()
                .map(|w| WarningView { code: w.code, champ: w.field.clone(), message: w.message.clone() })
                .collect(),
            interets_libelle: words.label.to_string(),
            interets_feminin: words.label.starts_with("Pénalités"),
            taux_libelle: words.rate,
            interets_fondement: words.basis.to_string(),
            b2b: case.debtor.is_professional(),
            taux_contractuel: contract_rate.map(rate),
            taux_contractuel_en: contract_rate.map(crate::format::english::percent),
        }
    }
}

fn invoice(
    i: &InvoiceClaim,
    lignes: Option<(usize, usize)>,
    objet: Option<String>,
    reasons: &HashMap<&str, Option<&str>>,
    split: &HashSet<usize>,
) -> InvoiceView {
    let first = lignes.map_or(1, |(first, _)| first);
    InvoiceView {
        numero: i.number.clone(),
        date: Day(i.date),
        echeance: Day(i.due),
        objet,
        montant_ttc: Money(i.gross),
        avoirs: i
            .credits
            .iter()
            .map(|c| CreditView {
                numero: c.number.clone(),
                date: Day(c.date),
                montant: Money(c.amount),
                effet: if c.from_invoice { "facture" } else { "date" },
                motif: reasons.get(c.number.as_str()).copied().flatten().map(str::to_string),
            })
            .collect(),
        paiements: i
            .payments
            .iter()
            .map(|p| PaymentView {
                date: Day(p.date),
                montant_paiement: Money(p.payment_amount),
                designe: p.designated,
                reparti: split.contains(&p.payment),
                interets: Money(p.to_interest),
                principal: Money(p.to_principal),
            })
            .collect(),
        regle: Money(i.gross - i.principal_remaining),
        principal_restant: Money(i.principal_remaining),
        interets_courus: Money(i.interest_accrued),
        interets_payes: Money(i.interest_paid),
        interets: Money(i.interest_remaining),
        indemnite_forfaitaire: Money(i.indemnity),
        total: Money(i.total),
        segments: i.segments.iter().enumerate().map(|(n, s)| SegmentView::of(s, first + n)).collect(),
        lignes,
        premier_jour: i.segments.first().map(|s| Day(s.first_day())),
        interets_non_comptes: None,
    }
}

/// Why an invoice under legal interest has none: the mise en demeure did not name it, or was sent
/// before it was late, so it could not put the debtor in default of paying it (art. 1344 and
/// 1344-1 C. civ.).
fn not_counted(case: &Case, claim: &Claim, i: &InvoiceClaim) -> Option<String> {
    let Regime::ConsumerLegalInterest { from: Some(_), .. } = claim.regime else { return None };
    let notice = case.formal_notice.as_ref()?;
    let sent = date_fr(notice.sent);
    let why = match super::regime::unclaimed(notice, i.due, &i.number)? {
        Unclaimed::NotNamed => format!("la mise en demeure du {sent} ne visait pas cette facture et n'a donc pu"),
        Unclaimed::NotLate => format!(
            "la facture n'était pas encore en retard de paiement à l'envoi de la mise en demeure du {sent}, qui n'a donc pu"
        ),
    };
    let (debtor, of_debtor, _) = case.debtor.debtor_noun();
    Some(format!(
        "Intérêts au taux légal non comptés : {why} constituer {debtor} en demeure de la payer ; ils ne courent qu'à compter d'une nouvelle interpellation {of_debtor} : mise en demeure, assignation ou signification de l'ordonnance portant injonction de payer (art. 1344 et 1344-1 C. civ.)."
    ))
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

/// `9 990`: a count as documents print it (narrow no-break space between thousands).
pub fn count_text(n: usize) -> String {
    crate::format::typeset::integer(n)
}

/// `9,990`: a count as English letters print it.
pub fn count_en(n: usize) -> String {
    count_text(n).replace('\u{202f}', ",")
}

/// The regime in one French phrase.
pub fn regime_label(regime: &Regime) -> String {
    match regime {
        Regime::ProfessionalLegalRate => "pénalités de retard entre professionnels : taux BCE + 10 points".into(),
        Regime::ProfessionalContractRate { rate } => {
            format!("pénalités de retard entre professionnels : taux convenu de {}", percent(*rate))
        }
        Regime::ConsumerLegalInterest { category, from } => match from {
            Some(from) => format!(
                "intérêts au taux légal (catégorie « {} ») depuis la mise en demeure du {}",
                category.name(),
                date_fr(*from)
            ),
            None => "intérêts au taux légal : aucun, faute de mise en demeure".into(),
        },
        Regime::ConsumerContractRate { rate } => {
            format!("intérêts de retard au taux convenu de {}", percent(*rate))
        }
    }
}

fn regime(regime: &Regime) -> RegimeView {
    let view = |kind, taux: Option<Decimal>| RegimeView {
        kind,
        taux: taux.map(rate_2),
        categorie: None,
        depuis: None,
        libelle: regime_label(regime),
    };
    match regime {
        Regime::ProfessionalLegalRate => view("professionnel_taux_legal", None),
        Regime::ProfessionalContractRate { rate: r } => view("professionnel_taux_contractuel", Some(*r)),
        Regime::ConsumerLegalInterest { category, from } => RegimeView {
            categorie: Some(category.name()),
            depuis: Some(from.map(Day)),
            ..view("consommateur_interet_legal", None)
        },
        Regime::ConsumerContractRate { rate: r } => view("consommateur_taux_contractuel", Some(*r)),
    }
}

/// The words of the interest regime in a letter or a court paper.
struct Words {
    label: &'static str,
    rate: String,
    basis: &'static str,
}

impl Words {
    fn of(regime: &Regime) -> Self {
        let (label, rate, basis) = match regime {
            Regime::ProfessionalLegalRate => (
                "Pénalités de retard",
                "égal au taux de refinancement de la Banque centrale européenne majoré de 10 points".to_string(),
                "article L. 441-10 du Code de commerce",
            ),
            Regime::ProfessionalContractRate { rate: r } => (
                "Pénalités de retard",
                format!("contractuel de {}", percent(*r)),
                "article L. 441-10 du Code de commerce et conditions contractuelles",
            ),
            Regime::ConsumerLegalInterest { .. } => {
                ("Intérêts au taux légal", "de l'intérêt légal".to_string(), "articles 1231-6 et 1344-1 du Code civil")
            }
            Regime::ConsumerContractRate { rate: r } => (
                "Intérêts au taux contractuel",
                format!("contractuel de {}", percent(*r)),
                "stipulations contractuelles (article 1231-6 du Code civil)",
            ),
        };
        Self { label, rate, basis }
    }
}
