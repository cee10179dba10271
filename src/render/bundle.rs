//! A bundle: the parts of one compilation (documents, pièces, cover and contents) and the files
//! they embed. Everything of a dossier is laid out once; separate PDFs are cut from its pages.

use std::ops::Range;

use serde_json::{Value, json};
use typst::foundations::{Bytes, Label, Value as TypstValue};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use super::compile::PdfKind;
use super::data::PartData;
use super::output::RenderedFile;
use super::world::{RenderWorld, piece_path};
use crate::diag::{Diagnostic, Diagnostics};
use crate::ground::manifest::SourceFile;

/// One part of a compilation: a document or a pièce, starting on a new page.
#[derive(Debug, Clone)]
pub struct Part {
    /// Unique in the compilation; templates label the part's first page with it.
    pub key: String,
    pub title: String,
    /// What its template receives; names the template too.
    pub data: PartData,
    /// File written for this part alone, inside the dossier; `None` for the cover.
    pub output: Option<String>,
    pub role: String,
    pub piece: Option<usize>,
    /// Date the document bears, for the manifest.
    pub date: Option<String>,
    /// The part shows pages of a supplied PDF: it cannot be PDF/A (Typst 0.15 refuses it).
    pub embeds_pdf: bool,
    /// The input files the part shows.
    pub sources: Vec<SourceFile>,
}

impl Part {
    /// Template in `templates/`, without `.typ`.
    pub fn template(&self) -> &'static str {
        self.data.template()
    }

    /// A part showing pages of a supplied PDF is plain PDF; every other part is PDF/A.
    pub fn pdf_kind(&self) -> PdfKind {
        if self.embeds_pdf { PdfKind::Plain } else { PdfKind::Archival }
    }

    /// The part's own file of the dossier, `pages` long; `None` for the cover, which has none.
    pub fn rendered(&self, pages: usize, bytes: Vec<u8>) -> Option<RenderedFile> {
        self.output.as_ref().map(|path| RenderedFile {
            path: path.clone(),
            role: self.role.clone(),
            piece: self.piece,
            pages,
            date: self.date.clone(),
            bytes,
            sources: self.sources.clone(),
        })
    }

    /// The error when a compilation holds no mark of the part's first page.
    pub fn unmarked(&self) -> Diagnostics {
        Diagnostic::error(format!("le modèle « {} » n'a pas marqué sa première page", self.template()))
            .hint("un modèle de document doit passer par document-pages() de lib/page.typ")
            .into()
    }
}

/// The parts of a compilation and the files they embed.
#[derive(Debug, Clone, Default)]
pub struct Bundle {
    pub title: String,
    pub author: String,
    pub parts: Vec<Part>,
    /// Virtual path → bytes, for `image()` in templates.
    pub files: Vec<(String, Bytes)>,
    /// Some embedded PDF is version 2.0: export as PDF 2.0.
    pub needs_pdf_2: bool,
    /// A part of a long dossier laid out apart (`dossier`): where it sits in the dossier.
    pub dossier: Option<DossierPages>,
}

/// Where the parts of a long dossier laid out apart sit in it, for its page numbers
/// (`lib/page.typ`): the front is told the pages of the pièces after it (`a_part`), a group of
/// pièces the dossier's date, its first page and the dossier's pages.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct DossierPages {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<crate::format::data::Day>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub debut: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub a_part: Option<usize>,
}

impl Bundle {
    /// Registers a supplied file and returns the path templates read it from.
    pub fn add_file(&mut self, extension: &str, bytes: Bytes) -> String {
        let path = piece_path(self.files.len() + 1, extension);
        self.files.push((path.clone(), bytes));
        path
    }

    /// The JSON read by `templates/main.typ` at `/data.json`: amounts and days in their written
    /// form (`format::data::written`), so templates print them as they come.
    pub fn data_json(&self) -> Vec<u8> {
        let parts: Vec<Value> = self
            .parts
            .iter()
            .map(|p| json!({ "template": p.template(), "data": curly_apostrophes(p.data.to_template_value()) }))
            .collect();
        let mut data = json!({ "title": self.title, "author": self.author, "parts": parts });
        if let Some(dossier) = &self.dossier {
            data["dossier"] = crate::format::data::written(false, || json!(dossier));
        }
        serde_json::to_vec(&data).unwrap_or_default()
    }

    /// Registers the bundle's files in a world.
    pub fn fill(&self, world: &mut RenderWorld) {
        for (path, bytes) in &self.files {
            world.add_file(path, bytes.clone());
        }
    }
}

/// Every text the templates print, with French apostrophes: a straight one written in a case file,
/// a rule's sentence or a court's name becomes « ’ », so no document mixes the two. Keys are left
/// alone (they are field names, not text).
fn curly_apostrophes(value: Value) -> Value {
    match value {
        Value::String(s) if s.contains('\'') => Value::String(s.replace('\'', "’")),
        Value::Array(items) => Value::Array(items.into_iter().map(curly_apostrophes).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, curly_apostrophes(v))).collect()),
        other => other,
    }
}

/// The pages of each part, found from the `<debut-partie>` marks the templates place.
pub fn part_pages(doc: &PagedDocument) -> Vec<(String, Range<usize>)> {
    let Some(label) = Label::new(PicoStr::intern("debut-partie")) else { return Vec::new() };
    let introspector = doc.introspector();
    let mut starts: Vec<(String, usize)> = introspector
        .query(&typst::foundations::Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let key = match &content.to_packed::<MetadataElem>()?.value {
                TypstValue::Str(s) => s.to_string(),
                _ => return None,
            };
            let page = introspector.page(content.location()?)?.get() - 1;
            Some((key, page))
        })
        .collect();
    starts.sort_by_key(|(_, page)| *page);
    let total = doc.pages().len();
    starts
        .iter()
        .enumerate()
        .map(|(i, (key, start))| {
            let end = starts.get(i + 1).map(|(_, p)| *p).unwrap_or(total);
            (key.clone(), *start..end.max(*start + 1).min(total.max(*start + 1)))
        })
        .collect()
}

/// A document made of some pages of another, with its own title.
pub fn sub_document(doc: &PagedDocument, pages: Range<usize>, title: &str) -> PagedDocument {
    let selected: typst::ecow::EcoVec<_> = doc.pages().get(pages).unwrap_or_default().iter().cloned().collect();
    let mut info = typst::model::DocumentInfo::default();
    info.title = Some(title.into());
    info.author = typst::model::Document::info(doc).author.clone();
    PagedDocument::new(selected, info)
}
