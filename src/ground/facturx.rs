//! The Factur-X content of one PDF: which embedded file is the invoice XML (by its standard
//! name, else by its content), the invoice read from it, and the other attachments; or a
//! standalone invoice XML, CII or UBL.

use super::attachments::{Attachment, PdfProblem, embedded_files};
use super::cii::{self, CiiInvoice};
use super::ubl;

/// Standard names of the invoice XML, most specific first (compared ignoring case, so
/// `ZUGFeRD-invoice.xml` is `zugferd-invoice.xml`).
pub const XML_NAMES: [&str; 3] = ["factur-x.xml", "xrechnung.xml", "zugferd-invoice.xml"];

/// What a Factur-X PDF carries.
#[derive(Debug, Clone)]
pub struct FacturX {
    /// The attachment the invoice was read from.
    pub xml_name: String,
    pub invoice: CiiInvoice,
    /// Other invoice XMLs in the same PDF, not read (a PDF with a ZUGFeRD 1 and a Factur-X XML).
    pub ignored_xml: Vec<String>,
    /// Every other attachment (delivery note, image, non-invoice XML).
    pub others: Vec<Attachment>,
}

/// Why the invoice of a PDF cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacturXError {
    Pdf(PdfProblem),
    /// The PDF carries an invoice XML, but it cannot be read.
    Xml {
        name: String,
        why: String,
    },
}

impl FacturXError {
    pub fn message(&self) -> String {
        match self {
            FacturXError::Pdf(p) => p.message().to_string(),
            FacturXError::Xml { name, why } => format!("pièce jointe « {name} » : {why}"),
        }
    }
}

/// The Factur-X invoice of a PDF; `Ok(None)` for a PDF without an invoice XML.
pub fn read_pdf(bytes: Vec<u8>) -> Result<Option<FacturX>, FacturXError> {
    let files = embedded_files(bytes).map_err(FacturXError::Pdf)?;
    let rank = |a: &Attachment| {
        let name = a.name.to_ascii_lowercase();
        XML_NAMES
            .iter()
            .position(|n| *n == name)
            .or_else(|| (name.ends_with(".xml") && cii::looks_like_cii(&a.bytes)).then_some(XML_NAMES.len()))
    };
    let mut candidates: Vec<(usize, usize)> =
        files.iter().enumerate().filter_map(|(i, a)| rank(a).map(|r| (r, i))).collect();
    candidates.sort_unstable();
    let mut first_error = None;
    let mut chosen = None;
    for &(_, i) in &candidates {
        match cii::parse(&files[i].bytes) {
            Ok(invoice) => {
                chosen = Some((i, invoice));
                break;
            }
            Err(e) => {
                first_error.get_or_insert(FacturXError::Xml { name: files[i].name.clone(), why: e.message() });
            }
        }
    }
    let Some((index, invoice)) = chosen else {
        return match first_error {
            Some(e) => Err(e),
            None => Ok(None),
        };
    };
    let is_candidate = |i: usize| candidates.iter().any(|&(_, c)| c == i);
    let xml_name = files[index].name.clone();
    let mut ignored_xml = Vec::new();
    let mut others = Vec::new();
    for (i, file) in files.into_iter().enumerate() {
        if i == index {
            continue;
        }
        if is_candidate(i) {
            ignored_xml.push(file.name);
        } else {
            others.push(file);
        }
    }
    Ok(Some(FacturX { xml_name, invoice, ignored_xml, others }))
}

/// Whether the bytes are an XML document (after a byte-order mark and blanks), not a PDF.
pub fn is_xml(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf16 = text.starts_with(&[0xFF, 0xFE]) || text.starts_with(&[0xFE, 0xFF]);
    utf16 || text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// A standalone invoice XML: CII (Factur-X, ZUGFeRD, XRechnung) or UBL 2.1 (Peppol BIS Billing 3).
pub fn read_xml(bytes: Vec<u8>, name: &str) -> Result<FacturX, FacturXError> {
    let fail = |why: String| FacturXError::Xml { name: name.to_string(), why };
    let invoice = if ubl::looks_like_ubl(&bytes) {
        ubl::parse(&bytes).map_err(|e| fail(e.message()))?
    } else {
        cii::parse(&bytes).map_err(|e| match e {
            cii::CiiError::NotCii(root) => fail(format!(
                "le XML n'est ni une facture CII (Factur-X, XRechnung) ni une facture UBL (élément racine « {root} »)"
            )),
            other => fail(other.message()),
        })?
    };
    Ok(FacturX { xml_name: name.to_string(), invoice, ignored_xml: Vec::new(), others: Vec::new() })
}
