//! A UBL 2.1 invoice or credit note (Peppol BIS Billing 3, one of the two syntaxes of EN 16931
//! and of the French e-invoicing reform) read into the same plain values as a CII invoice.
//! Elements are matched by local name; a value that cannot be read is recorded in `problems`.

use std::str::FromStr;

use chrono::NaiveDate;
use roxmltree::{Document, Node, ParsingOptions};
use rust_decimal::Decimal;

use super::cii::{
    CiiAddress, CiiError, CiiInvoice, CiiParty, MAX_AMOUNT, MAX_NODES, Profile, Syntax, child, child_text, children,
    decode, own_text,
};

/// Whether the XML's root looks like a UBL invoice or credit note (without reading the rest).
pub fn looks_like_ubl(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    head.contains("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2")
        || head.contains("urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2")
}

/// Reads a UBL `Invoice` or `CreditNote`.
pub fn parse(bytes: &[u8]) -> Result<CiiInvoice, CiiError> {
    let text = decode(bytes)?;
    let options = ParsingOptions { allow_dtd: false, nodes_limit: MAX_NODES, ..ParsingOptions::default() };
    let doc = Document::parse_with_options(&text, options).map_err(|e| CiiError::Xml(e.to_string()))?;
    let root = doc.root_element();
    let credit = match root.tag_name().name() {
        "Invoice" => false,
        "CreditNote" => true,
        other => return Err(CiiError::NotCii(other.to_string())),
    };
    let mut problems = Vec::new();
    let currency = child_text(root, "DocumentCurrencyCode");
    let totals = child(root, &["LegalMonetaryTotal"]);
    let mut amount = |parent: Option<Node<'_, '_>>, name: &str, what: &str| {
        parent.and_then(|p| read_amount(p, name, currency.as_deref(), what, &mut problems))
    };
    let net = amount(totals, "TaxExclusiveAmount", "total HT");
    let gross = amount(totals, "TaxInclusiveAmount", "total TTC");
    let prepaid = amount(totals, "PrepaidAmount", "montant déjà payé");
    let due_payable = amount(totals, "PayableAmount", "montant à payer");
    // The VAT total in the document currency (a second TaxTotal may give it in the accounting one).
    let vat = children(root, "TaxTotal")
        .into_iter()
        .find(|t| child(*t, &["TaxAmount"]).and_then(|a| a.attribute("currencyID")) == currency.as_deref())
        .or_else(|| child(root, &["TaxTotal"]))
        .and_then(|t| amount(Some(t), "TaxAmount", "total TVA"));
    let mut date = |node: Option<Node<'_, '_>>, name: &str, what: &str| {
        let text = node.and_then(|n| child_text(n, name))?;
        let parsed = NaiveDate::parse_from_str(text.get(..10).unwrap_or(&text), "%Y-%m-%d").ok();
        if parsed.is_none() {
            problems.push(format!("{what} « {text} » illisible (attendu AAAA-MM-JJ)"));
        }
        parsed
    };
    let issue_date = date(Some(root), "IssueDate", "date de facture");
    let terms = child(root, &["PaymentTerms"]);
    // UBL Invoice: cbc:DueDate; CreditNote: cac:PaymentMeans/cbc:PaymentDueDate.
    let means = children(root, "PaymentMeans");
    let due_date = date(Some(root), "DueDate", "date d'échéance")
        .or_else(|| means.iter().find_map(|m| date(Some(*m), "PaymentDueDate", "date d'échéance")));
    let delivery_date = date(child(root, &["Delivery"]), "ActualDeliveryDate", "date de livraison");
    let account = means.iter().find_map(|m| child(*m, &["PayeeFinancialAccount"]));
    let customization = child_text(root, "CustomizationID");
    let items = children(root, if credit { "CreditNoteLine" } else { "InvoiceLine" })
        .into_iter()
        .filter_map(|line| child(line, &["Item"]).and_then(|i| child_text(i, "Name")))
        .collect();
    Ok(CiiInvoice {
        syntax: Some(Syntax::Ubl),
        profile: Some(customization.as_deref().and_then(Profile::from_guideline).unwrap_or(Profile::En16931)),
        guideline: customization,
        number: child_text(root, "ID"),
        type_code: child_text(root, if credit { "CreditNoteTypeCode" } else { "InvoiceTypeCode" })
            .or_else(|| credit.then(|| "381".to_string())),
        issue_date,
        due_date,
        currency,
        net,
        vat,
        gross,
        prepaid,
        due_payable,
        seller: party(child(root, &["AccountingSupplierParty"])),
        buyer: party(child(root, &["AccountingCustomerParty"])),
        iban: account.and_then(|a| child_text(a, "ID")),
        bic: account.and_then(|a| child(a, &["FinancialInstitutionBranch"])).and_then(|b| child_text(b, "ID")),
        payee_name: child(root, &["PayeeParty"])
            .and_then(|p| child(p, &["PartyName"]).or_else(|| child(p, &["PartyLegalEntity"])))
            .and_then(|n| child_text(n, "Name").or_else(|| child_text(n, "RegistrationName"))),
        payment_terms: terms.and_then(|t| child_text(t, "Note")),
        referenced_invoice: child(root, &["BillingReference"])
            .and_then(|b| child(b, &["InvoiceDocumentReference"]))
            .and_then(|r| child_text(r, "ID")),
        delivery_note: child(root, &["DespatchDocumentReference"]).and_then(|d| child_text(d, "ID")),
        delivery_date,
        items,
        problems,
    })
}

fn read_amount(
    parent: Node<'_, '_>,
    name: &str,
    currency: Option<&str>,
    what: &str,
    problems: &mut Vec<String>,
) -> Option<Decimal> {
    let all = children(parent, name);
    let chosen =
        all.iter().find(|n| currency.is_some() && n.attribute("currencyID") == currency).or_else(|| all.first())?;
    let text = chosen.text().map(str::trim).unwrap_or_default();
    match Decimal::from_str(text) {
        Ok(d) if d.abs() > Decimal::from(MAX_AMOUNT) => {
            problems.push(format!("{what} « {text} » hors limites (plus de mille milliards)"));
            None
        }
        Ok(d) => Some(d),
        Err(_) => {
            problems.push(format!("{what} « {text} » illisible"));
            None
        }
    }
}

/// `AccountingSupplierParty` / `AccountingCustomerParty`: legal name, SIREN (scheme 0002) or
/// SIRET (0009), VAT number, address, contact.
fn party(wrapper: Option<Node<'_, '_>>) -> CiiParty {
    let Some(node) = wrapper.and_then(|w| child(w, &["Party"])) else {
        return CiiParty::default();
    };
    let legal = child(node, &["PartyLegalEntity"]);
    let mut p = CiiParty {
        name: legal.and_then(|l| child_text(l, "RegistrationName")),
        trading_name: child(node, &["PartyName"]).and_then(|n| child_text(n, "Name")),
        ..CiiParty::default()
    };
    if p.name.is_none() {
        p.name = p.trading_name.take();
    }
    let mut ids: Vec<(Option<&str>, String)> = Vec::new();
    if let Some(id) = legal.and_then(|l| child(l, &["CompanyID"])) {
        ids.push((id.attribute("schemeID").or(Some("0002")), own_text(id)));
    }
    for identification in children(node, "PartyIdentification") {
        if let Some(id) = child(identification, &["ID"]) {
            ids.push((id.attribute("schemeID"), own_text(id)));
        }
    }
    if let Some(endpoint) = child(node, &["EndpointID"]) {
        ids.push((endpoint.attribute("schemeID"), own_text(endpoint)));
    }
    p.take_identifiers(ids, false);
    for scheme in children(node, "PartyTaxScheme") {
        let is_vat = child(scheme, &["TaxScheme"]).and_then(|t| child_text(t, "ID")).is_none_or(|id| id == "VAT");
        if is_vat {
            p.vat_number = p.vat_number.or(child_text(scheme, "CompanyID"));
        }
    }
    if let Some(address) = child(node, &["PostalAddress"]) {
        let mut lines: Vec<String> =
            ["StreetName", "AdditionalStreetName"].iter().filter_map(|n| child_text(address, n)).collect();
        if let Some(line) = child(address, &["AddressLine"]).and_then(|l| child_text(l, "Line")) {
            lines.push(line);
        }
        p.address = Some(CiiAddress {
            lines,
            postcode: child_text(address, "PostalZone"),
            city: child_text(address, "CityName"),
            country: child(address, &["Country"]).and_then(|c| child_text(c, "IdentificationCode")),
        });
    }
    if let Some(contact) = child(node, &["Contact"]) {
        p.contact = child_text(contact, "Name");
        p.phone = child_text(contact, "Telephone");
        p.email = child_text(contact, "ElectronicMail");
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_values_are_problems_not_panics() {
        let xml = "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" \
            xmlns:cbc=\"c\" xmlns:cac=\"a\"><cbc:ID>F1</cbc:ID><cbc:IssueDate>2026-13-01</cbc:IssueDate>\
            <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode><cac:LegalMonetaryTotal>\
            <cbc:TaxInclusiveAmount currencyID=\"EUR\">abc</cbc:TaxInclusiveAmount></cac:LegalMonetaryTotal></Invoice>";
        assert!(looks_like_ubl(xml.as_bytes()));
        let invoice = parse(xml.as_bytes()).expect("parsed");
        assert_eq!(invoice.number.as_deref(), Some("F1"));
        assert_eq!(invoice.issue_date, None);
        assert_eq!(invoice.problems.len(), 2, "{:?}", invoice.problems);
        assert!(parse(b"<Order/>").is_err());
        assert!(parse(b"\xff\xfe<").is_err());
    }
}
