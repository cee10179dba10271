//! A long décompte in bounded memory. Typst keeps everything laid out in one compilation (every
//! memoized layout until its caches are evicted, every iteration's document until the layout
//! converges): ≈ 0.7 MB per invoice, 7 GB for a claim of 10 000 invoices. Above a threshold, the
//! décompte is laid out in slices of a few hundred elements, each its own compilation, Typst's
//! caches evicted after each (never while another compilation runs, see `cache`); each slice ends
//! on the last page that holds whole elements, the next one starts with what was cut; the slices'
//! PDFs are joined page for page and the page numbers « page x / y », known only at the end, are
//! laid out apart and drawn over the pages (`join`). The slices use a lighter layout of the same
//! words and figures (lines and fixed columns rather than tables sized cell by cell): about a
//! third less layout time per invoice.

use std::ops::Range;

use chrono::NaiveDate;
use typst::foundations::{Label, Selector, Value as TypstValue};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use super::bundle::{Bundle, Part, part_pages, sub_document};
use super::cache::Session;
use super::compile::export_with;
use super::data::PartData;
use super::data::statement::{FoliosData, SliceData, StatementSliceData};
use super::join::Joiner;
use super::{PdfKind, RenderWorld, Templates, compile};
use crate::claim::view::InvoiceView;
use crate::diag::{Diagnostic, Diagnostics};

/// Invoices above which a décompte is laid out in slices. Below, one compilation stays under
/// ≈ 300 MB and the décompte keeps its layout and its tagged structure (and every sample its
/// bytes); the slices' joined file carries no structure tree, keeps an invoice that fits on a
/// page whole and takes the lighter layout.
pub const LONG_STATEMENT: usize = 200;
/// Invoices laid out in one slice: ≈ 0.7 MB each while it is laid out. Each slice has a fixed
/// cost (templates evaluated again, its last page laid out twice): 250 rather than 120 costs
/// ≈ 14 % less CPU for 40–60 MB more (10 000 invoices: 360 MB; README, Performance).
pub const SLICE_INVOICES: usize = 250;
/// A summary row costs about a fifth of an invoice's block (1 000 rows: ≈ 130 MB).
const ROWS_PER_INVOICE: usize = 5;
/// Pages of page numbers laid out in one compilation.
pub(super) const FOLIO_PAGES: usize = 500;
/// Pages of supplied pièces laid out in one compilation of a long merged dossier: each page holds
/// a supplied PDF's page until the compilation ends (measured: README, Performance).
pub const PIECE_PAGES: usize = 200;

/// When and how finely a long décompte is sliced (tests lower both).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slicing {
    /// Décomptes of more invoices than this are sliced.
    pub threshold: usize,
    /// Invoices per slice (a summary row counts for a fifth).
    pub invoices: usize,
    /// Pages of supplied pièces laid out in one compilation of a long merged dossier; a merged
    /// dossier with more is laid out in parts (`dossier`).
    pub pieces: usize,
}

impl Slicing {
    pub const DEFAULT: Self = Self { threshold: LONG_STATEMENT, invoices: SLICE_INVOICES, pieces: PIECE_PAGES };
}

impl Default for Slicing {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Takes the long décomptes out of the bundle: each with the position its file takes among the
/// bundle's files.
pub fn take_long(bundle: &mut Bundle, slicing: Slicing) -> Vec<(usize, Part)> {
    let mut taken = Vec::new();
    let mut position = 0;
    let mut kept = Vec::with_capacity(bundle.parts.len());
    for part in std::mem::take(&mut bundle.parts) {
        let long = matches!(&part.data, PartData::Statement(d) if d.decompte.factures.len() > slicing.threshold);
        if long && part.output.is_some() {
            taken.push((position, part));
            position += 1;
            continue;
        }
        position += usize::from(part.output.is_some());
        kept.push(part);
    }
    bundle.parts = kept;
    taken
}

/// Lays out a long décompte slice by slice and joins the slices into its PDF/A file: its bytes
/// and its number of pages.
pub fn render_statement(
    templates: &Templates,
    bundle: &Bundle,
    part: &Part,
    date: NaiveDate,
    ident: &str,
    slicing: Slicing,
) -> Result<(Vec<u8>, usize, Diagnostics), Diagnostics> {
    let (mut joiner, warnings) = slices(templates, bundle, part, date, ident, slicing)?;
    let failed = |e: String| Diagnostics::from(Diagnostic::error(format!("décompte en tranches : {e}")));
    let total = joiner.pages();
    let reference = match &part.data {
        PartData::Statement(statement) => statement.base.reference.clone(),
        _ => String::new(),
    };
    let mut from = 0;
    while from < total {
        let pages = FOLIO_PAGES.min(total - from);
        let data = PartData::Folios(Box::new(FoliosData {
            key: part.key.clone(),
            titre: part.title.clone(),
            reference: reference.clone(),
            debut: from + 1,
            pages,
            total,
            in_dossier: false,
        }));
        let session = Session::start();
        let (doc, _) = laid_out(templates, bundle, part, data, date)?;
        if doc.pages().len() != pages {
            return Err(failed(format!("{} pages de numéros au lieu de {pages}", doc.pages().len())));
        }
        let pdf = export_with(&doc, ident, date, PdfKind::Archival, false, false);
        drop(doc);
        session.end();
        joiner.add_layers(&pdf?, from).map_err(failed)?;
        from += pages;
    }
    let bytes = joiner.finish().map_err(failed)?;
    Ok((bytes, total, warnings))
}

/// The slices of a long décompte laid out and joined, their page numbers still to be drawn
/// (`Joiner::add_layers`).
pub fn slices(
    templates: &Templates,
    bundle: &Bundle,
    part: &Part,
    date: NaiveDate,
    ident: &str,
    slicing: Slicing,
) -> Result<(Joiner, Diagnostics), Diagnostics> {
    let PartData::Statement(statement) = &part.data else {
        return Err(Diagnostic::error("décompte attendu").into());
    };
    // Invoices (laid out in full, then as the summary's rows) are handed out slice by slice; the
    // rest is copied into every slice.
    let mut common = (**statement).clone();
    let invoices = std::mem::take(&mut common.decompte.factures);
    let n = invoices.len();
    let elements = 2 * n;
    let budget = slicing.invoices.max(1) * ROWS_PER_INVOICE;
    let failed = |e: String| Diagnostics::from(Diagnostic::error(format!("décompte en tranches : {e}")));
    let mut joiner = Joiner::new();
    let mut warnings = Diagnostics::new();
    let mut start = 0;
    while start < elements {
        let end = slice_end(start, n, budget);
        let slice = SliceData {
            premier: start,
            entete: start == 0,
            recapitulatif: start <= n && end > n,
            fin: end == elements,
            page: joiner.pages() + 1,
            factures: part_of(&invoices, start.min(n)..end.min(n)),
        };
        let mut statement = common.clone();
        statement.decompte.factures = part_of(&invoices, start.max(n) - n..end.max(n) - n);
        let data = PartData::StatementSlice(Box::new(StatementSliceData { statement, tranche: slice }));
        // A compilation and its export hold a session: no eviction meanwhile (`cache`).
        let session = Session::start();
        let (doc, found) = laid_out(templates, bundle, part, data, date)?;
        warnings.extend(found);
        let (pages, next) = if end == elements { (doc.pages().len(), end) } else { cut(&doc, start..end, n) };
        let pdf = export_with(&sub_document(&doc, 0..pages, &part.title), ident, date, PdfKind::Archival, false, false);
        drop(doc);
        // Nothing of this slice serves the next one: its layouts are dropped now.
        session.end_evicting();
        joiner.add_slice(&pdf?).map_err(failed)?;
        start = next;
    }
    Ok((joiner, warnings))
}

/// Where a slice starting at element `start` ends: invoices count for [`ROWS_PER_INVOICE`] rows.
fn slice_end(start: usize, invoices: usize, budget: usize) -> usize {
    let mut end = start;
    let mut cost = 0;
    while end < 2 * invoices && cost < budget {
        cost += if end < invoices { ROWS_PER_INVOICE } else { 1 };
        end += 1;
    }
    end
}

/// The invoices of `range`: the full blocks (elements 0 to n − 1) or the summary's rows (n to
/// 2n − 1, shifted) of one slice.
fn part_of(invoices: &[InvoiceView], range: Range<usize>) -> Vec<InvoiceView> {
    invoices.get(range).unwrap_or_default().to_vec()
}

/// One compilation of one part alone, in a world with the bundle's files (the payment QR code);
/// the caller holds the session.
fn laid_out(
    templates: &Templates,
    bundle: &Bundle,
    part: &Part,
    data: PartData,
    date: NaiveDate,
) -> Result<(PagedDocument, Diagnostics), Diagnostics> {
    let alone = Bundle {
        title: bundle.title.clone(),
        author: bundle.author.clone(),
        parts: vec![Part {
            key: part.key.clone(),
            title: part.title.clone(),
            data,
            output: None,
            role: part.role.clone(),
            piece: None,
            date: None,
            embeds_pdf: false,
            sources: Vec::new(),
        }],
        files: bundle.files.clone(),
        needs_pdf_2: false,
        dossier: None,
    };
    let mut world = RenderWorld::new(templates, alone.data_json(), date);
    alone.fill(&mut world);
    let (doc, warnings) = compile(&world)?;
    if part_pages(&doc).is_empty() {
        return Err(Diagnostic::error("le modèle du décompte n'a pas marqué sa première page").into());
    }
    Ok((doc, warnings))
}

/// The pages of a slice to keep and the element the next slice starts with: the slice is cut
/// before its last page, at the last page boundary no element straddles (an element starting on
/// one page has ended on an earlier one). None: the whole slice, the next starts on a new page.
fn cut(doc: &PagedDocument, range: Range<usize>, invoices: usize) -> (usize, usize) {
    let starts = marks(doc, "tranche-debut", &range, usize::min);
    let mut ends = marks(doc, "tranche-fin", &range, usize::max);
    // A summary row has no end mark: it is one line.
    for (i, end) in ends.iter_mut().enumerate() {
        if range.start + i >= invoices {
            *end = starts[i];
        }
    }
    let whole = (doc.pages().len(), range.end);
    for j in (1..range.len()).rev() {
        if let (Some(start), Some(end)) = (starts[j], ends[j - 1])
            && start > end
        {
            return (start, range.start + j);
        }
    }
    whole
}

/// The 0-based page of each element's marks of `label` (`pick` of several), by element.
fn marks(
    doc: &PagedDocument,
    label: &str,
    range: &Range<usize>,
    pick: fn(usize, usize) -> usize,
) -> Vec<Option<usize>> {
    let mut pages = vec![None; range.len()];
    let Some(label) = Label::new(PicoStr::intern(label)) else { return pages };
    let introspector = doc.introspector();
    for content in introspector.query(&Selector::Label(label)).iter() {
        let Some(TypstValue::Int(i)) = content.to_packed::<MetadataElem>().map(|m| m.value.clone()) else {
            continue;
        };
        let Some(at) = usize::try_from(i).ok().and_then(|i| i.checked_sub(range.start)).filter(|i| *i < range.len())
        else {
            continue;
        };
        let Some(page) = content.location().and_then(|l| introspector.page(l)).map(|p| p.get() - 1) else {
            continue;
        };
        pages[at] = Some(pages[at].map_or(page, |p| pick(p, page)));
    }
    pages
}
