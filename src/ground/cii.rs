//! The invoice XML of a Factur-X / ZUGFeRD / XRechnung PDF (UN/CEFACT CII), read into plain
//! values: parties, number, dates, totals. Every profile, MINIMUM to EXTENDED, and both syntaxes:
//! CII D16B (`CrossIndustryInvoice`, Factur-X and ZUGFeRD 2.x) and ZUGFeRD 1.0
//! (`CrossIndustryDocument`). Elements are matched by local name; the namespaces only tell which
//! syntax it is. A value that cannot be read is recorded in `problems`, never a panic.

use std::str::FromStr;

use chrono::NaiveDate;
use roxmltree::{Document, Node, ParsingOptions};
use rust_decimal::Decimal;

/// Largest amount read, as the case loader accepts it: beyond, the figure is a typo.
pub(super) const MAX_AMOUNT: i64 = 1_000_000_000_000;
/// Most XML nodes read: the largest real invoices have a few tens of thousands.
pub(super) const MAX_NODES: u32 = 2_000_000;

const NS_CII_D16B: &str = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
const NS_ZUGFERD_1: &str = "urn:ferd:CrossIndustryDocument:invoice:1p0";

/// Which XML syntax the invoice is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Factur-X, ZUGFeRD 2.x, XRechnung CII.
    CiiD16b,
    /// ZUGFeRD 1.0.
    Zugferd1,
    /// UBL 2.1 (Peppol BIS Billing 3), read by `ubl`.
    Ubl,
}

/// The Factur-X profile, from poorest to richest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Profile {
    Minimum,
    BasicWl,
    Basic,
    En16931,
    Extended,
}

impl Profile {
    /// From the guideline identifier (`urn:factur-x.eu:1p0:minimum`, `urn:cen.eu:en16931:2017`,
    /// `urn:ferd:CrossIndustryDocument:invoice:1p0:comfort`…).
    pub(super) fn from_guideline(id: &str) -> Option<Profile> {
        let id = id.to_ascii_lowercase();
        if id.contains("minimum") {
            Some(Profile::Minimum)
        } else if id.contains("basicwl") || id.contains("basic-wl") {
            Some(Profile::BasicWl)
        } else if id.contains("extended") {
            Some(Profile::Extended)
        } else if id.ends_with(":basic") || id.contains(":basic#") {
            Some(Profile::Basic)
        } else if id.contains("en16931") || id.contains("comfort") || id.contains("xrechnung") {
            Some(Profile::En16931)
        } else {
            None
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Profile::Minimum => "MINIMUM",
            Profile::BasicWl => "BASIC WL",
            Profile::Basic => "BASIC",
            Profile::En16931 => "EN 16931",
            Profile::Extended => "EXTENDED",
        }
    }
}

/// A postal address as the XML gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CiiAddress {
    pub lines: Vec<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
}

/// Seller or buyer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CiiParty {
    pub name: Option<String>,
    pub trading_name: Option<String>,
    /// Legal registration: SIREN (scheme 0002, 9 digits).
    pub siren: Option<String>,
    /// SIRET (scheme 0009, or a 14-digit legal identifier).
    pub siret: Option<String>,
    /// Intra-community VAT number (tax registration scheme VA).
    pub vat_number: Option<String>,
    pub address: Option<CiiAddress>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Contact person (DefinedTradeContact/PersonName).
    pub contact: Option<String>,
}

/// An invoice or credit note read from its XML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CiiInvoice {
    pub syntax: Option<Syntax>,
    pub profile: Option<Profile>,
    /// The guideline identifier as written.
    pub guideline: Option<String>,
    pub number: Option<String>,
    /// 380 invoice, 381 credit note, 384 corrected invoice, 389 self-billed…
    pub type_code: Option<String>,
    pub issue_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub currency: Option<String>,
    /// TaxBasisTotalAmount (HT).
    pub net: Option<Decimal>,
    /// TaxTotalAmount in the invoice currency (TVA).
    pub vat: Option<Decimal>,
    /// GrandTotalAmount (TTC).
    pub gross: Option<Decimal>,
    /// TotalPrepaidAmount: already paid when the invoice was issued.
    pub prepaid: Option<Decimal>,
    pub due_payable: Option<Decimal>,
    pub seller: CiiParty,
    pub buyer: CiiParty,
    /// The creditor's account (PayeePartyCreditorFinancialAccount).
    pub iban: Option<String>,
    pub bic: Option<String>,
    /// A payee other than the seller (a factor, usually): the account is then not the seller's.
    pub payee_name: Option<String>,
    /// Payment terms as written (`PAIEMENT 30 JOURS NET`).
    pub payment_terms: Option<String>,
    /// The invoice a credit note or correction refers to (InvoiceReferencedDocument).
    pub referenced_invoice: Option<String>,
    /// Despatch advice (delivery note) number.
    pub delivery_note: Option<String>,
    pub delivery_date: Option<NaiveDate>,
    /// Names of the products or services invoiced, in order.
    pub items: Vec<String>,
    /// Values present but unreadable, in French (`date d'échéance « 20261345 » illisible`).
    pub problems: Vec<String>,
}

impl CiiInvoice {
    /// A credit note: type 381 (or 261, 396, 532 credit-note variants).
    pub fn is_credit_note(&self) -> bool {
        matches!(self.type_code.as_deref(), Some("381" | "261" | "262" | "296" | "308" | "396" | "420" | "458" | "532"))
    }
}

/// Why an XML file is not an invoice we can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CiiError {
    /// Not well-formed XML, or in an encoding we do not read.
    Xml(String),
    /// Well-formed, but its root is not a CII invoice (UBL, metadata, something else).
    NotCii(String),
}

impl CiiError {
    pub fn message(&self) -> String {
        match self {
            CiiError::Xml(why) => format!("XML illisible : {why}"),
            CiiError::NotCii(root) => {
                format!("le XML n'est pas une facture CII (élément racine « {root} »)")
            }
        }
    }
}

/// Whether the XML's root is a CII invoice (without reading the rest).
pub fn looks_like_cii(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head);
    head.contains("CrossIndustryInvoice") || head.contains("CrossIndustryDocument")
}

/// Reads an invoice XML (UTF-8 or UTF-16 with or without byte-order mark, or Latin-1 declared).
pub fn parse(bytes: &[u8]) -> Result<CiiInvoice, CiiError> {
    let text = decode(bytes)?;
    let options = ParsingOptions { allow_dtd: false, nodes_limit: MAX_NODES, ..ParsingOptions::default() };
    let doc = Document::parse_with_options(&text, options).map_err(|e| CiiError::Xml(e.to_string()))?;
    let root = doc.root_element();
    let syntax = match (root.tag_name().name(), root.tag_name().namespace()) {
        ("CrossIndustryInvoice", Some(NS_CII_D16B) | None) => Syntax::CiiD16b,
        ("CrossIndustryDocument", Some(NS_ZUGFERD_1) | None) => Syntax::Zugferd1,
        ("CrossIndustryInvoice", _) => Syntax::CiiD16b,
        ("CrossIndustryDocument", _) => Syntax::Zugferd1,
        (other, _) => return Err(CiiError::NotCii(other.to_string())),
    };
    let mut reader = Reader { problems: Vec::new() };
    Ok(reader.invoice(root, syntax))
}

pub(super) fn decode(bytes: &[u8]) -> Result<String, CiiError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec()).map_err(|_| CiiError::Xml("UTF-8 invalide".into()));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) || bytes.starts_with(&[0xFF, 0xFE]) {
        let (text, _, bad) = encoding_rs::UTF_16BE.decode(bytes);
        let (text, bad) = if bytes.starts_with(&[0xFF, 0xFE]) {
            let (t, _, b) = encoding_rs::UTF_16LE.decode(bytes);
            (t, b)
        } else {
            (text, bad)
        };
        if bad {
            return Err(CiiError::Xml("UTF-16 invalide".into()));
        }
        return Ok(strip_declared_encoding(&text));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(_) => {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).to_ascii_lowercase();
            if head.contains("iso-8859") || head.contains("latin") || head.contains("windows-1252") {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                Ok(strip_declared_encoding(&text))
            } else {
                Err(CiiError::Xml("le fichier n'est pas en UTF-8".into()))
            }
        }
    }
}

/// The text is decoded now: drop the declaration's `encoding`, which roxmltree would question.
fn strip_declared_encoding(text: &str) -> String {
    let text = text.trim_start_matches('\u{feff}');
    if text.starts_with("<?xml")
        && let Some(end) = text.find("?>")
    {
        return format!("<?xml version=\"1.0\"?>{}", &text[end + 2..]);
    }
    text.to_string()
}

struct Reader {
    problems: Vec<String>,
}

impl Reader {
    fn invoice(&mut self, root: Node<'_, '_>, syntax: Syntax) -> CiiInvoice {
        let context = child(root, &["ExchangedDocumentContext", "SpecifiedExchangedDocumentContext"]);
        let guideline = context
            .and_then(|c| child(c, &["GuidelineSpecifiedDocumentContextParameter"]))
            .and_then(|g| child_text(g, "ID"));
        let header = child(root, &["ExchangedDocument", "HeaderExchangedDocument"]);
        let transaction = child(root, &["SupplyChainTradeTransaction", "SpecifiedSupplyChainTradeTransaction"]);
        let agreement = transaction
            .and_then(|t| child(t, &["ApplicableHeaderTradeAgreement", "ApplicableSupplyChainTradeAgreement"]));
        let delivery = transaction
            .and_then(|t| child(t, &["ApplicableHeaderTradeDelivery", "ApplicableSupplyChainTradeDelivery"]));
        let settlement = transaction
            .and_then(|t| child(t, &["ApplicableHeaderTradeSettlement", "ApplicableSupplyChainTradeSettlement"]));
        let currency = settlement.and_then(|s| child_text(s, "InvoiceCurrencyCode"));
        let totals = settlement.and_then(|s| {
            child(s, &["SpecifiedTradeSettlementHeaderMonetarySummation", "SpecifiedTradeSettlementMonetarySummation"])
        });
        let amount = |reader: &mut Reader, name: &str, what: &str| {
            totals.and_then(|t| reader.amount(t, name, currency.as_deref(), what))
        };
        let net = amount(self, "TaxBasisTotalAmount", "total HT");
        let vat = amount(self, "TaxTotalAmount", "total TVA");
        let gross = amount(self, "GrandTotalAmount", "total TTC");
        let prepaid = amount(self, "TotalPrepaidAmount", "montant déjà payé");
        let due_payable = amount(self, "DuePayableAmount", "montant à payer");
        let terms = settlement.map(|s| children(s, "SpecifiedTradePaymentTerms")).unwrap_or_default();
        let due_date =
            terms.iter().find_map(|t| child(*t, &["DueDateDateTime"])).and_then(|d| self.date(d, "date d'échéance"));
        let payment_terms = terms.iter().find_map(|t| child_text(*t, "Description"));
        let payee_name = settlement.and_then(|s| child(s, &["PayeeTradeParty"])).and_then(|p| child_text(p, "Name"));
        let means = settlement.map(|s| children(s, "SpecifiedTradeSettlementPaymentMeans")).unwrap_or_default();
        let iban = means
            .iter()
            .filter_map(|m| child(*m, &["PayeePartyCreditorFinancialAccount"]))
            .find_map(|a| child_text(a, "IBANID"));
        let bic = means
            .iter()
            .filter_map(|m| child(*m, &["PayeeSpecifiedCreditorFinancialInstitution"]))
            .find_map(|a| child_text(a, "BICID"));
        let referenced_invoice = settlement
            .and_then(|s| child(s, &["InvoiceReferencedDocument"]))
            .and_then(|r| child_text(r, "IssuerAssignedID"));
        let delivery_note = delivery
            .and_then(|d| child(d, &["DespatchAdviceReferencedDocument"]))
            .and_then(|r| child_text(r, "IssuerAssignedID").or_else(|| child_text(r, "ID")));
        let delivery_date = delivery
            .and_then(|d| child(d, &["ActualDeliverySupplyChainEvent"]))
            .and_then(|e| child(e, &["OccurrenceDateTime"]))
            .and_then(|d| self.date(d, "date de livraison"));
        let items = transaction
            .map(|t| children(t, "IncludedSupplyChainTradeLineItem"))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|line| child(line, &["SpecifiedTradeProduct"]).and_then(|p| child_text(p, "Name")))
            .collect();
        CiiInvoice {
            syntax: Some(syntax),
            profile: guideline.as_deref().and_then(Profile::from_guideline),
            guideline,
            number: header.and_then(|h| child_text(h, "ID")),
            type_code: header.and_then(|h| child_text(h, "TypeCode")),
            issue_date: header.and_then(|h| child(h, &["IssueDateTime"])).and_then(|d| self.date(d, "date de facture")),
            due_date,
            currency,
            net,
            vat,
            gross,
            prepaid,
            due_payable,
            seller: agreement.and_then(|a| child(a, &["SellerTradeParty"])).map(party).unwrap_or_default(),
            buyer: agreement.and_then(|a| child(a, &["BuyerTradeParty"])).map(party).unwrap_or_default(),
            iban,
            bic,
            payee_name,
            payment_terms,
            referenced_invoice,
            delivery_note,
            delivery_date,
            items,
            problems: std::mem::take(&mut self.problems),
        }
    }

    /// An amount element; when repeated with different currencies, the one in `currency`.
    fn amount(&mut self, parent: Node<'_, '_>, name: &str, currency: Option<&str>, what: &str) -> Option<Decimal> {
        let all = children(parent, name);
        let chosen = all
            .iter()
            .find(|n| currency.is_some() && n.attribute("currencyID") == currency)
            .or_else(|| all.iter().find(|n| n.attribute("currencyID").is_none()))
            .or_else(|| all.first())?;
        let text = chosen.text().map(str::trim).unwrap_or_default();
        match Decimal::from_str(text).or_else(|_| Decimal::from_scientific(text)) {
            Ok(d) if d.abs() > Decimal::from(MAX_AMOUNT) => {
                self.problems.push(format!("{what} « {text} » hors limites (plus de mille milliards)"));
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                self.problems.push(format!("{what} « {text} » illisible"));
                None
            }
        }
    }

    /// A date element: `DateTimeString` format 102 (`AAAAMMJJ`), or an ISO date.
    fn date(&mut self, node: Node<'_, '_>, what: &str) -> Option<NaiveDate> {
        let string = node.descendants().find(|n| n.is_element() && n.tag_name().name() == "DateTimeString")?;
        let text = string.text().map(str::trim).unwrap_or_default();
        let parsed = match string.attribute("format") {
            Some("610") => None,
            _ => parse_date(text),
        };
        if parsed.is_none() {
            self.problems.push(format!("{what} « {text} » illisible (attendu AAAAMMJJ)"));
        }
        parsed
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    let digits: String = text.chars().take_while(|c| *c != 'T').filter(char::is_ascii_digit).collect();
    if digits.len() == 8 { NaiveDate::parse_from_str(&digits, "%Y%m%d").ok() } else { None }
}

impl CiiParty {
    /// SIREN and SIRET from identifiers and their ISO 6523 schemes (0002: SIREN, 0009: SIRET), the
    /// first of each kept. A 9-digit 0002 is a SIREN, 14 digits under either scheme a SIRET; with
    /// `any_length`, other values of those schemes are kept too (CII's legal organization ID).
    pub(super) fn take_identifiers(&mut self, ids: Vec<(Option<&str>, String)>, any_length: bool) {
        for (scheme, id) in ids {
            let digits: String = id.chars().filter(|c| !c.is_whitespace()).collect();
            let all_digits = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
            match (scheme, digits.len()) {
                (Some("0002"), 9) if all_digits => self.siren = self.siren.take().or(Some(digits)),
                (Some("0002" | "0009"), 14) if all_digits => self.siret = self.siret.take().or(Some(digits)),
                (Some("0002"), _) if any_length => self.siren = self.siren.take().or(Some(digits)),
                (Some("0009"), _) if any_length => self.siret = self.siret.take().or(Some(digits)),
                _ => {}
            }
        }
    }
}

fn party(node: Node<'_, '_>) -> CiiParty {
    let mut p = CiiParty { name: child_text(node, "Name"), ..CiiParty::default() };
    let mut ids: Vec<(Option<&str>, String)> = Vec::new();
    if let Some(legal) = child(node, &["SpecifiedLegalOrganization"]) {
        p.trading_name = child_text(legal, "TradingBusinessName");
        if let Some(id) = child(legal, &["ID"]) {
            ids.push((id.attribute("schemeID").or(Some("0002")), own_text(id)));
        }
    }
    for global in children(node, "GlobalID") {
        ids.push((global.attribute("schemeID"), own_text(global)));
    }
    // A legal organization's ID is its registration whatever its length: kept for the user to check.
    p.take_identifiers(ids, true);
    for registration in children(node, "SpecifiedTaxRegistration") {
        if let Some(id) = child(registration, &["ID"])
            && id.attribute("schemeID").is_none_or(|s| s.eq_ignore_ascii_case("VA"))
        {
            p.vat_number = p.vat_number.or(Some(own_text(id)).filter(|s| !s.is_empty()));
        }
    }
    if let Some(address) = child(node, &["PostalTradeAddress"]) {
        let lines = ["LineOne", "LineTwo", "LineThree"].iter().filter_map(|n| child_text(address, n)).collect();
        p.address = Some(CiiAddress {
            lines,
            postcode: child_text(address, "PostcodeCode"),
            city: child_text(address, "CityName"),
            country: child_text(address, "CountryID"),
        });
    }
    if let Some(contact) = child(node, &["DefinedTradeContact"]) {
        p.contact = child_text(contact, "PersonName");
        p.phone = child(contact, &["TelephoneUniversalCommunication"]).and_then(|t| child_text(t, "CompleteNumber"));
        p.email = child(contact, &["EmailURIUniversalCommunication"]).and_then(|t| child_text(t, "URIID"));
    }
    if p.email.is_none() {
        p.email = children(node, "URIUniversalCommunication")
            .into_iter()
            .filter_map(|u| child(u, &["URIID"]))
            .find(|id| id.attribute("schemeID").is_none_or(|s| s == "EM"))
            .map(own_text)
            .filter(|s| s.contains('@'));
    }
    p
}

/// The first element child with one of these local names.
pub(super) fn child<'a, 'i>(node: Node<'a, 'i>, names: &[&str]) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.is_element() && names.contains(&c.tag_name().name()))
}

pub(super) fn children<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Vec<Node<'a, 'i>> {
    node.children().filter(|c| c.is_element() && c.tag_name().name() == name).collect()
}

pub(super) fn own_text(node: Node<'_, '_>) -> String {
    node.text().map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default()
}

/// The trimmed text of a child element, `None` when absent or blank.
pub(super) fn child_text(node: Node<'_, '_>, name: &str) -> Option<String> {
    child(node, &[name]).map(own_text).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\" \
        xmlns:ram=\"x\" xmlns:udt=\"y\"><rsm:ExchangedDocument><ram:ID>F1</ram:ID><ram:TypeCode>381</ram:TypeCode>\
        <ram:IssueDateTime><udt:DateTimeString format=\"102\">20261345</udt:DateTimeString></ram:IssueDateTime>\
        </rsm:ExchangedDocument><rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeSettlement>\
        <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode><ram:SpecifiedTradeSettlementHeaderMonetarySummation>\
        <ram:TaxTotalAmount currencyID=\"USD\">9.00</ram:TaxTotalAmount><ram:TaxTotalAmount currencyID=\"EUR\">8.00</ram:TaxTotalAmount>\
        <ram:GrandTotalAmount>1e40</ram:GrandTotalAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>\
        </ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>";

    #[test]
    fn odd_values_are_problems_and_the_invoice_currency_wins() {
        let inv = parse(MINIMAL.as_bytes()).expect("cii");
        assert!(inv.is_credit_note());
        assert_eq!(inv.number.as_deref(), Some("F1"));
        assert_eq!(inv.vat, Some(Decimal::new(800, 2)), "the EUR amount of the two");
        assert_eq!((inv.issue_date, inv.gross), (None, None));
        assert_eq!(inv.problems.len(), 2, "{:?}", inv.problems);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(MINIMAL.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(parse(&utf16).map(|i| i.number), Ok(Some("F1".into())));
        assert!(matches!(parse(b"<Invoice/>"), Err(CiiError::NotCii(_))));
        assert!(matches!(parse(b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>"), Err(CiiError::Xml(_))));
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_are_read_or_refused_never_a_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200), cut in 0usize..2000) {
            let _ = parse(&bytes);
            let _ = parse(&MINIMAL.as_bytes()[..cut.min(MINIMAL.len())]);
        }
    }
}
