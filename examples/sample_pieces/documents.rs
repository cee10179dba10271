//! The data of each sample pièce, built from the checked case: what `samples/_sources/*.typ`
//! read at `/data.json`. Amounts and dates are formatted here, in French; Typst only lays out.

use chrono::{Datelike, Days, NaiveDate};
use recouvre::case::model::{
    Case, Channel, Civility, Exhibit, ExhibitRole, Invoice, Party, PartyKind, PaymentMethod, Reminder,
};
use recouvre::claim::{Claim, RateTables};
use recouvre::format::{date_fr, date_short};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{Value, json};

use super::drawing::{Rng, barcode, fnv1a, signature};

/// Printed small on every sample pièce.
pub const EXAMPLE: &str =
    "Document d'exemple produit par recouvre (examples/sample_pieces) — entreprises, personnes et SIREN fictifs";

/// Days after a quote's date within which an invoice is taken to carry it out.
const QUOTE_SPAN_DAYS: u64 = 90;

// ---------------------------------------------------------------- formatting

/// `4 200,00 €`, with narrow no-break spaces (never cut at the end of a line).
pub fn eur(value: Decimal) -> String {
    recouvre::format::euros(value).replace([' ', '\u{a0}'], "\u{202f}")
}

/// `10 000 €` for a capital: no cents when there are none.
fn eur_whole(value: Decimal) -> String {
    let text = eur(value);
    text.strip_suffix(",00\u{202f}€").map(|t| format!("{t}\u{202f}€")).unwrap_or(text)
}

/// `12`, `2,5`, `1 200`.
fn number(value: Decimal) -> String {
    let text = value.normalize().to_string();
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{grouped},{f}"),
        None => grouped,
    }
}

fn percent(value: Decimal) -> String {
    format!("{}\u{a0}%", number(value))
}

fn round2(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `000 912 345`.
fn group_siren(siren: &str) -> String {
    let digits: Vec<char> = siren.chars().filter(char::is_ascii_digit).collect();
    digits.chunks(3).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("\u{a0}")
}

/// `FR76 3000 4008 …`.
fn group_iban(iban: &str) -> String {
    let chars: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

const DAYS: [&str; 7] = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];

fn weekday_short(date: NaiveDate) -> &'static str {
    DAYS[date.weekday().num_days_from_monday() as usize]
}

/// A time of day that looks like office hours, the same for the same seed.
fn office_time(seed: &str) -> (u64, u64) {
    let minutes = 8 * 60 + 35 + fnv1a(seed) % (9 * 60);
    (minutes / 60, minutes % 60)
}

/// Lowercase ASCII words joined by dashes: `Bâtiments Martin` → `batiments-martin`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let folded = match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => 'e',
            'î' | 'ï' | 'Î' => 'i',
            'ô' | 'ö' | 'Ô' => 'o',
            'ù' | 'û' | 'ü' | 'Û' => 'u',
            'ç' | 'Ç' => 'c',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '-',
        };
        if folded != '-' || !out.ends_with('-') {
            out.push(folded);
        }
    }
    out.trim_matches('-').to_string()
}

fn joined(errors: &[recouvre::diag::Diagnostic]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

// ---------------------------------------------------------------- parties

fn legal_identity(p: &Party) -> String {
    let mut bits = Vec::new();
    match (&p.legal_form, p.capital) {
        (Some(form), Some(capital)) => bits.push(format!("{form} au capital de {}", eur_whole(capital))),
        (Some(form), None) => bits.push(form.clone()),
        (None, _) if p.kind == PartyKind::SoleTrader => bits.push("Entrepreneur individuel (EI)".into()),
        _ => {}
    }
    if let Some(siren) = p.siren_number() {
        bits.push(format!("SIREN {}", group_siren(siren)));
    }
    if let Some(rcs) = &p.rcs_city {
        bits.push(format!("RCS {rcs}"));
    }
    if let Some(rm) = &p.rm_city {
        bits.push(format!("RM {rm}"));
    }
    if let Some(vat) = &p.vat_number {
        bits.push(format!("TVA intracommunautaire {vat}"));
    }
    bits.join(" — ")
}

fn one_line_address(p: &Party) -> String {
    let mut parts = p.address.lines.clone();
    parts.push(format!("{} {}", p.address.postcode, p.address.city));
    parts.join(", ")
}

/// The party's email, or a plausible one on the reserved `.example` domain.
fn email_of(p: &Party) -> String {
    p.email.clone().unwrap_or_else(|| format!("contact@{}.example", slug(&p.display_name)))
}

/// The person who signs for a party: its representative, else the person itself.
fn signatory(p: &Party) -> String {
    if let Some(r) = &p.representative {
        return r.name.clone();
    }
    match &p.person {
        Some(person) => [person.first_name.clone(), Some(person.last_name.clone())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
        None => p.display_name.clone(),
    }
}

pub fn party(p: &Party) -> Value {
    json!({
        "nom": p.display_name,
        "forme": p.legal_form,
        "capital": p.capital.map(eur_whole),
        "siren": p.siren_number().map(group_siren),
        "rcs": p.rcs_city,
        "tva": p.vat_number,
        "identite": legal_identity(p),
        "adresse": {
            "lignes": p.address.lines,
            "code_postal": p.address.postcode,
            "ville": p.address.city,
            "pays": (p.address.country != "FR").then_some(&p.address.country),
        },
        "adresse_ligne": one_line_address(p),
        "representant": p.representative.as_ref().map(|r| json!({ "nom": r.name, "qualite": r.role })),
        "email": p.email,
        "telephone": p.phone,
        "iban": p.iban.as_deref().map(group_iban),
        "bic": p.bic,
        "particulier": p.is_consumer(),
    })
}

/// A colour and a title font for a creditor: each sample company has its own house style.
fn house_style(p: &Party) -> Value {
    const ACCENTS: [&str; 6] = ["#1f4e79", "#7a2e2e", "#2e5e3a", "#5b3a7a", "#8a5a12", "#23575e"];
    const FONTS: [&str; 2] = ["Libertinus Serif", "New Computer Modern"];
    let h = fnv1a(&p.display_name);
    json!({
        "accent": ACCENTS[(h % ACCENTS.len() as u64) as usize],
        "police_titre": FONTS[((h >> 8) % FONTS.len() as u64) as usize],
    })
}

pub(super) fn base(case: &Case, model: &str, title: String) -> Value {
    json!({
        "modele": model,
        "titre": title,
        "auteur": case.creditor.display_name,
        "exemple": EXAMPLE,
        "emetteur": party(&case.creditor),
        "client": party(&case.debtor),
        "style": house_style(&case.creditor),
    })
}

pub(super) fn merge(mut a: Value, b: Value) -> Value {
    if let (Some(a), Value::Object(b)) = (a.as_object_mut(), b) {
        a.extend(b);
    }
    a
}

// ---------------------------------------------------------------- lines and terms

/// One line of an invoice, a quote or an order, with its amount excluding VAT.
#[derive(Debug, Clone)]
struct Line {
    designation: String,
    quantity: Decimal,
    unit_price: Decimal,
    vat_rate: Decimal,
}

impl Line {
    fn net(&self) -> Decimal {
        round2(self.quantity * self.unit_price)
    }

    fn json(&self) -> Value {
        json!({
            "designation": self.designation,
            "quantite": number(self.quantity),
            "prix_unitaire": eur(self.unit_price),
            "tva": percent(self.vat_rate),
            "montant": eur(self.net()),
        })
    }
}

/// The invoice's own rate when it has no lines: its VAT over its net amount.
fn implied_rate(invoice: &Invoice) -> Decimal {
    if invoice.net.is_zero() {
        Decimal::ZERO
    } else {
        (invoice.vat * Decimal::ONE_HUNDRED / invoice.net).round_dp(2).normalize()
    }
}

/// The invoice's lines; without them (or without prices), one line from its subject and amount.
/// Their total must be the invoice's `montant_ht`.
fn lines_of(invoice: &Invoice) -> Result<Vec<Line>, String> {
    let complete = !invoice.lines.is_empty() && invoice.lines.iter().all(|l| l.unit_price.is_some());
    if !complete {
        return Ok(vec![Line {
            designation: invoice.subject.clone().unwrap_or_else(|| format!("Facture {}", invoice.number)),
            quantity: Decimal::ONE,
            unit_price: invoice.net,
            vat_rate: implied_rate(invoice),
        }]);
    }
    let lines: Vec<Line> = invoice
        .lines
        .iter()
        .map(|l| Line {
            designation: l.designation.clone(),
            quantity: l.quantity.unwrap_or(Decimal::ONE),
            unit_price: l.unit_price.unwrap_or_default(),
            vat_rate: l.vat_rate.unwrap_or_else(|| implied_rate(invoice)),
        })
        .collect();
    let total: Decimal = lines.iter().map(Line::net).sum();
    if total != invoice.net {
        return Err(format!(
            "facture {} : ses lignes font {} HT, le cas dit {} (montant_ht)",
            invoice.number,
            eur(total),
            eur(invoice.net)
        ));
    }
    Ok(lines)
}

/// VAT by rate. With one rate, the invoice's own figures; with several, computed per rate and
/// checked against the invoice's `montant_tva`.
fn vat_breakdown(invoices: &[&Invoice], lines: &[Line]) -> Result<Vec<Value>, String> {
    let net: Decimal = invoices.iter().map(|i| i.net).sum();
    let vat: Decimal = invoices.iter().map(|i| i.vat).sum();
    let mut rates: Vec<Decimal> = lines.iter().map(|l| l.vat_rate).collect();
    rates.sort();
    rates.dedup();
    if rates.len() <= 1 {
        let rate = rates.first().copied().unwrap_or_default();
        return Ok(vec![json!({ "taux": percent(rate), "base": eur(net), "montant": eur(vat) })]);
    }
    let mut rows = Vec::new();
    let mut total = Decimal::ZERO;
    for rate in rates {
        let base: Decimal = lines.iter().filter(|l| l.vat_rate == rate).map(Line::net).sum();
        let tax = round2(base * rate / Decimal::ONE_HUNDRED);
        total += tax;
        rows.push(json!({ "taux": percent(rate), "base": eur(base), "montant": eur(tax) }));
    }
    if total != vat {
        return Err(format!("TVA par taux {} ≠ montant_tva {}", eur(total), eur(vat)));
    }
    Ok(rows)
}

/// The late-payment rate as written in contracts.
fn penalty_rate_text(case: &Case) -> String {
    match case.terms.penalty_rate {
        Some(rate) => format!("taux annuel de {}", percent(rate)),
        None => "taux d'intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus \
                 récente, majoré de 10 points de pourcentage"
            .into(),
    }
}

/// The mandatory late-payment mentions (art. L.441-10 and D.441-5 C. com.), or the consumer's.
fn late_payment_text(case: &Case) -> String {
    if case.debtor.is_consumer() {
        return "En cas de retard de paiement, les sommes restant dues porteront intérêts au taux légal à compter de \
                la mise en demeure (articles 1231-6 et 1344-1 du Code civil)."
            .into();
    }
    let mut text = format!(
        "En cas de retard de paiement, des pénalités de retard sont exigibles de plein droit, sans qu'un rappel soit \
         nécessaire, dès le jour suivant la date d'échéance, au {} (article L.441-10 du Code de commerce)",
        penalty_rate_text(case)
    );
    if case.terms.flat_indemnity {
        text.push_str(
            ", ainsi qu'une indemnité forfaitaire pour frais de recouvrement de 40 € (article D.441-5 du Code de \
             commerce). Si les frais de recouvrement exposés sont supérieurs, une indemnité complémentaire peut être \
             demandée sur justification.",
        );
    } else {
        text.push('.');
    }
    text
}

/// Days from issue to due date most invoices of the case give.
fn usual_term_days(case: &Case) -> i64 {
    let mut terms: Vec<i64> = case.invoices.iter().map(|i| (i.due - i.date).num_days()).collect();
    terms.sort_unstable();
    let mut best = (0, 0);
    for t in &terms {
        let n = terms.iter().filter(|x| *x == t).count();
        if n > best.1 {
            best = (*t, n);
        }
    }
    best.0
}

fn term_text(days: i64) -> String {
    match days {
        0 => "à réception de facture".into(),
        d => format!("à {d} jours date de facture"),
    }
}

/// The number written after "n°" in a pièce's title ("Devis signé n° D-2026-017").
fn number_in_title(title: &str) -> Option<String> {
    let (_, rest) = title.split_once("n°")?;
    rest.split_whitespace().next().map(str::to_string)
}

/// The quote or order a pièce carries out: its number, issue date and signing date.
struct Agreement<'a> {
    exhibit: &'a Exhibit,
    number: String,
    date: NaiveDate,
    signed: NaiveDate,
}

fn agreements(case: &Case) -> Vec<Agreement<'_>> {
    case.exhibits
        .iter()
        .filter(|e| matches!(e.role, ExhibitRole::Quote | ExhibitRole::PurchaseOrder))
        .filter_map(|e| {
            let date = e.date?;
            let number = number_in_title(&e.title).unwrap_or_else(|| format!("{}", date.format("%Y%m%d")));
            // A quote is accepted a few days after it is made; an order is signed on the spot.
            let signed = if e.role == ExhibitRole::Quote { date + Days::new(5) } else { date };
            Some(Agreement { exhibit: e, number, date, signed })
        })
        .collect()
}

/// The invoices an agreement covers: those its pièce names (`factures`), else those issued within
/// three months after it, else all.
fn covered<'a>(case: &'a Case, a: &Agreement) -> Vec<&'a Invoice> {
    if !a.exhibit.invoices.is_empty() {
        return case.invoices.iter().filter(|i| a.exhibit.invoices.contains(&i.number)).collect();
    }
    let until = a.date + Days::new(QUOTE_SPAN_DAYS);
    let within: Vec<&Invoice> = case.invoices.iter().filter(|i| i.date >= a.date && i.date <= until).collect();
    if within.is_empty() { case.invoices.iter().collect() } else { within }
}

fn has_cgv(case: &Case) -> bool {
    case.exhibits.iter().any(|e| e.role == ExhibitRole::Cgv)
}

// ---------------------------------------------------------------- documents

pub fn invoice(case: &Case, index: usize) -> Result<Value, String> {
    let inv = &case.invoices[index];
    let lines = lines_of(inv)?;
    let mut references = Vec::new();
    let mut quoted = false;
    for a in agreements(case) {
        if covered(case, &a).iter().any(|i| i.number == inv.number) {
            quoted = true;
            let what = if a.exhibit.role == ExhibitRole::Quote { "Devis" } else { "Bon de commande" };
            references.push(format!("{what} n° {} accepté le {}", a.number, date_short(a.signed)));
        }
    }
    for number in &inv.delivery_notes {
        if let Some(note) = case.delivery_notes.iter().find(|n| &n.number == number) {
            references.push(format!("Bon de livraison n° {} du {}", note.number, date_short(note.date)));
        }
    }
    let days = (inv.due - inv.date).num_days();
    let payment = if case.creditor.iban.is_some() { "par virement bancaire" } else { "par chèque ou virement" };
    Ok(merge(
        base(case, "facture", format!("Facture {}", inv.number)),
        json!({
            "numero": inv.number,
            "date": date_short(inv.date),
            "echeance": date_short(inv.due),
            "code_client": format!("C{:04}", fnv1a(&case.debtor.display_name) % 10_000),
            "objet": inv.subject,
            "references": references,
            "lignes": lines.iter().map(Line::json).collect::<Vec<_>>(),
            "tva_detail": vat_breakdown(&[inv], &lines)?,
            "total_ht": eur(inv.net),
            "total_tva": eur(inv.vat),
            "total_ttc": eur(inv.gross),
            "reglement": format!("Paiement {}, soit au plus tard le {}, {payment}.", term_text(days), date_short(inv.due)),
            "escompte": "Pas d'escompte pour paiement anticipé.",
            "retard": late_payment_text(case),
            "cgv": has_cgv(case).then_some(if quoted {
                "Vente soumise à nos conditions générales de vente, jointes au devis accepté."
            } else {
                "Vente soumise à nos conditions générales de vente, dont le client a reçu un exemplaire avant la commande."
            }),
        }),
    ))
}

pub fn delivery_note(case: &Case, index: usize) -> Result<Value, String> {
    let note = &case.delivery_notes[index];
    let invoice =
        case.invoices.iter().find(|i| i.delivery_notes.contains(&note.number)).ok_or_else(|| {
            format!("bon de livraison {} : aucune facture ne le cite (bons_de_livraison)", note.number)
        })?;
    let lines = lines_of(invoice)?;
    let order =
        agreements(case).into_iter().find(|a| covered(case, a).iter().any(|i| i.number == invoice.number)).map(|a| {
            let what = if a.exhibit.role == ExhibitRole::Quote { "Devis" } else { "Bon de commande" };
            format!("{what} n° {}", a.number)
        });
    let received_by = note.signed_by.clone().unwrap_or_else(|| signatory(&case.debtor));
    Ok(merge(
        base(case, "bon-de-livraison", format!("Bon de livraison {}", note.number)),
        json!({
            "numero": note.number,
            "date": date_short(note.date),
            "commande": order,
            "objet": invoice.subject,
            "lignes": lines.iter().map(|l| json!({ "designation": l.designation, "quantite": number(l.quantity) })).collect::<Vec<_>>(),
            "recu_le": date_short(note.date),
            "recu_par": received_by,
            "signature_client": signature(&format!("{received_by}/client"), 92.0),
            "signature_livreur": signature(&format!("{}/livreur", note.number), 70.0),
        }),
    ))
}

fn agreement_lines<'a>(case: &'a Case, a: &Agreement) -> Result<(Vec<&'a Invoice>, Vec<Line>), String> {
    let invoices = covered(case, a);
    let mut lines = Vec::new();
    for inv in &invoices {
        lines.extend(lines_of(inv)?);
    }
    Ok((invoices, lines))
}

fn totals(invoices: &[&Invoice]) -> (Decimal, Decimal, Decimal) {
    (invoices.iter().map(|i| i.net).sum(), invoices.iter().map(|i| i.vat).sum(), invoices.iter().map(|i| i.gross).sum())
}

pub fn quote(case: &Case, exhibit: &Exhibit) -> Result<Value, String> {
    let a = agreements(case)
        .into_iter()
        .find(|a| std::ptr::eq(a.exhibit, exhibit))
        .ok_or_else(|| format!("« {} » : un devis a besoin d'une date", exhibit.title))?;
    let (invoices, lines) = agreement_lines(case, &a)?;
    let (net, vat, gross) = totals(&invoices);
    let subject = invoices.iter().filter_map(|i| i.subject.clone()).collect::<Vec<_>>().join(" ; ");
    let signer = signatory(&case.debtor);
    let capacity = case.debtor.representative.as_ref().map(|r| r.role.clone());
    Ok(merge(
        base(case, "devis", format!("Devis {}", a.number)),
        json!({
            "numero": a.number,
            "date": date_short(a.date),
            "validite": date_short(a.date + Days::new(30)),
            "objet": subject,
            "lignes": lines.iter().map(Line::json).collect::<Vec<_>>(),
            "tva_detail": vat_breakdown(&invoices, &lines)?,
            "total_ht": eur(net),
            "total_tva": eur(vat),
            "total_ttc": eur(gross),
            "reglement": format!("Facturation à la livraison ou à l'achèvement, paiement {}.", term_text(usual_term_days(case))),
            "retard": late_payment_text(case),
            "cgv": has_cgv(case),
            "accord": {
                "date": date_short(a.signed),
                "nom": signer,
                "qualite": capacity,
                "signature": signature(&format!("{signer}/client"), 80.0),
            },
            "signature_emetteur": signature(&format!("{}/creancier", signatory(&case.creditor)), 80.0),
        }),
    ))
}

pub fn purchase_order(case: &Case, exhibit: &Exhibit) -> Result<Value, String> {
    let a = agreements(case)
        .into_iter()
        .find(|a| std::ptr::eq(a.exhibit, exhibit))
        .ok_or_else(|| format!("« {} » : un bon de commande a besoin d'une date", exhibit.title))?;
    let (invoices, lines) = agreement_lines(case, &a)?;
    let (net, vat, gross) = totals(&invoices);
    let deposits: Vec<&recouvre::case::model::Payment> = case.payments.iter().filter(|p| p.date == a.date).collect();
    let deposit: Decimal = deposits.iter().map(|p| p.amount).sum();
    let method = deposits.first().and_then(|p| p.method).map(|m| match m {
        PaymentMethod::Cheque => "par chèque",
        PaymentMethod::Card => "par carte bancaire",
        PaymentMethod::Cash => "en espèces",
        PaymentMethod::Transfer => "par virement",
        _ => "",
    });
    let first = invoices.iter().map(|i| i.date).min().unwrap_or(a.date);
    let week = first - Days::new(u64::from(first.weekday().num_days_from_monday()));
    let signer = signatory(&case.debtor);
    let transport =
        invoices.iter().any(|i| i.subject.as_deref().is_some_and(|t| t.to_lowercase().contains("transport")));
    Ok(merge(
        base(case, "bon-de-commande", format!("Bon de commande {}", a.number)),
        json!({
            "numero": a.number,
            "date": date_short(a.date),
            "lieu": case.creditor.address.city,
            "objet": invoices.iter().filter_map(|i| i.subject.clone()).collect::<Vec<_>>().join(" ; "),
            "lignes": lines.iter().map(Line::json).collect::<Vec<_>>(),
            "tva_detail": vat_breakdown(&invoices, &lines)?,
            "total_ht": eur(net),
            "total_tva": eur(vat),
            "total_ttc": eur(gross),
            "acompte": (!deposit.is_zero()).then(|| json!({ "montant": eur(deposit), "mode": method })),
            "solde": eur(gross - deposit),
            "pose": format!("semaine du {}", date_short(if week > a.date { week } else { first })),
            // Carriage is not « livraison et pose » in a shop: runs, invoiced when done.
            "transport": transport.then(|| json!({
                "execution": format!("{}, selon le planning du client", lowercase_first(&invoices.iter().filter_map(|i| i.subject.clone()).collect::<Vec<_>>().join(" ; "))),
                "reglement": format!("facturation à l’issue des tournées, paiement {}.", term_text(usual_term_days(case))),
            })),
            "retard": late_payment_text(case),
            "consommateur": case.debtor.is_consumer(),
            "client_nom": signer,
            "signature_client": signature(&format!("{signer}/client"), 90.0),
            "signature_vendeur": signature(&format!("{}/vendeur", signatory(&case.creditor)), 80.0),
            "vendeur": signatory(&case.creditor),
        }),
    ))
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

pub fn cgv(case: &Case) -> Value {
    let first = case.invoices.iter().map(|i| i.date).min().unwrap_or(case.computed_on);
    let version = NaiveDate::from_ymd_opt(first.year(), 1, 1).unwrap_or(first);
    merge(
        base(case, "cgv", "Conditions générales de vente".into()),
        json!({
            "version": date_fr(version),
            "delai": term_text(usual_term_days(case)),
            "delai_jours": usual_term_days(case),
            "taux": penalty_rate_text(case),
            "taux_contractuel": case.terms.penalty_rate.is_some(),
            "indemnite": case.terms.flat_indemnity,
            "ville": case.creditor.address.city,
        }),
    )
}

// ---------------------------------------------------------------- reminders

/// "Mme Sophie Durand, comptabilité" → ("Madame Durand", "Madame", "Sophie Durand"): how an
/// email greets, how a letter opens and closes, and the name alone.
fn addressee(contact: Option<&str>) -> (String, &'static str, Option<String>) {
    let Some(contact) = contact else { return ("Madame, Monsieur".into(), "Madame, Monsieur", None) };
    let name = contact.split(',').next().unwrap_or(contact).trim();
    let (title, rest) = if let Some(rest) = name.strip_prefix("Mme ") {
        ("Madame", rest)
    } else if let Some(rest) = name.strip_prefix("M. ") {
        ("Monsieur", rest)
    } else {
        return ("Madame, Monsieur".into(), "Madame, Monsieur", None);
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    let last = if words.len() > 1 { words[1..].join(" ") } else { rest.to_string() };
    (format!("{title} {last}"), title, Some(rest.to_string()))
}

/// "À l'attention de Mme Anne Vial", "À l'attention du service comptabilité".
fn attention(contact: &str) -> String {
    match contact.strip_prefix("Service ") {
        Some(rest) => format!("À l'attention du service {rest}"),
        None => format!("À l'attention de {contact}"),
    }
}

/// The invoices due and unpaid at a date, with recouvre's own figures that day (payments go
/// first to the penalties accrued, art. 1343-1 C. civ.), so the reminder agrees with the letters
/// recouvre writes later: amount, settled (credit notes and payments), principal remaining.
fn overdue_at(case: &Case, claim: &Claim, date: NaiveDate) -> Vec<(Value, Decimal)> {
    claim
        .invoices
        .iter()
        .filter(|i| i.due < date && i.principal_remaining > Decimal::ZERO)
        .map(|i| {
            let settled = i.gross - i.principal_remaining;
            let file = case.invoices.iter().find(|x| x.number == i.number).and_then(|x| x.file.as_ref());
            let row = json!({
                "numero": i.number,
                "date": date_short(i.date),
                "echeance": date_short(i.due),
                "ttc": eur(i.gross),
                "regle": if settled.is_zero() { "—".to_string() } else { eur(settled) },
                "reste": eur(i.principal_remaining),
                "fichier": file.map(|f| f.relative.clone()),
            });
            (row, i.principal_remaining)
        })
        .collect()
}

fn channel_words(c: Channel) -> &'static str {
    match c {
        Channel::Email => "notre courriel",
        Channel::Letter => "notre courrier",
        Channel::RegisteredLetter => "notre lettre recommandée",
        Channel::Phone => "notre entretien téléphonique",
        Channel::Sms => "notre message",
        Channel::Visit => "notre visite",
    }
}

/// The body of a reminder: paragraphs before and after the statement of account.
struct ReminderText {
    subject: String,
    before: Vec<String>,
    after: Vec<String>,
    rows: Vec<Value>,
    total: Decimal,
    attached: bool,
}

fn reminder_text(case: &Case, rates: &RateTables, index: usize) -> Result<ReminderText, String> {
    let r: &Reminder = &case.reminders[index];
    let claim = recouvre::claim::compute(case, rates, r.date).map_err(|errors| joined(&errors))?;
    let (rows, balances): (Vec<Value>, Vec<Decimal>) = overdue_at(case, &claim, r.date).into_iter().unzip();
    if rows.is_empty() {
        return Err(format!("relance du {} : aucune facture échue impayée à cette date", date_short(r.date)));
    }
    let total: Decimal = balances.iter().sum();
    let summary = r.summary.clone().unwrap_or_default().to_lowercase();
    let numbers: Vec<String> = rows.iter().filter_map(|row| row["numero"].as_str().map(str::to_string)).collect();
    let several = numbers.len() > 1;
    let earlier: Vec<String> = case.reminders[..index]
        .iter()
        .map(|p| format!("{} du {}", channel_words(p.channel), date_fr(p.date)))
        .collect();
    let mut before = Vec::new();
    if earlier.is_empty() {
        before.push(if several {
            "Sauf erreur ou omission de notre part, les factures ci-dessous, arrivées à échéance, restent impayées à ce jour.".to_string()
        } else {
            let row = &rows[0];
            format!(
                "Sauf erreur ou omission de notre part, notre facture n° {} du {}, d'un montant de {} TTC, arrivée à échéance le {}, reste impayée à ce jour.",
                row["numero"].as_str().unwrap_or_default(),
                row["date"].as_str().unwrap_or_default(),
                row["ttc"].as_str().unwrap_or_default(),
                row["echeance"].as_str().unwrap_or_default(),
            )
        });
    } else {
        let last = earlier.len() - 1;
        let list =
            if last == 0 { earlier[0].clone() } else { format!("{} et {}", earlier[..last].join(", "), earlier[last]) };
        before.push(format!(
            "Malgré {list}, nous constatons que {} à ce jour. Vous trouverez ci-dessous le relevé de votre compte.",
            if several { "les factures suivantes restent impayées" } else { "la facture suivante reste impayée" }
        ));
    }
    let attached = summary.contains("joint");
    if attached {
        before.push(
            if several {
                "Vous trouverez une copie de ces factures en pièce jointe."
            } else {
                "Vous trouverez une copie de cette facture en pièce jointe."
            }
            .to_string(),
        );
    }
    let mut after = Vec::new();
    after.push(format!(
        "Nous vous remercions de bien vouloir procéder au règlement de la somme de {} dans les meilleurs délais{}.",
        eur(total),
        match &case.creditor.iban {
            Some(iban) => format!(", de préférence par virement sur notre compte IBAN {}", group_iban(iban)),
            None => String::new(),
        }
    ));
    if summary.contains("pénalit") || summary.contains("indemnit") {
        after.push(format!(
            "Nous vous rappelons que, conformément à nos conditions générales de vente et à l'article L.441-10 du Code de commerce, tout retard de paiement fait courir de plein droit des pénalités au {}{}.",
            penalty_rate_text(case),
            if case.terms.flat_indemnity {
                ", et rend exigible une indemnité forfaitaire pour frais de recouvrement de 40 € par facture (article D.441-5 du Code de commerce)"
            } else {
                ""
            }
        ));
    }
    after.push(
        "Si votre règlement a été adressé entre-temps, nous vous prions de ne pas tenir compte de ce rappel.".into(),
    );
    let subject = if several {
        format!("Relance — factures n° {} échues", numbers.join(", "))
    } else {
        format!("Relance — facture n° {} échue", numbers[0])
    };
    Ok(ReminderText { subject, before, after, rows, total, attached })
}

/// A reminder sent by email, printed from the mail client.
pub fn email(
    case: &Case,
    rates: &RateTables,
    index: usize,
    attachment_sizes: &[(String, usize)],
) -> Result<Value, String> {
    let r = &case.reminders[index];
    let text = reminder_text(case, rates, index)?;
    let (salutation, _, contact) = addressee(r.contact.as_deref());
    let creditor = &case.creditor;
    let sender_name = creditor.representative.as_ref().map_or(creditor.display_name.clone(), |r| r.name.clone());
    let seed = format!("{}/{}", case.reference, r.date);
    let (h, m) = office_time(&seed);
    let printed = office_time(&format!("{seed}/impression"));
    let attachments: Vec<Value> = if text.attached {
        text.rows
            .iter()
            .filter_map(|row| row["fichier"].as_str())
            .map(|file| {
                let name = file.rsplit('/').next().unwrap_or(file);
                let size = attachment_sizes.iter().find(|(f, _)| f == file).map_or(0, |(_, s)| *s);
                json!({ "nom": name, "taille": format!("{} Ko", size.div_ceil(1024)) })
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut signature_lines = vec![sender_name.clone()];
    if let Some(rep) = &creditor.representative {
        signature_lines[0] = format!("{} — {}", rep.name, rep.role);
    }
    signature_lines.push(creditor.display_name.clone());
    signature_lines.push(one_line_address(creditor));
    if let Some(phone) = &creditor.phone {
        signature_lines.push(format!("Tél. {phone}"));
    }
    let list: Vec<String> = text
        .rows
        .iter()
        .map(|row| {
            format!(
                "Facture n° {} du {} — échéance {} — reste dû {}",
                row["numero"].as_str().unwrap_or_default(),
                row["date"].as_str().unwrap_or_default(),
                row["echeance"].as_str().unwrap_or_default(),
                row["reste"].as_str().unwrap_or_default()
            )
        })
        .collect();
    Ok(merge(
        base(case, "courriel", text.subject.clone()),
        json!({
            "objet": text.subject,
            "de": { "nom": sender_name, "email": email_of(creditor) },
            "a": { "nom": contact.unwrap_or_else(|| case.debtor.display_name.clone()), "email": email_of(&case.debtor) },
            "date": format!("{} {} à {h:02}:{m:02}", weekday_short(r.date), date_fr(r.date)),
            "imprime": format!("{} {:02}:{:02}", date_short(r.date), printed.0, printed.1),
            "compte": email_of(creditor),
            "pieces_jointes": attachments,
            "salutation": format!("{salutation},"),
            "avant": text.before,
            "liste": if text.rows.len() > 1 { list } else { Vec::new() },
            "apres": text.after,
            "formule": "Bien cordialement,",
            "signature": signature_lines,
        }),
    ))
}

/// A reminder sent by post (simple or registered letter).
pub fn letter(case: &Case, rates: &RateTables, index: usize) -> Result<Value, String> {
    let r = &case.reminders[index];
    let text = reminder_text(case, rates, index)?;
    let (_, salutation, _) = addressee(r.contact.as_deref());
    let registered = r.channel == Channel::RegisteredLetter;
    let tracking = registered.then(|| {
        let mut rng = Rng::seeded(&format!("{}/{}", case.reference, r.date));
        format!("1A {:03} {:03} {:04} {}", rng.below(1000), rng.below(1000), rng.below(10_000), rng.below(10))
    });
    let signer = signatory(&case.creditor);
    Ok(merge(
        base(case, "lettre", text.subject.clone()),
        json!({
            "objet": text.subject,
            "lieu_date": format!("{}, le {}", case.signed_at, date_fr(r.date)),
            "attention": r.contact.as_deref().map(attention),
            "recommande": tracking,
            "salutation": format!("{salutation},"),
            "avant": text.before,
            "releve": text.rows,
            "total": eur(text.total),
            "apres": text.after,
            "signataire": signer,
            "qualite": case.creditor.representative.as_ref().map(|r| r.role.clone()),
            "signature": signature(&format!("{signer}/creancier"), 88.0),
        }),
    ))
}

// ---------------------------------------------------------------- AR and ordonnance

/// La Poste's avis de réception of the mise en demeure; `scan`: drawn as a scan (grey platen,
/// card slightly askew) for the PNG and JPEG versions.
pub fn receipt(case: &Case, scan: bool) -> Result<Value, String> {
    let notice = case.formal_notice.as_ref().ok_or("pas de mise en demeure")?;
    let received = notice.received.ok_or("mise_en_demeure.date_reception manque : l'AR la porte")?;
    let tracking = notice.tracking.clone().ok_or("mise_en_demeure.numero_envoi manque : l'AR le porte")?;
    let signer = signatory(&case.debtor);
    let initial_and_name = {
        let words: Vec<&str> = signer.split_whitespace().collect();
        match words.split_first() {
            Some((first, rest)) if !rest.is_empty() => {
                format!("{}. {}", first.chars().next().unwrap_or(' '), rest.join(" ").to_uppercase())
            }
            _ => signer.to_uppercase(),
        }
    };
    let mut rng = Rng::seeded(&tracking);
    Ok(merge(
        base(case, "avis-de-reception", format!("Avis de réception {tracking}")),
        json!({
            "numero": tracking,
            "barres": barcode(&tracking),
            "expediteur": party(&case.creditor),
            "destinataire": party(&case.debtor),
            "presente": date_short(received),
            "distribue": date_short(received),
            "timbre": received.format("%d-%m-%y").to_string(),
            "bureau": case.debtor.address.city.to_uppercase(),
            "signataire": initial_and_name,
            "signature": signature(&format!("{signer}/ar"), 78.0),
            "scan": scan,
            "angle": if scan { -(0.3 + rng.range(0.0, 0.5)) } else { -(0.1 + rng.range(0.0, 0.3)) },
        }),
    ))
}

/// "Tribunal de commerce de Chambéry" from "tribunal de commerce de Chambéry".
pub(super) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Who the ordonnance names, as a court writes it.
pub(super) fn court_identity(p: &Party) -> String {
    if p.kind == PartyKind::Individual || p.kind == PartyKind::SoleTrader {
        return format!("{}, demeurant {}", p.display_name, one_line_address(p));
    }
    let mut text = format!("La société {}", p.display_name);
    if let Some(form) = &p.legal_form {
        text.push_str(&format!(", {form}"));
    }
    if let Some(capital) = p.capital {
        text.push_str(&format!(" au capital de {}", eur_whole(capital)));
    }
    if let Some(siren) = p.siren_number() {
        text.push_str(&format!(", immatriculée sous le n° {}", group_siren(siren)));
        if let Some(rcs) = &p.rcs_city {
            text.push_str(&format!(" au RCS de {rcs}"));
        }
    }
    text.push_str(&format!(", dont le siège social est {}", one_line_address(p)));
    match &p.representative {
        Some(r) => {
            // « sa présidente », « son gérant »: the representative's civility decides.
            let its = if r.civility == Some(recouvre::case::model::Civility::Mrs) { "sa" } else { "son" };
            text.push_str(&format!(", prise en la personne de {its} {}, {}", r.role, r.name))
        }
        None => text.push_str(", prise en la personne de son représentant légal"),
    }
    text
}

pub fn order(case: &Case, rates: &RateTables, filed: NaiveDate) -> Result<Value, String> {
    let order = case.procedure.order.as_ref().ok_or("pas d'ordonnance")?;
    let claim = recouvre::claim::compute(case, rates, filed).map_err(|errors| joined(&errors))?;
    let court = recouvre::plan::competent_court(case);
    let invoices: Vec<Value> = case
        .invoices
        .iter()
        .map(|i| json!({ "numero": i.number, "date": date_short(i.date), "echeance": date_short(i.due), "montant": eur(i.gross) }))
        .collect();
    let principal = claim.totals.principal_remaining;
    let from = case.invoices.iter().map(|i| i.due + Days::new(1)).min().unwrap_or(order.date);
    let several = case.invoices.len() > 1;
    let interest = if case.debtor.is_consumer() {
        "avec intérêts au taux légal à compter de la mise en demeure".to_string()
    } else if several {
        format!(
            "avec pénalités de retard au {}, à compter du lendemain de l'échéance de chaque facture",
            penalty_rate_text(case)
        )
    } else {
        format!("avec pénalités de retard au {}, à compter du {}", penalty_rate_text(case), date_fr(from))
    };
    let indemnities = if !case.debtor.is_consumer() && case.terms.flat_indemnity {
        Some(eur(Decimal::from(40 * case.invoices.len() as i64)))
    } else {
        None
    };
    // What the ordonnance grants, when the case copies its dispositif: it replaces the request.
    let granted = order.granted.as_ref();
    let principal = granted.map_or(principal, |g| g.principal);
    let interest = match granted.map(|g| g.interest.as_ref()) {
        None => interest,
        Some(None) => "sans intérêts".to_string(),
        Some(Some(i)) => {
            use recouvre::case::enforcement::GrantedRate;
            let rate = match i.rate {
                GrantedRate::Legal => "au taux légal".to_string(),
                GrantedRate::EcbPlusTen => {
                    "au taux de refinancement de la Banque centrale européenne majoré de 10 points".to_string()
                }
                GrantedRate::Fixed(r) => format!("au taux de {} % l'an", r.normalize().to_string().replace('.', ",")),
            };
            format!("avec intérêts {rate} à compter du {}", date_fr(i.from))
        }
    };
    let indemnities = match granted {
        Some(g) => (!g.indemnity.is_zero()).then(|| eur(g.indemnity)),
        None => indemnities,
    };
    let extra = |amount: Option<Decimal>| amount.filter(|a| !a.is_zero()).map(eur);
    Ok(merge(
        base(
            case,
            "ordonnance",
            format!("Ordonnance portant injonction de payer n° {}", order.number.clone().unwrap_or_default()),
        ),
        json!({
            "tribunal": capitalize(&court.name),
            "tribunal_minuscule": court.name,
            "ville": court.city,
            "numero": order.number,
            "date": date_fr(order.date),
            "requete": date_fr(filed),
            "requerant": court_identity(&case.creditor),
            "debiteur": court_identity(&case.debtor),
            "debiteur_nom": if case.debtor.kind == PartyKind::Company {
                format!("la société {}", case.debtor.display_name)
            } else {
                case.debtor.display_name.clone()
            },
            "debiteur_titre": match case.debtor.person.as_ref().and_then(|p| p.civility) {
                Some(Civility::Mr) => "Débiteur",
                _ => "Débitrice",
            },
            "factures": invoices,
            "principal": eur(principal),
            "interets": interest,
            "indemnites": indemnities,
            "penalites": extra(granted.map(|g| g.penalties)),
            "article_700": extra(granted.map(|g| g.article_700)),
            "depens": extra(granted.map(|g| g.costs)),
            "partielle": order.partial,
            "signature_president": signature(&format!("{}/president", court.name), 70.0),
            "signature_greffier": signature(&format!("{}/greffier", court.name), 62.0),
            "timbre_date": date_short(order.date),
        }),
    ))
}
