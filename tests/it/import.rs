//! `recouvre import`: Factur-X PDFs and aged-balance exports become case folders, which `check`
//! accepts once the user adds what the data cannot know, and `batch` builds.
//!
//! The Factur-X PDFs are made here (lopdf), one per profile and syntax; the corpus test uses the
//! official FNFE samples when ../shared/corpus is present.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{Days, NaiveDate};
use recouvre::case::raw::RawCase;
use recouvre::diag::Diagnostics;
use recouvre::import::{BalanceOptions, FacturxOptions, Report, import_balance, import_facturx};
use recouvre::pipeline::{Timings, prepare};
use rust_decimal::Decimal;

use crate::support::{engine, recouvre, root, today};

const SELLER_SIREN: &str = "732829320";
const SELLER_VAT: &str = "FR44732829320";
const BUYER_SIREN: &str = "552100554";
const BAD_SIREN: &str = "987654321";

// ---------------------------------------------------------------------------------------------
// Factur-X fixtures

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Minimum,
    BasicWl,
    Basic,
    En16931,
    Extended,
    /// ZUGFeRD 1.0: `CrossIndustryDocument`, other namespaces and element names.
    Zugferd1,
}

/// One invoice as its XML says it.
#[derive(Debug, Clone)]
struct Fx {
    syntax: Syntax,
    number: String,
    type_code: &'static str,
    date: NaiveDate,
    due: Option<NaiveDate>,
    net: &'static str,
    vat: &'static str,
    gross: &'static str,
    prepaid: Option<&'static str>,
    buyer_siren: &'static str,
    referenced: Option<String>,
    despatch: Option<&'static str>,
}

impl Fx {
    fn new(syntax: Syntax, number: &str) -> Fx {
        Fx {
            syntax,
            number: number.into(),
            type_code: "380",
            date: day(2026, 3, 2),
            due: (syntax != Syntax::Minimum).then(|| day(2026, 4, 1)),
            net: "1000.00",
            vat: "200.00",
            gross: "1200.00",
            prepaid: None,
            buyer_siren: BUYER_SIREN,
            referenced: None,
            despatch: None,
        }
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn party(tag: &str, name: &str, siren: &str, vat: Option<&str>, address: bool, zugferd1: bool) -> String {
    let legal = if zugferd1 {
        format!("<ram:GlobalID schemeID=\"0002\">{siren}</ram:GlobalID>")
    } else {
        format!(
            "<ram:SpecifiedLegalOrganization><ram:ID schemeID=\"0002\">{siren}</ram:ID></ram:SpecifiedLegalOrganization>"
        )
    };
    let legal_first = if zugferd1 { legal.clone() } else { String::new() };
    let legal_after = if zugferd1 { String::new() } else { legal };
    let address = if address {
        format!(
            "<ram:PostalTradeAddress><ram:PostcodeCode>{}</ram:PostcodeCode><ram:LineOne>{}</ram:LineOne><ram:CityName>{}</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>",
            if tag == "Seller" { "69007" } else { "38000" },
            if tag == "Seller" { "12 rue des Forges" } else { "4 avenue Jean Jaurès" },
            if tag == "Seller" { "Lyon" } else { "Grenoble" },
        )
    } else {
        "<ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>".to_string()
    };
    let vat = vat
        .map(|v| {
            format!("<ram:SpecifiedTaxRegistration><ram:ID schemeID=\"VA\">{v}</ram:ID></ram:SpecifiedTaxRegistration>")
        })
        .unwrap_or_default();
    format!(
        "<ram:{tag}TradeParty>{legal_first}<ram:Name>{name}</ram:Name>{legal_after}{address}{vat}</ram:{tag}TradeParty>"
    )
}

fn date102(d: NaiveDate) -> String {
    format!("<udt:DateTimeString format=\"102\">{}</udt:DateTimeString>", d.format("%Y%m%d"))
}

/// The CII XML of an invoice, at its profile's level of detail.
fn xml(fx: &Fx) -> String {
    let z1 = fx.syntax == Syntax::Zugferd1;
    let rich = !matches!(fx.syntax, Syntax::Minimum);
    let guideline = match fx.syntax {
        Syntax::Minimum => "urn:factur-x.eu:1p0:minimum",
        Syntax::BasicWl => "urn:factur-x.eu:1p0:basicwl",
        Syntax::Basic => "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
        Syntax::En16931 => "urn:cen.eu:en16931:2017",
        Syntax::Extended => "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended",
        Syntax::Zugferd1 => "urn:ferd:CrossIndustryDocument:invoice:1p0:comfort",
    };
    let (root, rsm, ram, udt) = if z1 {
        (
            "CrossIndustryDocument",
            "urn:ferd:CrossIndustryDocument:invoice:1p0",
            "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12",
            "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15",
        )
    } else {
        (
            "CrossIndustryInvoice",
            "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
            "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
            "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
        )
    };
    let (context, header, transaction, agreement, delivery, settlement, summation) = if z1 {
        (
            "SpecifiedExchangedDocumentContext",
            "HeaderExchangedDocument",
            "SpecifiedSupplyChainTradeTransaction",
            "ApplicableSupplyChainTradeAgreement",
            "ApplicableSupplyChainTradeDelivery",
            "ApplicableSupplyChainTradeSettlement",
            "SpecifiedTradeSettlementMonetarySummation",
        )
    } else {
        (
            "ExchangedDocumentContext",
            "ExchangedDocument",
            "SupplyChainTradeTransaction",
            "ApplicableHeaderTradeAgreement",
            "ApplicableHeaderTradeDelivery",
            "ApplicableHeaderTradeSettlement",
            "SpecifiedTradeSettlementHeaderMonetarySummation",
        )
    };
    let lines = if matches!(fx.syntax, Syntax::Basic | Syntax::En16931 | Syntax::Extended) {
        "<ram:IncludedSupplyChainTradeLineItem><ram:SpecifiedTradeProduct><ram:Name>Portail acier 3 m</ram:Name></ram:SpecifiedTradeProduct></ram:IncludedSupplyChainTradeLineItem>\
         <ram:IncludedSupplyChainTradeLineItem><ram:SpecifiedTradeProduct><ram:Name>Pose &amp; scellement</ram:Name></ram:SpecifiedTradeProduct></ram:IncludedSupplyChainTradeLineItem>"
    } else {
        ""
    };
    let seller = party("Seller", "Atelier Dupont", SELLER_SIREN, Some(SELLER_VAT), rich, z1);
    let buyer = party("Buyer", "Bâtiments Martin", fx.buyer_siren, None, rich, z1);
    let despatch = fx
        .despatch
        .map(|d| {
            format!(
                "<ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime>{}</ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent><ram:DespatchAdviceReferencedDocument><ram:IssuerAssignedID>{d}</ram:IssuerAssignedID></ram:DespatchAdviceReferencedDocument>",
                date102(fx.date - Days::new(2))
            )
        })
        .unwrap_or_default();
    let means = if rich {
        "<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>30</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>FR76 3000 6000 0112 3456 7890 189</ram:IBANID></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>"
    } else {
        ""
    };
    let terms = fx
        .due
        .map(|d| format!("<ram:SpecifiedTradePaymentTerms><ram:Description>30 jours net</ram:Description><ram:DueDateDateTime>{}</ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>", date102(d)))
        .unwrap_or_default();
    let prepaid =
        fx.prepaid.map(|p| format!("<ram:TotalPrepaidAmount>{p}</ram:TotalPrepaidAmount>")).unwrap_or_default();
    let referenced = fx
        .referenced
        .as_ref()
        .map(|r| format!("<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>{r}</ram:IssuerAssignedID></ram:InvoiceReferencedDocument>"))
        .unwrap_or_default();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <rsm:{root} xmlns:rsm=\"{rsm}\" xmlns:ram=\"{ram}\" xmlns:udt=\"{udt}\">\
         <rsm:{context}><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>{guideline}</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:{context}>\
         <rsm:{header}><ram:ID>{number}</ram:ID><ram:TypeCode>{type_code}</ram:TypeCode><ram:IssueDateTime>{date}</ram:IssueDateTime></rsm:{header}>\
         <rsm:{transaction}>{lines}\
         <ram:{agreement}>{seller}{buyer}</ram:{agreement}>\
         <ram:{delivery}>{despatch}</ram:{delivery}>\
         <ram:{settlement}><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>{means}{terms}\
         <ram:{summation}><ram:TaxBasisTotalAmount>{net}</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID=\"EUR\">{vat}</ram:TaxTotalAmount>\
         <ram:GrandTotalAmount>{gross}</ram:GrandTotalAmount>{prepaid}<ram:DuePayableAmount>{gross}</ram:DuePayableAmount></ram:{summation}>{referenced}\
         </ram:{settlement}></rsm:{transaction}></rsm:{root}>",
        number = fx.number,
        type_code = fx.type_code,
        date = date102(fx.date),
        net = fx.net,
        vat = fx.vat,
        gross = fx.gross,
    )
}

/// A one-page PDF carrying `files` as PDF/A-3 associated files (name tree and `/AF`), each
/// stream compressed and each name also given in UTF-16 (`/UF`), as Factur-X writers do.
fn facturx_pdf(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    use lopdf::{Document, Object, Stream, StringFormat, dictionary};
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let content = doc.add_object(Stream::new(dictionary! {}, b"BT /F1 12 Tf 72 700 Td (Facture) Tj ET".to_vec()));
    let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
    );
    let mut names = Vec::new();
    let mut specs = Vec::new();
    for (name, bytes) in files {
        let mut stream = Stream::new(dictionary! { "Type" => "EmbeddedFile" }, bytes.clone());
        stream.compress().expect("compress");
        let stream = doc.add_object(stream);
        let utf16: Vec<u8> = [0xFE, 0xFF].into_iter().chain(name.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        let spec = doc.add_object(dictionary! {
            "Type" => "Filespec",
            "F" => Object::string_literal(*name),
            "UF" => Object::String(utf16, StringFormat::Hexadecimal),
            "EF" => dictionary! { "F" => stream },
            "AFRelationship" => if name.ends_with(".xml") { "Data" } else { "Supplement" },
        });
        names.push(Object::string_literal(*name));
        names.push(spec.into());
        specs.push(Object::from(spec));
    }
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog", "Pages" => pages_id,
        "Names" => dictionary! { "EmbeddedFiles" => dictionary! { "Names" => names } },
        "AF" => specs,
    });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save pdf");
    bytes
}

/// A Factur-X PDF of `fx`, with its XML under `xml_name` (and a byte-order mark when asked).
fn write_fx(dir: &Path, fx: &Fx, xml_name: &str, bom: bool, extra: &[(&str, Vec<u8>)]) -> PathBuf {
    let mut xml_bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
    xml_bytes.extend(xml(fx).into_bytes());
    let mut files = vec![(xml_name, xml_bytes)];
    files.extend(extra.iter().cloned());
    let path = dir.join(format!("{}.pdf", fx.number));
    std::fs::write(&path, facturx_pdf(&files)).expect("write pdf");
    path
}

fn import_fx(files: &[PathBuf], out: &Path) -> Report {
    import_facturx(&FacturxOptions { inputs: files.to_vec(), out: out.to_path_buf(), force: false })
        .unwrap_or_else(|e| panic!("import factur-x:\n{e}"))
}

/// The written case file, read back by the loader (which is how `check` reads it).
fn read_case(case: &Path) -> RawCase {
    let loaded = recouvre::case::load(case);
    let broken: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code, Some("S001" | "S002" | "S003")))
        .map(|d| d.to_string())
        .collect();
    assert!(broken.is_empty(), "{} does not read back:\n{}", case.display(), broken.join("\n"));
    loaded.raw.expect("raw case")
}

fn amount(m: &Option<recouvre::case::values::Montant>) -> String {
    m.map(|m| format!("{:.2}", m.0)).unwrap_or_default()
}

fn date(d: &Option<recouvre::case::values::Date>) -> Option<NaiveDate> {
    d.map(|d| d.0)
}

/// Does what the user does after an import: writes `date_calcul`, the mise en demeure sent after
/// the last due date, a date on each delivery note, and settles the identifiers flagged
/// « À VÉRIFIER » (here: deletes them; they are optional).
fn complete(case: &Path) {
    let raw = read_case(case);
    let invoices = raw.factures.clone().unwrap_or_default();
    let last_due = invoices.iter().filter_map(|f| date(&f.echeance)).max().expect("a due date");
    let first_date = invoices.iter().filter_map(|f| date(&f.date)).min().expect("a date");
    let notice = last_due + Days::new(10);
    let computed = last_due + Days::new(60);
    let text = std::fs::read_to_string(case).expect("read");
    let identifier_keys = ["siren:", "siret:", "iban:", "tva_intracommunautaire:"];
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if line.contains("À VÉRIFIER") && identifier_keys.iter().any(|k| trimmed.starts_with(k)) {
            continue;
        }
        if trimmed.starts_with("# date_calcul:") {
            out.push(format!("date_calcul: {computed}"));
        } else if trimmed.starts_with("date:") && line.contains("À COMPLÉTER") {
            out.push(format!("{}date: {first_date}", &line[..line.len() - trimmed.len()]));
        } else {
            out.push(line.to_string());
        }
    }
    out.push(format!(
        "mise_en_demeure:\n  date: {notice}\n  envoi: lrar\n  numero_envoi: \"1A 000 000 0000 1\"\n  date_reception: {}",
        notice + Days::new(2)
    ));
    std::fs::write(case, out.join("\n") + "\n").expect("write");
}

fn check(case: &Path) -> Result<Diagnostics, Diagnostics> {
    prepare(engine(), case, today(), None, &mut Timings::default()).map(|p| p.warnings)
}

fn folder(report: &Report, n: usize) -> PathBuf {
    report.folders.get(n).unwrap_or_else(|| panic!("folder {n} in {report:#?}")).dir.clone()
}

// ---------------------------------------------------------------------------------------------
// Factur-X

#[test]
fn every_profile_and_syntax_gives_its_number_dates_and_amounts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        (Syntax::Minimum, "FX-MIN-1", "factur-x.xml", true),
        (Syntax::BasicWl, "FX-BWL-2", "factur-x.xml", true),
        (Syntax::Basic, "FX-BAS-3", "factur-x.xml", false),
        (Syntax::En16931, "FX-EN-4", "xrechnung.xml", false),
        (Syntax::Extended, "FX-EXT-5", "zugferd-invoice.xml", true),
        (Syntax::Zugferd1, "ZF1-6", "ZUGFeRD-invoice.xml", false),
    ];
    // Different amounts for every profile (HT, TVA, TTC), and a prepayment on two of them: a field
    // read from the wrong element or an invoice mixed up with another shows.
    let amounts = [
        ("1000.00", "200.00", "1200.00", None),
        ("1500.00", "300.00", "1800.00", Some("250.00")),
        ("2000.10", "400.02", "2400.12", None),
        ("250.00", "50.00", "300.00", None),
        ("3333.33", "666.67", "4000.00", Some("1000.50")),
        ("80.00", "16.00", "96.00", None),
    ];
    let mut files = Vec::new();
    for (i, (syntax, number, name, bom)) in cases.iter().enumerate() {
        let mut fx = Fx::new(*syntax, number);
        fx.date = day(2026, 3, 2 + i as u32);
        (fx.net, fx.vat, fx.gross, fx.prepaid) = amounts[i];
        files.push(write_fx(dir.path(), &fx, name, *bom, &[]));
    }
    let out = dir.path().join("dossiers");
    let report = import_fx(&files, &out);
    assert_eq!(report.folders.len(), 1, "one seller, one buyer: one folder\n{report:#?}");
    let case = folder(&report, 0).join("case.yaml");
    let raw = read_case(&case);
    let invoices = raw.factures.clone().expect("factures");
    assert_eq!(invoices.len(), cases.len());
    for (i, (syntax, number, _, _)) in cases.iter().enumerate() {
        let f = &invoices[i];
        assert_eq!(f.numero.as_deref(), Some(*number), "{syntax:?}");
        assert_eq!(date(&f.date), Some(day(2026, 3, 2 + i as u32)), "{syntax:?}");
        let expected_due = (*syntax != Syntax::Minimum).then(|| day(2026, 4, 1));
        assert_eq!(date(&f.echeance), expected_due, "{syntax:?}: MINIMUM has no due date");
        let (net, vat, gross, _) = amounts[i];
        assert_eq!(
            (amount(&f.montant_ht), amount(&f.montant_tva), amount(&f.montant_ttc)),
            (net.to_string(), vat.to_string(), gross.to_string()),
            "{syntax:?}"
        );
        let file = f.fichier.clone().expect("fichier");
        assert!(case.parent().expect("dir").join(&file).is_file(), "{file} copied");
    }
    let prepaid: Vec<(Option<String>, String)> =
        raw.paiements.iter().map(|p| (p.facture.clone(), amount(&p.montant))).collect();
    assert_eq!(
        prepaid,
        [(Some("FX-BWL-2".to_string()), "250.00".to_string()), (Some("FX-EXT-5".to_string()), "1000.50".to_string())],
        "each prepayment becomes a payment on its own invoice"
    );
    let creditor = raw.creancier.expect("creancier");
    assert_eq!(creditor.raison_sociale.as_deref(), Some("Atelier Dupont"));
    assert_eq!(creditor.siren.as_deref(), Some(SELLER_SIREN));
    assert_eq!(creditor.tva_intracommunautaire.as_deref(), Some(SELLER_VAT));
    assert_eq!(creditor.iban.as_deref(), Some("FR7630006000011234567890189"));
    let address = creditor.adresse.expect("address from the richer profiles");
    assert_eq!(address.ville.as_deref(), Some("Lyon"));
    let debtor = raw.debiteur.expect("debiteur");
    assert_eq!(debtor.raison_sociale.as_deref(), Some("Bâtiments Martin"));
    assert_eq!(debtor.adresse.and_then(|a| a.lignes).expect("lines"), ["4 avenue Jean Jaurès"]);
    assert_eq!(raw.lieu_signature.as_deref(), Some("Lyon"));
    let text = std::fs::read_to_string(&case).expect("read");
    assert!(text.starts_with("# yaml-language-server: $schema=../case.schema.json\n"), "{text}");
    assert!(out.join("case.schema.json").is_file());
    assert!(
        text.contains("echeance:") && text.contains("À COMPLÉTER : échéance"),
        "MINIMUM's due date left to fill:\n{text}"
    );
    assert!(text.contains("objet: Portail acier 3 m ; Pose & scellement"), "{text}");
    assert!(text.contains("# mise_en_demeure:") && text.contains("# relances:"), "steps left for the user:\n{text}");
    assert_eq!(report.folders[0].to_complete, 1, "only the MINIMUM invoice's due date");
}

#[test]
fn credit_notes_delivery_notes_prepayments_and_odd_identifiers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let delivery_note = facturx_pdf(&[]);
    let mut invoice = Fx::new(Syntax::En16931, "F-2026-0042");
    invoice.prepaid = Some("200.00");
    invoice.despatch = Some("BL-118");
    invoice.buyer_siren = BAD_SIREN;
    let mut credit = Fx::new(Syntax::En16931, "AV-2026-003");
    credit.type_code = "381";
    credit.referenced = Some("F-2026-0042".into());
    (credit.net, credit.vat, credit.gross) = ("200.00", "40.00", "240.00");
    credit.buyer_siren = BAD_SIREN;
    let mut stray = credit.clone();
    stray.number = "AV-2026-009".into();
    stray.referenced = Some("F-2025-0001".into());
    let files = vec![
        write_fx(
            dir.path(),
            &invoice,
            "factur-x.xml",
            false,
            &[("Bon_de_livraison.pdf", delivery_note), ("logo.png", b"\x89PNG\r\n\x1a\nxx".to_vec())],
        ),
        write_fx(dir.path(), &credit, "factur-x.xml", false, &[]),
        write_fx(dir.path(), &stray, "factur-x.xml", false, &[]),
    ];
    let report = import_fx(&files, &dir.path().join("out"));
    let case = folder(&report, 0).join("case.yaml");
    let raw = read_case(&case);
    let text = std::fs::read_to_string(&case).expect("read");

    let avoirs = raw.avoirs.clone();
    assert_eq!(avoirs.len(), 1, "the stray credit note is written as comments:\n{text}");
    assert_eq!(avoirs[0].numero.as_deref(), Some("AV-2026-003"));
    assert_eq!(avoirs[0].facture.as_deref(), Some("F-2026-0042"));
    assert_eq!(amount(&avoirs[0].montant_ttc), "240.00");
    assert!(text.contains("# - numero: AV-2026-009") && text.contains("F-2025-0001"), "{text}");

    let notes = &raw.bons_de_livraison;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].numero.as_deref(), Some("BL-118"));
    assert_eq!(date(&notes[0].date), Some(day(2026, 2, 28)));
    assert!(case.parent().expect("dir").join(notes[0].fichier.clone().expect("file")).is_file());
    assert_eq!(raw.factures.as_ref().expect("factures")[0].bons_de_livraison, ["BL-118"]);
    assert!(text.contains("#   - { intitule: logo.png"), "other attachments suggested:\n{text}");

    assert_eq!(raw.paiements.len(), 1);
    assert_eq!(amount(&raw.paiements[0].montant), "200.00");
    assert_eq!(raw.paiements[0].facture.as_deref(), Some("F-2026-0042"));

    let siren_line = text.lines().find(|l| l.trim_start().starts_with("siren: \"987654321\"")).expect("bad SIREN kept");
    assert!(siren_line.contains("À VÉRIFIER"), "{siren_line}");
    let warned = report.warnings.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n");
    assert!(warned.contains("987654321") && warned.contains("Luhn"), "{warned}");
    assert!(warned.contains("AV-2026-009"), "{warned}");
    let errors = check(&case).expect_err("a SIREN with a wrong key stays an error for check");
    assert!(errors.iter().any(|d| d.code == Some("R003") && d.field == "debiteur.siren"), "{errors}");
}

#[test]
fn a_completed_import_passes_check_and_a_mismatch_with_the_xml_is_r042() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = vec![
        write_fx(dir.path(), &Fx::new(Syntax::En16931, "F-2026-0100"), "factur-x.xml", false, &[]),
        write_fx(dir.path(), &Fx::new(Syntax::Basic, "F-2026-0101"), "factur-x.xml", false, &[]),
    ];
    let report = import_fx(&files, &dir.path().join("out"));
    let case = folder(&report, 0).join("case.yaml");
    complete(&case);
    let warnings = check(&case).unwrap_or_else(|e| panic!("check refuses the completed import:\n{e}"));
    assert!(!warnings.iter().any(|d| d.code == Some("R042")), "{warnings}");

    let text = std::fs::read_to_string(&case).expect("read");
    let changed = text
        .replacen("montant_ttc: \"1200.00\"", "montant_ttc: \"1300.00\"", 1)
        .replacen("montant_tva: \"200.00\"", "montant_tva: \"300.00\"", 1)
        .replacen("echeance: 2026-04-01", "echeance: 2026-04-02", 1)
        .replace("numero: F-2026-0101", "numero: F-2026-0199");
    std::fs::write(&case, changed).expect("write");
    let errors = check(&case).expect_err("R042");
    let r042: Vec<String> = errors.iter().filter(|d| d.code == Some("R042")).map(|d| d.to_string()).collect();
    let all = r042.join("\n");
    assert_eq!(r042.len(), 4, "{errors}");
    assert!(
        all.contains("factures[1].montant_ttc") && all.contains("1 300,00 € dans le YAML, 1 200,00 € dans le XML"),
        "{all}"
    );
    assert!(
        all.contains("factures[1].echeance") && all.contains("2 avril 2026 dans le YAML, 1er avril 2026 dans le XML"),
        "{all}"
    );
    assert!(
        all.contains("factures[2].numero") && all.contains("« F-2026-0199 » dans le YAML, « F-2026-0101 » dans le XML"),
        "{all}"
    );
    assert!(all.contains("pieces/F-2026-0100.pdf"), "names the file: {all}");
    assert!(r042.iter().all(|d| d.contains("case.yaml:")), "located: {all}");

    let out = recouvre().arg("check").arg(&case).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("R042"));
}

#[test]
fn never_writes_over_a_case_folder_unless_forced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = write_fx(dir.path(), &Fx::new(Syntax::En16931, "F-1"), "factur-x.xml", false, &[]);
    let out = dir.path().join("out");
    let run = |force: bool| {
        let mut cmd = recouvre();
        cmd.args(["import", "factur-x"]).arg(&pdf).arg("-o").arg(&out);
        if force {
            cmd.arg("--force");
        }
        cmd.output().expect("run")
    };
    let first = run(false);
    assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(stdout.contains("1 dossier de cas écrit") && stdout.contains("batiments-martin/case.yaml"), "{stdout}");
    assert!(stdout.contains("1 200,00 €"), "total per debtor: {stdout}");
    let case = out.join("batiments-martin/case.yaml");
    let edited = std::fs::read_to_string(&case).expect("read") + "# relances faites à la main\n";
    std::fs::write(&case, &edited).expect("write");

    let again = run(false);
    assert_eq!(again.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("batiments-martin") && stderr.contains("existe déjà") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&case).expect("read"), edited, "nothing written");

    let forced = run(true);
    assert_eq!(forced.status.code(), Some(0), "{}", String::from_utf8_lossy(&forced.stderr));
    assert!(!std::fs::read_to_string(&case).expect("read").contains("à la main"), "replaced");
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder left: {leftovers:?}");

    std::fs::remove_dir_all(out.join("batiments-martin")).expect("rm");
    std::fs::create_dir_all(out.join("batiments-martin")).expect("mkdir");
    std::fs::write(out.join("batiments-martin/notes.txt"), "à moi").expect("write");
    let foreign = run(true);
    assert_eq!(foreign.status.code(), Some(1), "a folder that is not a case folder is never replaced");
    assert!(out.join("batiments-martin/notes.txt").is_file());
}

#[test]
fn pdfs_without_an_invoice_and_broken_files_are_reported_not_fatal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = write_fx(dir.path(), &Fx::new(Syntax::Basic, "F-9"), "factur-x.xml", false, &[]);
    let plain = dir.path().join("plain.pdf");
    std::fs::write(&plain, facturx_pdf(&[])).expect("write");
    let garbage = dir.path().join("garbage.pdf");
    std::fs::write(&garbage, b"%PDF-1.7\n1 0 obj << /Type /Catalog").expect("write");
    let bad_xml = dir.path().join("bad-xml.pdf");
    std::fs::write(&bad_xml, facturx_pdf(&[("factur-x.xml", b"<rsm:CrossIndustryInvoice><oops".to_vec())]))
        .expect("write");
    let report = import_fx(&[good, plain.clone(), garbage.clone(), bad_xml.clone()], &dir.path().join("out"));
    assert_eq!(report.folders.len(), 1);
    let warned: Vec<String> = report.warnings.iter().map(|d| d.to_string()).collect();
    for file in [&plain, &garbage, &bad_xml] {
        assert!(
            warned.iter().any(|w| w.contains(&file.display().to_string()) && w.contains("fichier ignoré")),
            "{file:?}: {warned:#?}"
        );
    }
    let none =
        recouvre().args(["import", "factur-x"]).arg(&plain).arg("-o").arg(dir.path().join("o2")).output().expect("run");
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("aucune facture électronique lue"));
    let missing =
        recouvre().args(["import", "factur-x", "absent.pdf", "-o"]).arg(dir.path().join("o3")).output().expect("run");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("absent.pdf"));
}

// ---------------------------------------------------------------------------------------------
// Aged balance

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn creditor_file() -> PathBuf {
    root().join("tests/fixtures/import/creancier.yaml")
}

fn balance(csv: &Path, out: &Path, tiers: Option<&Path>, columns: Option<&Path>) -> Report {
    import_balance(&BalanceOptions {
        csv: csv.to_path_buf(),
        out: out.to_path_buf(),
        tiers: tiers.map(Path::to_path_buf),
        columns: columns.map(Path::to_path_buf),
        creditor: Some(creditor_file()),
        vat_rate: Decimal::from(20),
        force: false,
    })
    .unwrap_or_else(|e| panic!("import balance:\n{e}"))
}

#[test]
fn a_balance_with_french_decimals_accents_and_a_bad_row_gives_one_folder_per_debtor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("balance.csv");
    let text = "Balance âgée au 30/06/2026\r\n\
                Client;N° de facture;Date;Échéance;Montant TTC;Réglé;Solde;Non échu;+ 90 j\r\n\
                Électricité Dupré;F-2026-001;15/01/2026;14/02/2026;1 234,56;234,56;1 000,00;;1 000,00\r\n\
                Électricité Dupré;F-2026-007;02/02/2026;04/03/2026;600,00;;600,00;;600,00\r\n\
                Café de l'Étoile;F-2026-003;31/02/2026;02/03/2026;100,00;;100,00;;\r\n\
                Café de l'Étoile;F-2026-004;20/01/2026;19/02/2026;2 400,00;0,00;2 400,00;;2 400,00\r\n\
                ;Total;;;4 334,56;;;;\r\n";
    std::fs::write(&csv, windows_1252(text)).expect("write");
    let options = BalanceOptions {
        csv: csv.clone(),
        out: dir.path().join("out"),
        tiers: None,
        columns: None,
        creditor: Some(creditor_file()),
        vat_rate: Decimal::from(20),
        force: false,
    };
    // The row of line 5 cannot be read: the figures no longer match the export's, nothing is written.
    let refused = import_balance(&options).expect_err("the totals differ");
    let unread: Vec<&recouvre::diag::Diagnostic> =
        refused.iter().filter(|d| d.message.starts_with("ligne ") && d.message.contains(" non importée : ")).collect();
    assert_eq!(unread.len(), 1, "{refused}");
    assert_eq!(unread[0].pos.line, 5, "the line of the bad row");
    assert!(unread[0].message.contains("31/02/2026"), "{}", unread[0]);
    let message = refused.to_string();
    assert!(
        message
            .contains("total général : importé 4 234,56 € ≠ 4 334,56 € selon l'export (ligne 7, « Total », total TTC)"),
        "{message}"
    );
    assert!(message.contains("Café de l'Étoile : importé 2 400,00 € ≠ 2 500,00 €"), "{message}");
    assert!(!options.out.exists(), "nothing written");

    std::fs::write(&csv, windows_1252(&text.replace("31/02/2026", "28/02/2026"))).expect("write");
    let report = balance(&csv, &dir.path().join("out"), None, None);
    assert_eq!(report.folders.len(), 2, "{report:#?}");
    assert!(!report.warnings.iter().any(|d| d.message.contains(" non importée : ")), "{:#?}", report.warnings);

    let first = read_case(&folder(&report, 0).join("case.yaml"));
    let debtor = first.debiteur.expect("debiteur");
    assert_eq!(debtor.raison_sociale.as_deref(), Some("Électricité Dupré"));
    let invoices = first.factures.expect("factures");
    assert_eq!(invoices.len(), 2);
    assert_eq!(amount(&invoices[0].montant_ttc), "1234.56");
    assert_eq!(
        (amount(&invoices[0].montant_ht), amount(&invoices[0].montant_tva)),
        ("1028.80".into(), "205.76".into()),
        "split at 20 %"
    );
    assert_eq!(date(&invoices[0].echeance), Some(day(2026, 2, 14)));
    assert_eq!(first.paiements.len(), 1, "réglé becomes a payment");
    assert_eq!(amount(&first.paiements[0].montant), "234.56");
    assert_eq!(first.creancier.and_then(|c| c.raison_sociale).as_deref(), Some("Atelier Dupont"), "--creancier");
    assert_eq!(report.folders[0].total_due, Decimal::new(160000, 2));
    let second = read_case(&folder(&report, 1).join("case.yaml"));
    assert_eq!(second.debiteur.and_then(|d| d.raison_sociale).as_deref(), Some("Café de l'Étoile"));
    assert_eq!(second.factures.expect("factures").len(), 2);
    assert!(report.summary().contains("Windows-1252"), "{}", report.summary());
}

#[test]
fn own_headers_through_a_columns_file_and_identities_from_a_parties_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("export.txt");
    std::fs::write(
        &csv,
        "\u{feff}Tiers\tPièce\tLe\tPayable le\tDébit\tReste\n\
         Menuiserie Légère\tFA/118\t2026-01-05\t2026-02-04\t1.500,00\t1.500,00\n\
         Garage Müller\tFA/119\t2026-01-06\t2026-02-05\t(250,00)\t(250,00)\n\
         Garage Müller\tFA/120\t2026-01-07\t2026-02-06\t980,40\t980,40\n",
    )
    .expect("write");
    let columns = dir.path().join("colonnes.yaml");
    std::fs::write(&columns, "client: Tiers\nnumero: Pièce\ndate: Le\nechéance: 4\n").expect("write");
    let refused = import_balance(&BalanceOptions {
        csv: csv.clone(),
        out: dir.path().join("out"),
        tiers: None,
        columns: Some(columns.clone()),
        creditor: Some(creditor_file()),
        vat_rate: Decimal::from(20),
        force: false,
    })
    .expect_err("unknown key");
    assert!(refused.to_string().contains("« echéance »") && refused.to_string().contains("echeance"), "{refused}");

    std::fs::write(&columns, "client: Tiers\nnumero: Pièce\ndate: Le\necheance: 4\nmontant_ttc: Débit\nsolde: Reste\n")
        .expect("write");
    let tiers = dir.path().join("tiers.csv");
    std::fs::write(
        &tiers,
        "Nom;SIREN;Adresse;CP;Ville;Forme\n\
         menuiserie legere;542051180;3 impasse des Tilleuls;38100;Grenoble;SAS\n\
         Garage Müller;562082909;9 route de Vienne;69008;Lyon;\n",
    )
    .expect("write");
    let report = balance(&csv, &dir.path().join("out"), Some(&tiers), Some(&columns));
    assert_eq!(report.folders.len(), 2);
    let case = read_case(&folder(&report, 0).join("case.yaml"));
    let debtor = case.debiteur.expect("debiteur");
    assert_eq!(debtor.siren.as_deref(), Some("542051180"), "found by name, accents and case aside");
    assert_eq!(debtor.adresse.and_then(|a| a.ville).as_deref(), Some("Grenoble"));
    let invoices = case.factures.expect("factures");
    assert_eq!((invoices[0].numero.as_deref(), amount(&invoices[0].montant_ttc)), (Some("FA/118"), "1500.00".into()));
    let garage = read_case(&folder(&report, 1).join("case.yaml"));
    assert_eq!(garage.paiements.len(), 1, "the negative row is an unallocated payment");
    assert_eq!(amount(&garage.paiements[0].montant), "250.00");
    assert_eq!(garage.paiements[0].facture, None);
}

/// `rows` open items over six debtors, Windows-1252, `;`, French decimals; two rows broken.
fn aged_balance(rows: usize) -> (String, Vec<u32>) {
    let debtors = [
        ("C001", "Bâtiments Martin"),
        ("C002", "Électricité Dupré"),
        ("C003", "Menuiserie Légère"),
        ("C004", "Café de l'Étoile"),
        ("C005", "Société Générale d'Œuvres"),
        ("C006", "Garage Müller"),
    ];
    let mut text = String::from("Code client;Client;N° facture;Date;Échéance;Montant TTC;Réglé;Solde\r\n");
    let mut bad = Vec::new();
    for i in 0..rows {
        let (code, name) = debtors[i % debtors.len()];
        let date = day(2026, 1, 5) + Days::new((i % 120) as u64);
        let due = date + Days::new(30);
        let cents = 10_000 + (i as i64 * 7_919) % 900_000;
        let gross = Decimal::new(cents, 2);
        let paid = if i % 7 == 0 { Decimal::new(cents / 4, 2) } else { Decimal::ZERO };
        let french = |d: Decimal| {
            let s = format!("{d:.2}").replace('.', ",");
            let (int, frac) = s.split_once(',').expect("two decimals");
            let mut grouped = String::new();
            for (k, c) in int.chars().enumerate() {
                if k > 0 && (int.len() - k) % 3 == 0 {
                    grouped.push(' ');
                }
                grouped.push(c);
            }
            format!("{grouped},{frac}")
        };
        let line = text.lines().count() as u32 + 1;
        let (date_text, gross_text) = match i {
            57 => ("30/02/2026".to_string(), french(gross)),
            201 => (date.format("%d/%m/%Y").to_string(), "12.34.56,7".to_string()),
            _ => (date.format("%d/%m/%Y").to_string(), french(gross)),
        };
        if i == 57 || i == 201 {
            bad.push(line);
        }
        text.push_str(&format!(
            "{code};{name};F-2026-{:04};{date_text};{};{gross_text};{};{}\r\n",
            i + 1,
            due.format("%d/%m/%Y"),
            french(paid),
            french(gross - paid)
        ));
    }
    (text, bad)
}

#[test]
fn three_hundred_rows_become_case_folders_in_one_command_that_batch_builds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (text, bad) = aged_balance(300);
    let csv = dir.path().join("balance-agee.csv");
    std::fs::write(&csv, windows_1252(&text)).expect("write");
    let tiers = dir.path().join("clients.csv");
    let parties = "Code client;Raison sociale;Forme juridique;SIREN;Adresse;Code postal;Ville;Représentant;Qualité\n\
                   C001;Bâtiments Martin;SAS;732829320;4 avenue Jean Jaurès;38000;Grenoble;Paul Martin;président\n\
                   C002;Électricité Dupré;SARL;552100554;8 rue Molière;69003;Lyon;Ana Dupré;gérante\n\
                   C003;Menuiserie Légère;SAS;542051180;3 impasse des Tilleuls;38100;Grenoble;Luc Légère;président\n\
                   C004;Café de l'Étoile;SARL;562082909;1 place Bellecour;69002;Lyon;Inès Roux;gérante\n\
                   C005;Société Générale d'Œuvres;SA;775670417;20 quai Perrache;69002;Lyon;Marc Blanc;directeur général\n\
                   C006;Garage Müller;SARL;403335904;9 route de Vienne;69008;Lyon;Karl Müller;gérant\n";
    std::fs::write(&tiers, windows_1252(parties)).expect("write");
    let out = dir.path().join("dossiers");
    let started = Instant::now();
    let import = || {
        recouvre()
            .args(["import", "balance"])
            .arg(&csv)
            .arg("-o")
            .arg(&out)
            .arg("--tiers")
            .arg(&tiers)
            .arg("--creancier")
            .arg(creditor_file())
            .output()
            .expect("run")
    };
    let run = import();
    let elapsed = started.elapsed();
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "two rows unreadable: the figures differ from the export's\n{stderr}");
    eprintln!("import de 300 lignes : {} ms", elapsed.as_millis());
    for line in &bad {
        assert!(
            stderr.contains(&format!(":{line}:1: avertissement: ligne {line} non importée")),
            "line {line}:\n{stderr}"
        );
    }
    assert_eq!(stderr.matches(" non importée : ").count(), 2, "{stderr}");
    // Both rows are Café de l'Étoile's (every sixth row): one difference, naming both rows.
    assert!(
        stderr.contains(
            "Café de l'Étoile : importé 193 247,39 € ≠ 204 878,41 € selon l'export (somme de sa colonne de reste dû)"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.matches("selon l'export").count(), 1, "{stderr}");
    for line in &bad {
        assert!(stderr.contains(&format!("ligne {line} (")), "the error names row {line}: {stderr}");
    }
    assert!(stdout.is_empty() && !out.exists(), "nothing written: {stdout}");

    // The user corrects the two rows.
    let mut fixed: Vec<String> = text.lines().map(str::to_string).collect();
    for line in &bad {
        let row = &mut fixed[*line as usize - 1];
        let mut cells: Vec<String> = row.replace("30/02/2026", "28/02/2026").split(';').map(str::to_string).collect();
        if cells[5] == "12.34.56,7" {
            cells[5] = cells[7].clone(); // nothing paid on it: TTC is its remaining due
        }
        *row = cells.join(";");
    }
    let fixed = fixed.join("\r\n") + "\r\n";
    std::fs::write(&csv, windows_1252(&fixed)).expect("write");
    let run = import();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(stdout.contains("6 dossiers de cas écrits") && stdout.contains("300 factures"), "{stdout}");

    let built = dir.path().join("sortie");
    let batch = recouvre()
        .arg("batch")
        .arg(&out)
        .arg("-o")
        .arg(&built)
        .args(["--jobs", "2", "--progression", "aucune"])
        .output()
        .expect("run");
    assert_eq!(batch.status.code(), Some(0), "{}", String::from_utf8_lossy(&batch.stderr));
    let report = recouvre::batch::Report::read(&built.join("batch-report.json")).expect("report");
    assert_eq!((report.total, report.construits, report.echecs), (6, 6, 0));
}

// ---------------------------------------------------------------------------------------------
// The official FNFE samples

#[test]
fn the_fnfe_samples_import_and_pass_check_once_completed() {
    let corpus = root().join("../shared/corpus/facturx");
    if !corpus.is_dir() {
        crate::support::skip("factures FNFE", "../shared/corpus/facturx");
        return;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("fnfe")))
        .collect();
    files.sort();
    let dir = tempfile::tempdir().expect("tempdir");
    let report = import_fx(&files, &dir.path().join("out"));
    assert_eq!(
        report.folders.len(),
        2,
        "LE FOURNISSEUR → LE CLIENT, and Au bon moulin's 2017 sample:\n{}",
        report.summary()
    );

    let le_client = report.folders.iter().find(|f| f.debtor == "LE CLIENT").expect("LE CLIENT");
    let case = le_client.dir.join("case.yaml");
    let raw = read_case(&case);
    let invoices: Vec<(String, String, String)> = raw
        .factures
        .clone()
        .expect("factures")
        .iter()
        .map(|f| (f.numero.clone().unwrap_or_default(), amount(&f.montant_ht), amount(&f.montant_ttc)))
        .collect();
    let expected = [
        ("F20220023", "100.00", "104.90"),
        ("F20260023", "100.00", "104.90"),
        ("F20260024", "100.00", "108.00"),
        ("F20260025", "100.00", "120.00"),
        ("F20260031", "100.80", "107.82"),
    ];
    let expected: Vec<(String, String, String)> =
        expected.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    assert_eq!(invoices, expected, "MINIMUM and EN 16931 copies of F20260023 make one invoice");
    assert_eq!(raw.paiements.len(), 1, "F20260025's 20.00 prepaid");
    let text = std::fs::read_to_string(&case).expect("read");
    assert!(
        text.contains("# - numero: F20260028") || text.contains("#   - numero: F20260028"),
        "credit note on an absent invoice kept as comments:\n{text}"
    );
    assert!(
        text.contains("siren: \"987654321\"") && text.contains("À VÉRIFIER"),
        "the sample's bad SIREN is kept and flagged"
    );
    assert!(!raw.bons_de_livraison.is_empty(), "the attached Bon_de_livraison.pdf");

    for line in &report.folders {
        let case = line.dir.join("case.yaml");
        complete(&case);
        if let Err(errors) = check(&case) {
            panic!(
                "{} refused once completed:\n{errors}\n{}",
                case.display(),
                std::fs::read_to_string(&case).unwrap_or_default()
            );
        }
    }
}
