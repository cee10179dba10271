//! Compiling with Typst and exporting PDFs; Typst's diagnostics become ours, located in templates.

use chrono::NaiveDate;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::Smart;
use typst::syntax::DiagSpanKind;
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::world::{RenderWorld, typst_date};
use crate::diag::{Diagnostic, Diagnostics, Pos};

/// Lays out the document. Warnings come back beside it; errors instead of it.
pub fn compile(world: &RenderWorld) -> Result<(PagedDocument, Diagnostics), Diagnostics> {
    let warned = typst::compile::<PagedDocument>(world);
    let warnings = translate(world, &warned.warnings);
    match warned.output {
        Ok(doc) => Ok((doc, warnings)),
        Err(errors) => {
            let mut all = translate(world, &errors);
            all.extend(warnings);
            Err(all)
        }
    }
}

/// How a PDF is written: archival (PDF/A-2b) or plain PDF 1.7 when it embeds supplied PDFs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfKind {
    Archival,
    Plain,
}

/// Writes a document as PDF with a fixed timestamp (the case's date) and a stable identifier,
/// so the same inputs give the same bytes.
/// `pdf_2`: some embedded PDF is version 2.0, which a PDF 1.7 file cannot contain.
pub fn export(
    doc: &PagedDocument,
    ident: &str,
    date: NaiveDate,
    kind: PdfKind,
    pdf_2: bool,
) -> Result<Vec<u8>, Diagnostics> {
    export_with(doc, ident, date, kind, pdf_2, true)
}

/// [`export`], tagged or not: slices of a long document are joined without a structure tree,
/// so they are written without one.
pub fn export_with(
    doc: &PagedDocument,
    ident: &str,
    date: NaiveDate,
    kind: PdfKind,
    pdf_2: bool,
    tagged: bool,
) -> Result<Vec<u8>, Diagnostics> {
    let standard = match (kind, pdf_2) {
        (PdfKind::Archival, _) => PdfStandard::A_2b,
        (PdfKind::Plain, false) => PdfStandard::V_1_7,
        (PdfKind::Plain, true) => PdfStandard::V_2_0,
    };
    let standards = PdfStandards::new(&[standard])
        .map_err(|e| Diagnostics::from(Diagnostic::error(format!("norme PDF : {e:?}"))))?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("recouvre {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(typst_date(date))),
        page_ranges: None,
        standards,
        tagged,
        pretty: false,
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                let mut d = Diagnostic::error(format!("export PDF : {}", e.message));
                if let Some(h) = e.hints.first() {
                    d = d.hint(h.v.to_string());
                }
                d
            })
            .collect::<Vec<_>>()
            .into()
    })
}

/// Typst diagnostics as ours: the template's file, line and column, the message and its hints.
fn translate(world: &RenderWorld, diagnostics: &[SourceDiagnostic]) -> Diagnostics {
    let mut out = Diagnostics::new();
    for d in diagnostics {
        let mut diagnostic = match d.severity {
            Severity::Error => Diagnostic::error(format!("modèle : {}", d.message)),
            Severity::Warning => Diagnostic::warning(format!("modèle : {}", d.message)),
        };
        if let Some((file, pos)) = locate(world, d) {
            diagnostic = diagnostic.in_file(file).at(pos);
        }
        let hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
        if !hints.is_empty() {
            diagnostic = diagnostic.hint(hints.join(" ; "));
        }
        out.push(diagnostic);
    }
    out
}

/// The template file and position of a diagnostic, following its trace out of Typst's own code.
fn locate(world: &RenderWorld, d: &SourceDiagnostic) -> Option<(std::path::PathBuf, Pos)> {
    let spans = std::iter::once(d.span).chain(d.trace.iter().map(|t| t.span.into()));
    for span in spans {
        let id = match span.get() {
            DiagSpanKind::Detached => continue,
            DiagSpanKind::Number { id, .. } | DiagSpanKind::Range { id, .. } => id,
        };
        let Some(range) = world.range(span) else {
            continue;
        };
        let origin = world.templates().get(id).map(|t| t.origin.clone());
        let (line, column) = match world.source(id) {
            Ok(source) => source.lines().byte_to_line_column(range.start).unwrap_or_default(),
            Err(_) => (0, 0),
        };
        let file = origin.unwrap_or_else(|| std::path::PathBuf::from(id.vpath().get_without_slash()));
        let clamp = |v: usize| u32::try_from(v + 1).unwrap_or(u32::MAX);
        return Some((file, Pos::new(clamp(line), clamp(column))));
    }
    None
}
