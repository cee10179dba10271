//! One PDF/A file from the slices of a long document, each exported alone: their pages are copied
//! as they are (streams byte for byte, see `pdf_copy`), in order, and each page gets a second
//! layer drawn over it, a page of another PDF turned into a form XObject — the page numbers
//! « page x / y », laid out once the number of pages is known.
//!
//! The joined file is the first slice's document: its XMP metadata (PDF/A identification, with the
//! number of pages corrected), output intent, language, document information and identifiers.

use hayro_syntax::Pdf;
use hayro_syntax::object::{Dict, MaybeRef, Object, Stream};
use pdf_writer::{Finish, Name, Ref, Str};

use super::merge::{Inherited, collect_pages};
use super::pdf_copy::Copier;

/// Name of the page-number layer in each page's resources (Typst names its own `f0`, `x1` …).
const LAYER: &[u8] = b"RecouvreFolio";

/// A joined PDF being written: slices' pages first, then the layers drawn over them.
pub struct Joiner {
    pdf: pdf_writer::Pdf,
    next: Ref,
    catalog_id: Ref,
    pages_id: Ref,
    /// Two content streams shared by every page: « q » before the page's own content, and
    /// « Q q /RecouvreFolio Do Q » after it, so the layer is drawn in the page's own space.
    before: Ref,
    after: Ref,
    kids: Vec<Ref>,
    /// The form XObject drawn over each page, written when the layers come.
    layers: Vec<Ref>,
    layers_written: usize,
    first: Option<FirstSlice>,
}

/// What the joined file takes from its first slice.
struct FirstSlice {
    xmp: Vec<u8>,
    metadata_id: Ref,
    info: hayro_syntax::metadata::Metadata,
}

impl std::fmt::Debug for Joiner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Joiner").field("pages", &self.kids.len()).finish_non_exhaustive()
    }
}

impl Default for Joiner {
    fn default() -> Self {
        Self::new()
    }
}

impl Joiner {
    pub fn new() -> Self {
        let mut next = Ref::new(1);
        let catalog_id = next.bump();
        let pages_id = next.bump();
        let (before, after) = (next.bump(), next.bump());
        let mut pdf = pdf_writer::Pdf::with_settings(pdf_writer::Settings { pretty: false });
        pdf.stream(before, b"q\n");
        pdf.stream(after, [b"\nQ q /".as_slice(), LAYER, b" Do Q\n"].concat().as_slice());
        Self {
            pdf,
            next,
            catalog_id,
            pages_id,
            before,
            after,
            kids: Vec::new(),
            layers: Vec::new(),
            layers_written: 0,
            first: None,
        }
    }

    /// Pages joined so far.
    pub fn pages(&self) -> usize {
        self.kids.len()
    }

    /// Appends the pages of one slice (a whole PDF, as Typst exported it).
    pub fn add_slice(&mut self, bytes: &[u8]) -> Result<(), String> {
        let part = Pdf::new(bytes.to_vec()).map_err(|e| format!("lecture d'une tranche : {e:?}"))?;
        let (catalog, pages) = catalog_and_pages(&part)?;
        let mut copier = Copier::new(&part, &mut self.next);
        let ids: Vec<Ref> = pages.iter().map(|(r, ..)| copier.claim(*r)).collect();
        for ((_, page, inherited), id) in pages.iter().zip(&ids) {
            let layer = copier.fresh();
            self.layers.push(layer);
            let mut dict = self.pdf.indirect(*id).dict();
            dict.pair(Name(b"Parent"), self.pages_id);
            copier.dict_entries(page, &mut dict, &[b"Parent", b"Resources", b"Contents"]);
            for (key, node) in inherited.entries() {
                if *key == b"Resources" {
                    continue;
                }
                if let Some(value) = node.get_raw::<Object<'_>>(key).filter(|_| !page.contains_key(key)) {
                    copier.value(&value, dict.insert(Name(key)));
                }
            }
            let resources = page.get::<Dict<'_>>(b"Resources").or_else(|| inherited.resolve(b"Resources"));
            let mut res = dict.insert(Name(b"Resources")).dict();
            if let Some(resources) = &resources {
                copier.dict_entries(resources, &mut res, &[b"XObject"]);
            }
            let mut xobjects = res.insert(Name(b"XObject")).dict();
            if let Some(own) = resources.as_ref().and_then(|r| r.get::<Dict<'_>>(b"XObject")) {
                copier.dict_entries(&own, &mut xobjects, &[LAYER]);
            }
            xobjects.pair(Name(LAYER), layer);
            xobjects.finish();
            res.finish();
            let mut contents = dict.insert(Name(b"Contents")).array();
            contents.item(self.before);
            match page.get_raw::<Object<'_>>(b"Contents") {
                Some(MaybeRef::Ref(r)) => copier.value(&MaybeRef::Ref(r), contents.push()),
                Some(MaybeRef::NotRef(Object::Array(streams))) => {
                    for item in streams.raw_iter() {
                        copier.value(&item, contents.push());
                    }
                }
                _ => {}
            }
            contents.item(self.after);
        }
        if self.first.is_none() {
            self.first =
                Some(first_slice(&mut self.pdf, (self.catalog_id, self.pages_id), &part, &catalog, &mut copier)?);
        }
        copier.copy_pending(&mut self.pdf);
        self.kids.extend(ids);
        Ok(())
    }

    /// Draws the pages of `bytes` (a PDF of empty pages but for their page numbers) over the
    /// joined pages, from the 0-based page `from` on.
    pub fn add_layers(&mut self, bytes: &[u8], from: usize) -> Result<(), String> {
        let part = Pdf::new(bytes.to_vec()).map_err(|e| format!("lecture des numéros de page : {e:?}"))?;
        let (_, pages) = catalog_and_pages(&part)?;
        if from != self.layers_written || from + pages.len() > self.layers.len() {
            return Err(format!("numéros de page {from} + {} hors des {} pages", pages.len(), self.layers.len()));
        }
        let mut copier = Copier::new(&part, &mut self.next);
        for (k, (_, page, inherited)) in pages.iter().enumerate() {
            let content =
                page.get::<Stream<'_>>(b"Contents").ok_or_else(|| "page de numéros sans contenu".to_string())?;
            let data = content.raw_data();
            let mut form = self.pdf.stream(self.layers[from + k], &data);
            copier.dict_entries(content.dict(), &mut form, &[b"Length"]);
            form.pair(Name(b"Type"), Name(b"XObject"));
            form.pair(Name(b"Subtype"), Name(b"Form"));
            match page.get_raw::<Object<'_>>(b"MediaBox") {
                Some(b) => copier.value(&b, form.insert(Name(b"BBox"))),
                None => return Err("page de numéros sans format".to_string()),
            }
            if let Some(resources) = page.get::<Dict<'_>>(b"Resources").or_else(|| inherited.resolve(b"Resources")) {
                let mut res = form.insert(Name(b"Resources")).dict();
                copier.dict_entries(&resources, &mut res, &[]);
            }
        }
        copier.copy_pending(&mut self.pdf);
        self.layers_written += pages.len();
        Ok(())
    }

    /// The joined file. Every page must have had its layer.
    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        if self.layers_written != self.layers.len() {
            return Err(format!(
                "{} pages sans numéro sur {}",
                self.layers.len() - self.layers_written,
                self.layers.len()
            ));
        }
        let first = self.first.take().ok_or_else(|| "aucune tranche".to_string())?;
        let count = i32::try_from(self.kids.len()).unwrap_or(i32::MAX);
        self.pdf.pages(self.pages_id).kids(self.kids.iter().copied()).count(count);
        let xmp = with_page_count(&first.xmp, self.kids.len());
        self.pdf
            .stream(first.metadata_id, &xmp)
            .pair(Name(b"Type"), Name(b"Metadata"))
            .pair(Name(b"Subtype"), Name(b"XML"));
        let info_id = self.next.bump();
        let mut info = self.pdf.document_info(info_id);
        let m = &first.info;
        for (key, value) in [
            (b"Title".as_slice(), &m.title),
            (b"Author", &m.author),
            (b"Subject", &m.subject),
            (b"Keywords", &m.keywords),
            (b"Creator", &m.creator),
            (b"Producer", &m.producer),
        ] {
            if let Some(v) = value {
                info.pair(Name(key), Str(v));
            }
        }
        if let Some(d) = &m.creation_date {
            info.creation_date(super::merge::pdf_date(d));
        }
        if let Some(d) = &m.modification_date {
            info.modified_date(super::merge::pdf_date(d));
        }
        info.finish();
        // The identifiers the XMP metadata gives, as Typst's export pairs them.
        let id = |tag: &str| xmp_value(&xmp, tag).map(|v| v.into_bytes()).unwrap_or_default();
        self.pdf.set_file_id((id("xmpMM:DocumentID"), id("xmpMM:InstanceID")));
        self.pdf.set_version(1, 7);
        Ok(self.pdf.finish())
    }
}

/// Pages in order, each with what it inherits from the page tree.
type Pages<'a> = Vec<(hayro_syntax::object::ObjRef, Dict<'a>, Inherited<'a>)>;

/// A PDF's catalog and its pages.
fn catalog_and_pages(pdf: &Pdf) -> Result<(Dict<'_>, Pages<'_>), String> {
    let catalog: Dict<'_> = pdf.xref().get(pdf.xref().root_id()).ok_or_else(|| "PDF sans catalogue".to_string())?;
    let mut pages = Vec::new();
    if let Some(tree) = catalog.get::<Dict<'_>>(b"Pages") {
        collect_pages(pdf, &tree, &Inherited::default(), &mut pages, 0);
    }
    Ok((catalog, pages))
}

/// The catalog (`ids`: its own and the page tree's), from the first slice: what makes the joined
/// file a PDF/A and says its language.
fn first_slice(
    pdf: &mut pdf_writer::Pdf,
    ids: (Ref, Ref),
    part: &Pdf,
    catalog: &Dict<'_>,
    copier: &mut Copier,
) -> Result<FirstSlice, String> {
    let xmp = catalog
        .get::<Stream<'_>>(b"Metadata")
        .and_then(|s| s.decoded().ok().map(|d| d.to_vec()))
        .ok_or_else(|| "tranche sans métadonnées XMP".to_string())?;
    let metadata_id = copier.fresh();
    let mut root = pdf.catalog(ids.0);
    root.pages(ids.1);
    root.metadata(metadata_id);
    for key in [b"OutputIntents".as_slice(), b"Lang", b"ViewerPreferences"] {
        if let Some(value) = catalog.get_raw::<Object<'_>>(key) {
            copier.value(&value, root.insert(Name(key)));
        }
    }
    root.finish();
    Ok(FirstSlice { xmp, metadata_id, info: part.metadata().clone() })
}

/// The XMP packet with its `xmpTPg:NPages` set to `pages` (the first slice counted its own).
fn with_page_count(xmp: &[u8], pages: usize) -> Vec<u8> {
    let text = String::from_utf8_lossy(xmp);
    let (open, close) = ("<xmpTPg:NPages>", "</xmpTPg:NPages>");
    match (text.find(open), text.find(close)) {
        (Some(a), Some(b)) if a < b => format!("{}{open}{pages}{}", &text[..a], &text[b..]).into_bytes(),
        _ => xmp.to_vec(),
    }
}

/// The text of the first `<tag>…</tag>` of an XMP packet.
fn xmp_value(xmp: &[u8], tag: &str) -> Option<String> {
    let text = std::str::from_utf8(xmp).ok()?;
    let start = text.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = start + text[start..].find(&format!("</{tag}>"))?;
    Some(text[start..end].to_string())
}
