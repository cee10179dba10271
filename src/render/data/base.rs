//! What many documents share: the fields every document has, the payment details, the mise en
//! demeure as sent, the court, the commissaire de justice, the list of pièces.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use super::common::{AddressData, PartyData};
use crate::case::model::{Case, Channel, Delivery, FormalNotice};
use crate::claim::view::{LISTED_INVOICES, count_text};
use crate::format::data::{Day, Money};
use crate::format::date_short;
use crate::plan::{Court, Plan};

/// Les champs de tout document.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Base {
    /// Unique dans une compilation : étiquette la première et la dernière page du document.
    pub key: String,
    pub titre: String,
    pub reference: String,
    /// La date que porte le document.
    pub date: Day,
    pub lieu: String,
    /// Partie d’un dossier judiciaire assemblé : les pieds de page portent la numérotation continue
    /// du dossier.
    pub in_dossier: bool,
    pub creancier: PartyData,
    pub debiteur: PartyData,
}

pub fn base(case: &Case, key: &str, title: &str, date: NaiveDate, in_dossier: bool) -> Base {
    Base {
        key: key.to_string(),
        titre: title.to_string(),
        reference: case.reference.clone(),
        date: Day(date),
        lieu: case.signed_at.clone(),
        in_dossier,
        creancier: (&case.creditor).into(),
        debiteur: (&case.debtor).into(),
    }
}

impl Base {
    /// The parties as a court document names them (see [`PartyData::as_court_party`]).
    pub fn court_parties(mut self, case: &Case) -> Self {
        self.creancier = self.creancier.as_court_party(&case.creditor);
        self.debiteur = self.debiteur.as_court_party(&case.debtor);
        self.debiteur.liquidateur = liquidator(case);
        self
    }
}

/// The liquidateur who represents a debtor in liquidation judiciaire (art. L. 641-9 C. com.).
pub fn liquidator(case: &Case) -> Option<String> {
    case.open_liquidation().map(|p| p.trustee.name.clone())
}

/// Les coordonnées bancaires du créancier et la référence du virement, telles que les lettres les
/// impriment.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PaymentData {
    /// Groupé par quatre : « FR76 3000 6000 … ».
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub reference: String,
    /// Le QR code « payer par virement » (un SVG de la compilation), quand le document demande un
    /// virement et que l’IBAN est connu ; absent sinon.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qr: Option<String>,
    /// Le montant que transfère le QR code ; absent avec lui.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qr_montant: Option<Money>,
}

pub fn payment(case: &Case) -> PaymentData {
    PaymentData {
        iban: case.creditor.iban.as_deref().map(crate::ground::ids::format_iban),
        bic: case.creditor.bic.clone(),
        reference: payment_reference(case),
        qr: None,
        qr_montant: None,
    }
}

/// The transfer reference asked of the debtor: the case's reference and the invoice numbers, or the
/// case's reference alone when they would not fit a SEPA remittance field (140 characters).
fn payment_reference(case: &Case) -> String {
    let numbers: Vec<&str> = case.invoices.iter().map(|i| i.number.as_str()).collect();
    let full = format!("{} {}", case.reference, numbers.join(" "));
    if full.chars().count() <= 140 { full } else { case.reference.clone() }
}

pub fn channel_label(c: Channel) -> &'static str {
    match c {
        Channel::Email => "courriel",
        Channel::Letter => "courrier",
        Channel::Phone => "téléphone",
        Channel::Sms => "SMS",
        Channel::Visit => "visite",
        Channel::RegisteredLetter => "lettre recommandée",
    }
}

/// La mise en demeure telle qu’envoyée : date, mode, numéro de suivi, réception et délai.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NoticeData {
    pub date: Day,
    /// lrar | lre | commissaire_de_justice
    pub envoi: &'static str,
    pub numero: Option<String>,
    pub reception: Option<Day>,
    pub delai_jours: u32,
    pub fin_delai: Day,
    /// Les pièces de la lettre et de son avis de réception, quand elles sont au bordereau.
    pub piece: Option<usize>,
    pub piece_ar: Option<usize>,
}

impl NoticeData {
    pub fn of(m: &FormalNotice, piece: Option<usize>, piece_ar: Option<usize>) -> Self {
        Self {
            date: Day(m.sent),
            envoi: delivery_code(m.delivery),
            numero: m.tracking.clone(),
            reception: m.received.map(Day),
            delai_jours: m.days,
            fin_delai: Day(m.deadline()),
            piece,
            piece_ar,
        }
    }
}

pub fn delivery_code(d: Delivery) -> &'static str {
    match d {
        Delivery::RegisteredLetter => "lrar",
        Delivery::ElectronicRegisteredLetter => "lre",
        Delivery::Bailiff => "commissaire_de_justice",
    }
}

/// La juridiction saisie, telle que les actes la nomment.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CourtData {
    /// « Tribunal de commerce de Grenoble ».
    pub nom: String,
    pub ville: String,
    /// « le président du tribunal de commerce de Grenoble ».
    pub destinataire: String,
    pub commercial: bool,
    /// Un tribunal des activités économiques.
    pub tae: bool,
    pub chambre_commerciale: bool,
    /// L’adresse du greffe, quand le dossier la donne.
    pub adresse: Option<AddressData>,
    /// Pourquoi cette juridiction, une phrase par motif.
    pub motifs: Vec<String>,
}

pub fn court(court: Option<&Court>, case: &Case) -> Option<CourtData> {
    court.map(|c| CourtData {
        nom: c.name.clone(),
        ville: c.city.clone(),
        destinataire: c.addressee.clone(),
        commercial: c.is_commercial(),
        tae: c.kind == crate::case::model::CourtKind::EconomicActivities,
        chambre_commerciale: c.commercial_chamber,
        adresse: case.procedure.court.as_ref().and_then(|k| k.address.as_ref()).map(AddressData::from),
        motifs: c.reasons.clone(),
    })
}

/// L’étude du commissaire de justice.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BailiffData {
    pub etude: String,
    pub adresse: AddressData,
    pub email: Option<String>,
}

pub fn bailiff(case: &Case) -> Option<BailiffData> {
    case.procedure.bailiff.as_ref().map(|b| BailiffData {
        etude: b.office.clone(),
        adresse: AddressData::from(&b.address),
        email: b.email.clone(),
    })
}

/// Une pièce numérotée du bordereau.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PieceRow {
    pub numero: usize,
    pub intitule: String,
    pub date: Option<Day>,
    /// La clé de la partie de la pièce dans la compilation (ses pages).
    pub key: String,
    /// Ce qu’est la pièce : facture, bon_de_livraison, mise_en_demeure…
    #[schemars(with = "String")]
    pub nature: crate::plan::PieceKind,
    /// Un numéro que la requête signifiée a donné à une pièce qui n’est plus communiquée, et
    /// pourquoi (« non communiquée, chef de demande rejeté par l’ordonnance ») : la ligne n’a pas
    /// de pages.
    pub non_communiquee: Option<String>,
    /// Pièce mise en page à part (dossier long) : ses pages. Absent sinon.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
    /// Une suite de factures résumée en une ligne (requête d’une longue créance) : ses numéros,
    /// « 1 à 1000 », comme les tampons. Absent pour une seule pièce.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numeros: Option<String>,
    /// Les dates de cette suite, écrites : « 02/01/2026 au 15/06/2026 ».
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dates: Option<String>,
}

/// The pièces in their numbers' order, with the numbers kept for pièces no longer communicated.
pub fn pieces(plan: &Plan) -> Vec<PieceRow> {
    let communicated = plan.pieces.iter().map(|p| PieceRow {
        numero: p.number,
        intitule: p.title.clone(),
        date: p.date.map(Day),
        key: piece_key(p.number),
        nature: p.kind,
        non_communiquee: None,
        pages: None,
        numeros: None,
        dates: None,
    });
    let withheld = plan.withheld_pieces.iter().map(|p| PieceRow {
        numero: p.number,
        intitule: p.title.clone(),
        date: p.date.map(Day),
        key: String::new(),
        nature: p.kind,
        non_communiquee: Some(p.reason.to_string()),
        pages: None,
        numeros: None,
        dates: None,
    });
    let mut rows: Vec<PieceRow> = communicated.chain(withheld).collect();
    rows.sort_by_key(|r| r.numero);
    rows
}

/// [`pieces`] as a requête, a déclaration or an assignation lists them: a run of more consecutive
/// invoices than the letters list ([`LISTED_INVOICES`]) is one line (« Factures n° F-00000 à
/// F-00999 (1 000 factures, détaillées au bordereau de pièces) »), or a requête of 1 000 invoices
/// would copy its bordereau over twenty pages; the bordereau lists every pièce.
pub fn pieces_in_brief(plan: &Plan) -> Vec<PieceRow> {
    in_brief(pieces(plan))
}

fn in_brief(rows: Vec<PieceRow>) -> Vec<PieceRow> {
    // The invoice's number, for a communicated invoice pièce.
    let invoice_number = |r: &PieceRow| {
        let invoice = r.nature == crate::plan::PieceKind::Invoice && r.non_communiquee.is_none();
        r.intitule.strip_prefix("Facture n° ").filter(|_| invoice).map(str::to_string)
    };
    let mut out: Vec<PieceRow> = Vec::new();
    let mut run: Vec<PieceRow> = Vec::new();
    let flush = |run: &mut Vec<PieceRow>, out: &mut Vec<PieceRow>| {
        if run.len() <= LISTED_INVOICES {
            out.append(run);
            return;
        }
        let (first, last) = (&run[0], &run[run.len() - 1]);
        let (from, to) = (invoice_number(first).unwrap_or_default(), invoice_number(last).unwrap_or_default());
        let dates: Vec<NaiveDate> = run.iter().filter_map(|r| r.date.map(|d| d.0)).collect();
        let span = match (dates.iter().min(), dates.iter().max()) {
            (Some(a), Some(b)) if a != b => Some(format!("{} au {}", date_short(*a), date_short(*b))),
            (Some(a), _) => Some(date_short(*a)),
            _ => None,
        };
        out.push(PieceRow {
            numero: first.numero,
            intitule: format!(
                "Factures n° {from} à {to} ({} factures, détaillées au bordereau de pièces)",
                count_text(run.len())
            ),
            date: None,
            key: first.key.clone(),
            nature: first.nature,
            non_communiquee: None,
            pages: None,
            // Numbers as the stamps and the bordereau write them (« 1001 »), not grouped as a count.
            numeros: Some(format!("{} à {}", first.numero, last.numero)),
            dates: span,
        });
        run.clear();
    };
    for row in rows {
        let invoice = invoice_number(&row).is_some();
        let follows = run.last().is_none_or(|last| last.numero + 1 == row.numero);
        if !(invoice && follows) {
            flush(&mut run, &mut out);
        }
        if invoice { run.push(row) } else { out.push(row) }
    }
    flush(&mut run, &mut out);
    out
}

/// The enclosed pièces as a letter names them: « Les 5 pièces numérotées 1 et 3 à 6 » when the
/// numbers keep a gap (a pièce not communicated), « numérotées de 1 à 5 » otherwise.
pub fn pieces_phrase(plan: &Plan) -> Option<String> {
    let numbers: Vec<usize> = plan.pieces.iter().map(|p| p.number).collect();
    let ranges = number_ranges(&numbers);
    Some(match numbers.len() {
        0 => return None,
        1 => format!("La pièce n° {}", numbers[0]),
        2 => format!("Les pièces n° {} et {}", numbers[0], numbers[1]),
        n if ranges.len() == 1 => format!("Les {n} pièces numérotées de {}", ranges[0]),
        n => {
            let (last, first) = ranges.split_last().unwrap_or((&ranges[0], &[]));
            format!("Les {n} pièces numérotées {} et {last}", first.join(", "))
        }
    })
}

/// Runs of consecutive numbers: [1, 3, 4, 5, 6] → ["1", "3 à 6"]; [1, 2] → ["1", "2"].
fn number_ranges(numbers: &[usize]) -> Vec<String> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &n in numbers {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == n => *end = n,
            _ => runs.push((n, n)),
        }
    }
    runs.iter()
        .map(|&(a, b)| match b - a {
            0 => a.to_string(),
            1 if runs.len() > 1 => format!("{a}, {b}"),
            _ => format!("{a} à {b}"),
        })
        .collect()
}

/// The key of a pièce's part in the merged compilation.
pub fn piece_key(number: usize) -> String {
    format!("piece-{number}")
}

/// Un document que joint une lettre d’accompagnement.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EnclosedData {
    pub titre: String,
}

/// Documents enclosed with a cover letter: the other documents of the dossier.
pub fn enclosed(plan: &Plan) -> Vec<EnclosedData> {
    plan.documents.iter().skip(1).map(|d| EnclosedData { titre: d.title.clone() }).collect()
}

#[cfg(test)]
mod tests {
    use super::{Day, PieceRow, in_brief, number_ranges};
    use crate::plan::PieceKind;

    #[test]
    fn ranges_keep_the_gap_of_a_piece_not_communicated() {
        assert_eq!(number_ranges(&[1, 3, 4, 5, 6]), ["1", "3 à 6"]);
        assert_eq!(number_ranges(&[1, 2, 3, 4, 5]), ["1 à 5"]);
        assert_eq!(number_ranges(&[1, 2, 4]), ["1, 2", "4"]);
    }

    fn row(numero: usize, nature: PieceKind, intitule: String, day: u32) -> PieceRow {
        PieceRow {
            numero,
            intitule,
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, day).map(Day),
            key: format!("piece-{numero}"),
            nature,
            non_communiquee: None,
            pages: None,
            numeros: None,
            dates: None,
        }
    }

    #[test]
    fn a_long_run_of_invoices_is_one_line_and_a_short_one_is_listed() {
        let invoices = |n: usize| (1..=n).map(|i| row(i, PieceKind::Invoice, format!("Facture n° F-{i}"), i as u32));
        let mut rows: Vec<PieceRow> = invoices(13).collect();
        rows.push(row(14, PieceKind::Cgv, "Conditions générales de vente".into(), 20));
        let brief = in_brief(rows);
        assert_eq!(brief.len(), 2);
        assert_eq!(brief[0].numeros.as_deref(), Some("1 à 13"));
        assert_eq!(brief[0].intitule, "Factures n° F-1 à F-13 (13 factures, détaillées au bordereau de pièces)");
        assert_eq!(brief[0].dates.as_deref(), Some("01/01/2026 au 13/01/2026"));
        assert_eq!((brief[1].numero, brief[1].numeros.as_deref()), (14, None));

        let twelve: Vec<PieceRow> = invoices(12).collect();
        assert!(in_brief(twelve).iter().all(|r| r.numeros.is_none()), "12 invoices are listed one by one");
    }
}
