//! The merged dossier built from the PDFs of its parts, already exported: every page is exported
//! by Typst once, for its part, then copied as it is into the merged file, which gets its own
//! page tree, the bookmarks of the whole compilation and fixed metadata (same inputs, same bytes).
//!
//! Used for plain PDFs only: a merged PDF/A file is still exported whole by Typst (its metadata,
//! output intent and structure must be those of one document).

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use typst::foundations::{NativeElement, StyleChain};
use typst::introspection::{Introspector, PagedPosition};
use typst::model::HeadingElem;
use typst_layout::PagedDocument;

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
    let mut out = Document::with_version("1.7");
    let pages_id = out.new_object_id();
    let mut kids: Vec<ObjectId> = Vec::new();
    let mut first: Option<(Dictionary, Dictionary)> = None;
    for bytes in parts {
        let mut doc = Document::load_mem(bytes).map_err(|e| format!("lecture d'une partie : {e}"))?;
        doc.renumber_objects_with(out.max_id + 1);
        out.max_id = out.max_id.max(doc.max_id);
        if doc.version > out.version {
            out.version = doc.version.clone();
        }
        let catalog_id = doc.trailer.get(b"Root").and_then(Object::as_reference).map_err(|e| e.to_string())?;
        if first.is_none() {
            let catalog = doc.get_dictionary(catalog_id).cloned().unwrap_or_default();
            let part_info = doc
                .trailer
                .get(b"Info")
                .and_then(Object::as_reference)
                .and_then(|id| doc.get_dictionary(id).cloned())
                .unwrap_or_default();
            first = Some((catalog, part_info));
        }
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        for id in &pages {
            let inherited = inherited(&doc, *id);
            if let Ok(page) = doc.get_dictionary_mut(*id) {
                for (key, value) in inherited {
                    page.set(key, value);
                }
            }
        }
        out.objects.extend(doc.objects.into_iter().filter(|(id, _)| *id != catalog_id));
        kids.extend(pages);
    }
    for id in &kids {
        if let Ok(page) = out.get_dictionary_mut(*id) {
            page.set("Parent", pages_id);
            // The parts' structure trees are not carried over: nothing left for these to point to.
            page.remove(b"StructParents");
        }
    }
    let count = i64::try_from(kids.len()).unwrap_or(i64::MAX);
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set("Count", count);
    tree.set("Kids", kids.iter().map(|id| Object::Reference(*id)).collect::<Vec<_>>());
    out.objects.insert(pages_id, Object::Dictionary(tree));

    let (part_catalog, part_info) = first.unwrap_or_default();
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", pages_id);
    for key in [b"Lang".as_slice(), b"ViewerPreferences"] {
        if let Ok(value) = part_catalog.get(key) {
            catalog.set(key, value.clone());
        }
    }
    if let Some(outline) = outline(&mut out, marks, &kids) {
        catalog.set("Outlines", outline);
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    let catalog_id = out.add_object(catalog);

    let mut doc_info = Dictionary::new();
    doc_info.set("Title", lopdf::text_string(info.title));
    doc_info.set("Author", lopdf::text_string(info.author));
    for key in [b"Creator".as_slice(), b"Producer", b"CreationDate", b"ModDate"] {
        if let Ok(value) = part_info.get(key) {
            doc_info.set(key, value.clone());
        }
    }
    let info_id = out.add_object(doc_info);
    out.trailer = Dictionary::new();
    out.trailer.set("Root", catalog_id);
    out.trailer.set("Info", info_id);
    let id = crate::ground::hash::sha256_hex(info.ident.as_bytes()).into_bytes();
    let id = Object::String(id[..32].to_vec(), StringFormat::Literal);
    out.trailer.set("ID", vec![id.clone(), id]);
    out.prune_objects();
    out.renumber_objects();
    let mut bytes = Vec::new();
    out.save_to(&mut bytes).map_err(|e| format!("écriture du dossier complet : {e}"))?;
    Ok(bytes)
}

/// Attributes a page inherits from its page tree, which the merged tree no longer provides.
fn inherited(doc: &Document, page: ObjectId) -> Vec<(Vec<u8>, Object)> {
    let keys: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];
    let Ok(dict) = doc.get_dictionary(page) else { return Vec::new() };
    let mut found = Vec::new();
    for key in keys.iter().filter(|k| !dict.has(k)) {
        let mut parent = dict.get(b"Parent").and_then(Object::as_reference).ok();
        // Bounded: a malformed tree could loop.
        for _ in 0..32 {
            let Some(id) = parent else { break };
            let Ok(node) = doc.get_dictionary(id) else { break };
            if let Ok(value) = node.get(key) {
                found.push((key.to_vec(), value.clone()));
                break;
            }
            parent = node.get(b"Parent").and_then(Object::as_reference).ok();
        }
    }
    found
}

/// The outline of `marks`, nested by level as Typst nests headings; `None` without marks.
fn outline(out: &mut Document, marks: &[Mark], pages: &[ObjectId]) -> Option<ObjectId> {
    let marks: Vec<&Mark> = marks.iter().filter(|m| m.page < pages.len()).collect();
    if marks.is_empty() {
        return None;
    }
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
    let root = out.new_object_id();
    let ids: Vec<ObjectId> = marks.iter().map(|_| out.new_object_id()).collect();
    // children[0]: the top level; children[i + 1]: the marks directly under mark i.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); marks.len() + 1];
    let mut rank = vec![0usize; marks.len()];
    for (i, p) in parent.iter().enumerate() {
        let siblings = &mut children[p.map_or(0, |p| p + 1)];
        rank[i] = siblings.len();
        siblings.push(i);
    }
    let mut descendants = vec![0i64; marks.len()];
    for i in (0..marks.len()).rev() {
        if let Some(p) = parent[i] {
            descendants[p] += 1 + descendants[i];
        }
    }
    for (i, mark) in marks.iter().enumerate() {
        let siblings = &children[parent[i].map_or(0, |p| p + 1)];
        let at = rank[i];
        let mut item = Dictionary::new();
        item.set("Title", lopdf::text_string(&mark.title));
        item.set("Parent", parent[i].map(|p| ids[p]).unwrap_or(root));
        if at > 0 {
            item.set("Prev", ids[siblings[at - 1]]);
        }
        if let Some(next) = siblings.get(at + 1) {
            item.set("Next", ids[*next]);
        }
        let own = &children[i + 1];
        if let (Some(f), Some(l)) = (own.first(), own.last()) {
            item.set("First", ids[*f]);
            item.set("Last", ids[*l]);
            item.set("Count", descendants[i]);
        }
        let dest = vec![
            Object::Reference(pages[mark.page]),
            Object::Name(b"XYZ".to_vec()),
            Object::Integer(0),
            Object::Real(mark.top as f32),
            Object::Null,
        ];
        item.set("Dest", dest);
        out.objects.insert(ids[i], Object::Dictionary(item));
    }
    let top = &children[0];
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(f), Some(l)) = (top.first(), top.last()) {
        dict.set("First", ids[*f]);
        dict.set("Last", ids[*l]);
    }
    dict.set("Count", i64::try_from(marks.len()).unwrap_or(i64::MAX));
    out.objects.insert(root, Object::Dictionary(dict));
    Some(root)
}
