//! A long merged dossier in bounded memory. In one compilation, Typst keeps every page laid out
//! (and every supplied PDF it embeds) until the end: a claim of 1 000 invoices with their PDFs at
//! a court step took 2.4 GB. Above a threshold (`is_long`), the dossier is laid out in parts:
//!
//! 1. the long décompte in slices (`long::slices`), its pages joined, their numbers not drawn yet;
//! 2. the front: cover, contents, documents, bordereau, in one compilation, where the décompte is
//!    a stand-in of as many pages carrying only its page numbers (and its marks and bookmark), and
//!    which is told the pages of the supplied pièces that follow it: the contents give their first
//!    pages, the bordereau their page counts, the footers the dossier's total;
//! 3. the décompte's stand-in pages are drawn over its slices' pages (`Joiner::add_layers`);
//! 4. the supplied pièces (they come last) in groups of about
//!    [`PIECE_PAGES`](super::long::PIECE_PAGES) pages, each group its own compilation told where it
//!    starts in the dossier and how many pages the dossier has, Typst's caches emptied after each;
//! 5. the merged file from every part's PDF (`merge`), with the bookmarks of every compilation.
//!
//! Only plain merged files (the dossier embeds a supplied PDF): a PDF/A merged file is one
//! document's export.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;
use typst::foundations::Bytes;

use super::bundle::{Bundle, DossierPages, Part, part_pages, sub_document};
use super::cache::Session;
use super::compile::export_with;
use super::data::PartData;
use super::data::statement::FoliosData;
use super::join::Joiner;
use super::long::{FOLIO_PAGES, Slicing};
use super::merge::{Mark, MergedInfo, marks, merge};
use super::output::{MERGED_NAME, Rendered, RenderedFile};
use super::{PdfKind, RenderWorld, Templates, compile, export};
use crate::case::model::Case;
use crate::diag::{Diagnostic, Diagnostics};
use crate::format::data::Day;

/// Whether a merged dossier is laid out in parts: it is plain PDF, its supplied pièces come after
/// every other part, and it holds a long décompte or more pages of supplied pièces than one group.
pub fn is_long(bundle: &Bundle, slicing: Slicing) -> bool {
    let plain = bundle.parts.iter().any(|p| p.embeds_pdf);
    let first = bundle.parts.iter().position(|p| supplied_pages(p).is_some()).unwrap_or(bundle.parts.len());
    let last = bundle.parts[first..].iter().all(|p| supplied_pages(p).is_some());
    let piece_pages: usize = bundle.parts.iter().filter_map(supplied_pages).sum();
    plain && last && (piece_pages > slicing.pieces || bundle.parts.iter().any(|p| long_statement(p, slicing)))
}

/// Pages of a supplied pièce (each page of its file on one page of the dossier).
fn supplied_pages(part: &Part) -> Option<usize> {
    match &part.data {
        PartData::Piece(d) => Some(d.file.pages),
        _ => None,
    }
}

fn long_statement(part: &Part, slicing: Slicing) -> bool {
    part.output.is_some()
        && matches!(&part.data, PartData::Statement(d) if d.decompte.factures.len() > slicing.threshold)
}

/// A part's PDF and where it starts in the dossier.
struct Exported {
    start: usize,
    file: Option<RenderedFile>,
    /// The PDF of a part written in no file of its own (the cover).
    bytes: Vec<u8>,
}

/// Lays out a long merged dossier in parts (see the module) and cuts it into the dossier's PDFs.
pub fn render(templates: &Templates, case: &Case, bundle: Bundle, slicing: Slicing) -> Result<Rendered, Diagnostics> {
    let date = case.computed_on;
    let reference = &case.reference;
    let mut warnings = Diagnostics::new();
    let mut front = bundle;
    let first_piece = front.parts.iter().position(|p| supplied_pages(p).is_some()).unwrap_or(front.parts.len());
    let pieces = front.parts.split_off(first_piece);
    let mut joiners: Vec<Option<Box<Joiner>>> = Vec::with_capacity(front.parts.len());
    for part in &front.parts {
        joiners.push(if long_statement(part, slicing) {
            let ident = format!("{reference}/{}", part.output.as_deref().unwrap_or_default());
            let (joiner, found) = super::long::slices(templates, &front, part, date, &ident, slicing)?;
            warnings.extend(found);
            Some(Box::new(joiner))
        } else {
            None
        });
    }
    // Each pièce: the pages of the pièces before it, and its own.
    let mut apart: HashMap<String, (usize, usize)> = HashMap::new();
    let mut after = 0;
    for part in &pieces {
        let pages = supplied_pages(part).unwrap_or_default();
        apart.insert(part.key.clone(), (after, pages));
        after += pages;
    }
    for (part, joiner) in front.parts.iter_mut().zip(&joiners) {
        match (&mut part.data, joiner) {
            (PartData::Cover(d), _) => {
                for entry in &mut d.sommaire {
                    entry.decalage = apart.get(&entry.key).map(|(before, _)| *before);
                }
            }
            (PartData::ExhibitList(d), _) => {
                for row in &mut d.pieces {
                    row.pages = apart.get(&row.key).map(|(_, pages)| *pages);
                }
            }
            (PartData::Statement(d), Some(joiner)) => {
                part.data = PartData::Folios(Box::new(FoliosData {
                    key: part.key.clone(),
                    titre: d.base.titre.clone(),
                    reference: d.base.reference.clone(),
                    debut: 1,
                    pages: joiner.pages(),
                    total: joiner.pages(),
                    in_dossier: true,
                }));
            }
            _ => {}
        }
    }
    front.dossier = Some(DossierPages { a_part: Some(after), ..DossierPages::default() });
    let files: HashMap<String, Bytes> = front.files.iter().cloned().collect();
    let session = Session::start();
    let mut world = RenderWorld::new(templates, front.data_json(), date);
    front.fill(&mut world);
    let (doc, found) = compile(&world)?;
    warnings.extend(found);
    let ranges: HashMap<String, Range<usize>> = part_pages(&doc).into_iter().collect();
    let front_pages = doc.pages().len();
    let total = front_pages + after;
    let mut exported: Vec<Exported> = Vec::new();
    for (part, joiner) in front.parts.iter().zip(joiners) {
        let range = ranges.get(&part.key).cloned().ok_or_else(|| part.unmarked())?;
        let name = part.output.as_deref().unwrap_or(part.key.as_str());
        let ident = format!("{reference}/{name}");
        let bytes = match joiner {
            None => export(
                &sub_document(&doc, range.clone(), &part.title),
                &ident,
                date,
                part.pdf_kind(),
                front.needs_pdf_2,
            )?,
            Some(mut joiner) => {
                same_pages(part, &range, joiner.pages())?;
                // The stand-in's pages carry the décompte's page numbers and the dossier's: drawn
                // over its slices' pages.
                let mut from = 0;
                while from < range.len() {
                    let pages = range.start + from..(range.start + from + FOLIO_PAGES).min(range.end);
                    let sub = sub_document(&doc, pages.clone(), &part.title);
                    let layers = export_with(&sub, &ident, date, PdfKind::Archival, false, false)?;
                    joiner.add_layers(&layers, from).map_err(|e| failed(part, e))?;
                    from += pages.len();
                }
                (*joiner).finish().map_err(|e| failed(part, e))?
            }
        };
        exported.push(output(part, range, bytes));
    }
    let mut marks = marks(&doc);
    drop(doc);
    drop(world);
    session.end_evicting();
    // Supplied pièces, by groups of consecutive pages: each group's first page and pièces.
    let mut groups: Vec<(usize, Vec<Part>)> = Vec::new();
    let (mut start, mut last_pages) = (front_pages, 0);
    for part in pieces {
        let pages = supplied_pages(&part).unwrap_or_default();
        match groups.last_mut() {
            Some((_, group)) if last_pages + pages <= slicing.pieces => group.push(part),
            _ => {
                start += last_pages;
                last_pages = 0;
                groups.push((start, vec![part]));
            }
        }
        last_pages += pages;
    }
    for (start, parts) in groups {
        let numbers = numbers(date, start, total);
        let found = piece_group(templates, &front, parts, &files, numbers, (date, reference), &mut exported)?;
        marks.extend(found.0);
        warnings.extend(found.1);
    }
    exported.sort_by_key(|e| e.start);
    let ident = format!("{reference}/{MERGED_NAME}");
    let parts: Vec<&[u8]> =
        exported.iter().map(|e| e.file.as_ref().map_or(e.bytes.as_slice(), |f| f.bytes.as_slice())).collect();
    let info = MergedInfo { title: &front.title, author: &front.author, ident: &ident };
    let merged = merge(&parts, &marks, &info).map_err(|e| Diagnostic::error(format!("dossier complet : {e}")))?;
    let mut files: Vec<RenderedFile> = exported.into_iter().filter_map(|e| e.file).collect();
    files.push(RenderedFile::merged(total, date, merged));
    Ok(Rendered { files, warnings })
}

/// What a group of pièces starting on the 0-based page `start` is told.
fn numbers(date: NaiveDate, start: usize, total: usize) -> DossierPages {
    DossierPages { date: Some(Day(date)), debut: Some(start + 1), total: Some(total), a_part: None }
}

/// One group of consecutive supplied pièces, laid out in its own compilation, told where it
/// starts in the dossier: each pièce's PDF (into `exported`), the group's bookmarks and warnings.
fn piece_group(
    templates: &Templates,
    front: &Bundle,
    parts: Vec<Part>,
    files: &HashMap<String, Bytes>,
    numbers: DossierPages,
    (date, reference): (NaiveDate, &str),
    exported: &mut Vec<Exported>,
) -> Result<(Vec<Mark>, Diagnostics), Diagnostics> {
    let first = numbers.debut.unwrap_or(1) - 1;
    let mut group = Bundle {
        title: front.title.clone(),
        author: front.author.clone(),
        parts,
        files: Vec::new(),
        needs_pdf_2: front.needs_pdf_2,
        dossier: Some(numbers),
    };
    for part in &group.parts {
        if let PartData::Piece(d) = &part.data
            && let Some(bytes) = files.get(&d.file.fichier)
        {
            group.files.push((d.file.fichier.clone(), bytes.clone()));
        }
    }
    let session = Session::start();
    let mut world = RenderWorld::new(templates, group.data_json(), date);
    group.fill(&mut world);
    let (doc, warnings) = compile(&world)?;
    let ranges: HashMap<String, Range<usize>> = part_pages(&doc).into_iter().collect();
    let mut expected = 0;
    for part in &group.parts {
        let range = ranges.get(&part.key).cloned().ok_or_else(|| part.unmarked())?;
        // Each pièce must sit where the front counted it, with as many pages.
        if range.start != expected {
            return Err(
                failed(part, format!("page {} au lieu de {}", range.start + first + 1, expected + first + 1)).into()
            );
        }
        same_pages(part, &range, supplied_pages(part).unwrap_or_default())?;
        expected = range.end;
        let name = part.output.as_deref().unwrap_or(part.key.as_str());
        let sub = sub_document(&doc, range.clone(), &part.title);
        let bytes = export(&sub, &format!("{reference}/{name}"), date, part.pdf_kind(), group.needs_pdf_2)?;
        exported.push(output(part, first + range.start..first + range.end, bytes));
    }
    let marks = marks(&doc).into_iter().map(|m| Mark { page: m.page + first, ..m }).collect();
    drop(doc);
    drop(world);
    // Nothing of this group serves the next one.
    session.end_evicting();
    Ok((marks, warnings))
}

/// A part's PDF, as a file of the dossier when it has one.
fn output(part: &Part, range: Range<usize>, bytes: Vec<u8>) -> Exported {
    if part.output.is_some() {
        Exported { start: range.start, file: part.rendered(range.len(), bytes), bytes: Vec::new() }
    } else {
        Exported { start: range.start, file: None, bytes }
    }
}

fn same_pages(part: &Part, range: &Range<usize>, expected: usize) -> Result<(), Diagnostics> {
    if range.len() == expected {
        Ok(())
    } else {
        Err(failed(part, format!("{} pages au lieu de {expected}", range.len())).into())
    }
}

fn failed(part: &Part, why: String) -> Diagnostic {
    Diagnostic::error(format!("dossier long, « {} » : {why}", part.title))
}
