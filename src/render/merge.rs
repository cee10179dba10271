//! The merged dossier built from the PDFs of its parts, already exported: every page is exported
//! by Typst once, for its part, then copied as it is into the merged file, which gets its own
//! page tree, the bookmarks of the whole compilation and fixed metadata (same inputs, same bytes).
//! The parts are read lazily (hayro-syntax): only what their pages reach is parsed and copied,
//! streams byte for byte; their structure trees are never read. (lopdf, used before, parsed every
//! object of every part and cost more CPU than Typst's export of the whole dossier.)
//!
//! Used for plain PDFs only: a merged PDF/A file is still exported whole by Typst (its metadata,
//! output intent and structure must be those of one document).

use std::ops::Deref;

use hayro_syntax::object::{Array, Dict, MaybeRef, ObjRef, Object, ObjectIdentifier};
use hayro_syntax::{Pdf, PdfVersion};
use pdf_writer::types::PageMode;
use pdf_writer::{Chunk, Date, Finish, Name, Ref, Str, TextStr};
use typst::foundations::{NativeElement, StyleChain};
use typst::introspection::{Introspector, PagedPosition};
use typst::model::HeadingElem;
use typst_layout::PagedDocument;

use super::pdf_copy::Copier;

/// A bookmark of the merged dossier: a heading of the compilation that asks to be one.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub title: String,
    pub level: usize,
    /// 0-based page of the whole compilation, and the heading's distance from the page's top.
    pub page: usize,
    pub top: f64,
}

/// The bookmarks Typst would write for the whole document, in order.
pub fn marks(doc: &PagedDocument) -> Vec<Mark> {
    let introspector = doc.introspector();
    introspector
        .query(&HeadingElem::ELEM.select())
        .iter()
        .filter_map(|elem| {
            let heading = elem.to_packed::<HeadingElem>()?;
            let styles = StyleChain::default();
            let bookmarked = heading.bookmarked.get(styles).unwrap_or_else(|| heading.outlined.get(styles));
            if !bookmarked {
                return None;
            }
            let position = introspector.position(elem.location()?).unwrap_or(PagedPosition::ORIGIN);
            let page = position.page.get() - 1;
            let height = doc.pages().get(page).map(|p| p.frame.height().to_pt()).unwrap_or(0.0);
            Some(Mark {
                title: heading.body.plain_text().to_string(),
                level: heading.resolve_level(styles).get(),
                page,
                top: height - position.point.y.to_pt(),
            })
        })
        .collect()
}

/// Document-wide entries of the merged file.
#[derive(Debug)]
pub struct MergedInfo<'a> {
    pub title: &'a str,
    pub author: &'a str,
    /// Stable identifier: the file identifier is derived from it.
    pub ident: &'a str,
}

/// Concatenates the pages of `parts` (whole PDFs, in order) into one PDF with `marks` as its outline.
pub fn merge(parts: &[&[u8]], marks: &[Mark], info: &MergedInfo) -> Result<Vec<u8>, String> {
    let mut next = Ref::new(1);
    let catalog_id = next.bump();
    let pages_id = next.bump();
    let info_id = next.bump();
    let outline_id = (!marks.is_empty()).then(|| next.bump());
    // Compact, as Typst writes its own files.
    let mut pdf = pdf_writer::Pdf::with_settings(pdf_writer::Settings { pretty: false });
    let mut kids: Vec<Ref> = Vec::new();
    let mut version = (1, 7);
    let mut first_info = None;
    for (n, bytes) in parts.iter().enumerate() {
        let part = Pdf::new(bytes.to_vec()).map_err(|e| format!("lecture d'une partie : {e:?}"))?;
        version = version.max(version_of(part.version()));
        let catalog: Dict<'_> =
            part.xref().get(part.xref().root_id()).ok_or_else(|| "partie sans catalogue".to_string())?;
        let mut copier = Copier::new(&part, &mut next);
        let mut pages = Vec::new();
        if let Some(tree) = catalog.get::<Dict<'_>>(b"Pages") {
            collect_pages(&part, &tree, &Inherited::default(), &mut pages, 0);
        }
        // Pages first, so that anything pointing at a page points at its copy.
        let ids: Vec<Ref> = pages.iter().map(|(r, ..)| copier.claim(*r)).collect();
        for ((_, page, inherited), id) in pages.iter().zip(&ids) {
            let mut dict = pdf.indirect(*id).dict();
            dict.pair(Name(b"Parent"), pages_id);
            copier.dict_entries(page, &mut dict, &[b"Parent"]);
            for (key, node) in &inherited.0 {
                if let Some(value) = node.get_raw::<Object<'_>>(key).filter(|_| !page.contains_key(key)) {
                    copier.value(&value, dict.insert(Name(key)));
                }
            }
        }
        if n == 0 {
            // The merged file reads as its first part does: language and viewer preferences.
            let mut root = pdf.catalog(catalog_id);
            root.pages(pages_id);
            for key in [b"Lang".as_slice(), b"ViewerPreferences"] {
                if let Some(value) = catalog.get_raw::<Object<'_>>(key) {
                    copier.value(&value, root.insert(Name(key)));
                }
            }
            if let Some(outline) = outline_id {
                root.outlines(outline);
                root.page_mode(PageMode::UseOutlines);
            }
            root.finish();
            first_info = Some(part.metadata().clone());
        }
        copier.copy_pending(&mut pdf);
        kids.extend(ids);
    }
    pdf.pages(pages_id).kids(kids.iter().copied()).count(i32::try_from(kids.len()).unwrap_or(i32::MAX));
    if let Some(root) = outline_id {
        outline(&mut pdf, &mut next, root, marks, &kids);
    }
    pdf.set_version(version.0, version.1);
    let part_info = first_info.unwrap_or_default();
    let mut doc_info = pdf.document_info(info_id);
    doc_info.title(TextStr(info.title));
    doc_info.author(TextStr(info.author));
    if let Some(creator) = &part_info.creator {
        doc_info.pair(Name(b"Creator"), Str(creator));
    }
    if let Some(producer) = &part_info.producer {
        doc_info.pair(Name(b"Producer"), Str(producer));
    }
    if let Some(date) = &part_info.creation_date {
        doc_info.creation_date(pdf_date(date));
    }
    if let Some(date) = &part_info.modification_date {
        doc_info.modified_date(pdf_date(date));
    }
    doc_info.finish();
    let id = crate::ground::hash::sha256_hex(info.ident.as_bytes()).into_bytes();
    pdf.set_file_id((id[..32].to_vec(), id[..32].to_vec()));
    Ok(pdf.finish())
}

/// What a page inherits from its page tree, which the merged tree no longer provides: each key
/// with the nearest node of the tree that gives it.
#[derive(Default, Clone)]
pub(super) struct Inherited<'a>(Vec<(&'static [u8], Dict<'a>)>);

impl<'a> Inherited<'a> {
    /// Each inherited key with the node that gives it.
    pub(super) fn entries(&self) -> &[(&'static [u8], Dict<'a>)] {
        &self.0
    }

    /// An inherited dictionary (the resources), read from the node that gives it.
    pub(super) fn resolve(&self, key: &[u8]) -> Option<Dict<'a>> {
        self.0.iter().find(|(k, _)| *k == key).and_then(|(_, node)| node.get::<Dict<'a>>(key))
    }
}

/// The pages under `node`, each with its dictionary and inherited attributes, in order.
pub(super) fn collect_pages<'a>(
    pdf: &'a Pdf,
    node: &Dict<'a>,
    inherited: &Inherited<'a>,
    out: &mut Vec<(ObjRef, Dict<'a>, Inherited<'a>)>,
    depth: usize,
) {
    // Bounded: a malformed tree could loop.
    if depth > 32 {
        return;
    }
    let mut here = inherited.clone();
    for key in [b"Resources".as_slice(), b"MediaBox", b"CropBox", b"Rotate"] {
        if node.contains_key(key) {
            here.0.retain(|(k, _)| *k != key);
            here.0.push((key, node.clone()));
        }
    }
    let Some(kids) = node.get::<Array<'_>>(b"Kids") else { return };
    for kid in kids.raw_iter() {
        let MaybeRef::Ref(r) = kid else { continue };
        let Some(dict) = pdf.xref().get::<Dict<'_>>(ObjectIdentifier::from(r)) else { continue };
        if dict.get::<hayro_syntax::object::Name<'_>>(b"Type").is_some_and(|t| t.deref() == b"Pages") {
            collect_pages(pdf, &dict, &here, out, depth + 1);
        } else {
            out.push((r, dict, here.clone()));
        }
    }
}

fn version_of(version: PdfVersion) -> (u8, u8) {
    match version {
        PdfVersion::Pdf10 => (1, 0),
        PdfVersion::Pdf11 => (1, 1),
        PdfVersion::Pdf12 => (1, 2),
        PdfVersion::Pdf13 => (1, 3),
        PdfVersion::Pdf14 => (1, 4),
        PdfVersion::Pdf15 => (1, 5),
        PdfVersion::Pdf16 => (1, 6),
        PdfVersion::Pdf17 => (1, 7),
        PdfVersion::Pdf20 => (2, 0),
    }
}

pub(super) fn pdf_date(d: &hayro_syntax::object::DateTime) -> Date {
    Date::new(d.year)
        .month(d.month)
        .day(d.day)
        .hour(d.hour)
        .minute(d.minute)
        .second(d.second)
        .utc_offset_hour(d.utc_offset_hour)
        .utc_offset_minute(d.utc_offset_minute)
}

/// The outline of `marks` at `root`, nested by level as Typst nests headings.
fn outline(out: &mut Chunk, next: &mut Ref, root: Ref, marks: &[Mark], pages: &[Ref]) {
    let marks: Vec<&Mark> = marks.iter().filter(|m| m.page < pages.len()).collect();
    // parent[i]: index of the enclosing mark (the last one before with a lower level).
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(marks.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, mark) in marks.iter().enumerate() {
        while stack.last().is_some_and(|&j| marks[j].level >= mark.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let ids: Vec<Ref> = marks.iter().map(|_| next.bump()).collect();
    // children[0]: the top level; children[i + 1]: the marks directly under mark i.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); marks.len() + 1];
    let mut rank = vec![0usize; marks.len()];
    for (i, p) in parent.iter().enumerate() {
        let siblings = &mut children[p.map_or(0, |p| p + 1)];
        rank[i] = siblings.len();
        siblings.push(i);
    }
    let mut descendants = vec![0i32; marks.len()];
    for i in (0..marks.len()).rev() {
        if let Some(p) = parent[i] {
            descendants[p] += 1 + descendants[i];
        }
    }
    for (i, mark) in marks.iter().enumerate() {
        let siblings = &children[parent[i].map_or(0, |p| p + 1)];
        let at = rank[i];
        let mut item = out.outline_item(ids[i]);
        item.title(TextStr(&mark.title));
        item.parent(parent[i].map(|p| ids[p]).unwrap_or(root));
        if at > 0 {
            item.prev(ids[siblings[at - 1]]);
        }
        if let Some(next) = siblings.get(at + 1) {
            item.next(ids[*next]);
        }
        let own = &children[i + 1];
        if let (Some(f), Some(l)) = (own.first(), own.last()) {
            item.first(ids[*f]);
            item.last(ids[*l]);
            item.count(descendants[i]);
        }
        item.dest().page(pages[mark.page]).xyz(0.0, mark.top as f32, None);
    }
    let top = &children[0];
    let mut dict = out.outline(root);
    if let (Some(f), Some(l)) = (top.first(), top.last()) {
        dict.first(ids[*f]);
        dict.last(ids[*l]);
    }
    dict.count(i32::try_from(marks.len()).unwrap_or(i32::MAX));
}
