//! `recouvre import factures` (old name `factur-x`) on standalone invoice XML, the formats of the
//! French e-invoicing reform: UBL 2.1 (Peppol BIS Billing 3) and CII (Factur-X without its PDF).

use std::path::Path;

use crate::support::recouvre;

const UBL_INVOICE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>UBL-2026-017</cbc:ID>
  <cbc:IssueDate>2026-09-01</cbc:IssueDate>
  <cbc:DueDate>2026-10-01</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cbc:EndpointID schemeID="0009">73282932000074</cbc:EndpointID>
    <cac:PartyName><cbc:Name>Atelier Dupont</cbc:Name></cac:PartyName>
    <cac:PostalAddress><cbc:StreetName>12 rue des Forges</cbc:StreetName><cbc:CityName>Grenoble</cbc:CityName>
      <cbc:PostalZone>38000</cbc:PostalZone><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>FR44732829320</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>Atelier Dupont SAS</cbc:RegistrationName><cbc:CompanyID schemeID="0002">732829320</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PostalAddress><cbc:StreetName>8 rue Molière</cbc:StreetName><cbc:CityName>Lyon</cbc:CityName>
      <cbc:PostalZone>69003</cbc:PostalZone><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyLegalEntity><cbc:RegistrationName>Électricité Dupré</cbc:RegistrationName><cbc:CompanyID schemeID="0002">552100554</cbc:CompanyID></cac:PartyLegalEntity>
    <cac:Contact><cbc:ElectronicMail>compta@dupre.example</cbc:ElectronicMail></cac:Contact>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>
    <cac:PayeeFinancialAccount><cbc:ID>FR7630006000011234567890189</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
  <cac:PaymentTerms><cbc:Note>Paiement à 30 jours</cbc:Note></cac:PaymentTerms>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">300.00</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">1500.00</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">1500.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">1800.00</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">1800.00</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="HUR">20</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">1500.00</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Maintenance électrique</cbc:Name></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">75.00</cbc:PriceAmount></cac:Price></cac:InvoiceLine>
</Invoice>
"#;

const CII_INVOICE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument><ram:ID>CII-2026-044</ram:ID><ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20260915</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty><ram:Name>Atelier Dupont SAS</ram:Name>
        <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">732829320</ram:ID></ram:SpecifiedLegalOrganization></ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>Électricité Dupré</ram:Name>
        <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">552100554</ram:ID></ram:SpecifiedLegalOrganization></ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">20261015</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:TaxBasisTotalAmount>250.00</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID="EUR">50.00</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>300.00</ram:GrandTotalAmount><ram:DuePayableAmount>300.00</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
"#;

fn run(command: &str, files: &[&Path], out: &Path) -> (i32, String, String) {
    let run = recouvre().args(["import", command]).args(files).arg("-o").arg(out).output().expect("run");
    (
        run.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&run.stdout).into_owned(),
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

#[test]
fn a_ubl_and_a_cii_invoice_of_the_same_pair_make_one_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ubl = dir.path().join("UBL-2026-017.xml");
    let cii = dir.path().join("CII-2026-044.xml");
    std::fs::write(&ubl, UBL_INVOICE).expect("write");
    std::fs::write(&cii, CII_INVOICE).expect("write");
    let out = dir.path().join("dossiers");
    let (code, stdout, stderr) = run("factures", &[&ubl, &cii], &out);
    assert_eq!(code, 0, "{stderr}\n{stdout}");
    assert!(stdout.contains("1 dossier") && stdout.contains("2 factures"), "{stdout}");
    assert!(!stderr.contains("PDF illisible"), "{stderr}");
    let case_file =
        std::fs::read_dir(&out).expect("out").next().expect("a folder").expect("entry").path().join("case.yaml");
    let raw = recouvre::case::load(&case_file).raw.expect("raw case");
    let debtor = raw.debiteur.expect("debiteur");
    assert_eq!(debtor.raison_sociale.as_deref(), Some("Électricité Dupré"));
    assert_eq!(debtor.siren.as_deref(), Some("552100554"));
    assert_eq!(debtor.adresse.and_then(|a| a.ville).as_deref(), Some("Lyon"), "the UBL address");
    let creditor = raw.creancier.expect("creancier");
    assert_eq!(creditor.siren.as_deref(), Some("732829320"));
    let invoices = raw.factures.expect("factures");
    let numbers: Vec<(String, String, String)> = invoices
        .iter()
        .map(|f| {
            (
                f.numero.clone().unwrap_or_default(),
                f.montant_ttc.map(|m| format!("{:.2}", m.0)).unwrap_or_default(),
                f.echeance.map(|d| d.0.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert!(numbers.contains(&("UBL-2026-017".into(), "1800.00".into(), "2026-10-01".into())), "{numbers:?}");
    assert!(numbers.contains(&("CII-2026-044".into(), "300.00".into(), "2026-10-15".into())), "{numbers:?}");
    let text = std::fs::read_to_string(&case_file).expect("case");
    assert!(text.contains("facture reçue en XML seul (UBL-2026-017.xml)"), "asks for the PDF: {text}");
}

#[test]
fn the_old_name_still_works_and_a_non_invoice_xml_is_named_as_such() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cii = dir.path().join("facture.xml");
    std::fs::write(&cii, CII_INVOICE).expect("write");
    let other = dir.path().join("commande.xml");
    std::fs::write(&other, "<?xml version=\"1.0\"?><Order><ID>1</ID></Order>").expect("write");
    let (code, stdout, stderr) = run("factur-x", &[&cii, &other], &dir.path().join("dossiers"));
    assert_eq!(code, 0, "{stderr}\n{stdout}");
    assert!(stdout.contains("1 facture,"), "{stdout}");
    assert!(stderr.contains("ni une facture CII (Factur-X, XRechnung) ni une facture UBL"), "{stderr}");
}
