//! Copying objects from a PDF read with hayro-syntax into one written with pdf-writer, renumbered.
//!
//! Only what is reached from the objects asked for is copied; stream data is copied as it is
//! (still compressed: no byte is compressed twice). Objects are read lazily, so the parts'
//! structure trees, which the merged dossier does not carry, are never even parsed.

use std::collections::{HashMap, HashSet};
use std::ops::Deref;

use hayro_syntax::Pdf;
use hayro_syntax::object::{Array, Dict, MaybeRef, Name as PdfName, ObjRef, Object, ObjectIdentifier};
use pdf_writer::{Chunk, Name, Obj, Ref, Str};

/// Keys not carried over: structure-tree links (the merged file has no structure tree), per-object
/// metadata and what only the source file's own catalog gives a meaning to (the set hayro-write,
/// Typst's own page copier, leaves out).
const LEFT_OUT: [&[u8]; 10] = [
    b"Metadata",
    b"StructParent",
    b"StructParents",
    b"OC",
    b"AF",
    b"PTData",
    b"Ref",
    b"LastModified",
    b"PieceInfo",
    b"OPI",
];

/// Copies objects of one source PDF into `chunk`, allocating new numbers from `next`.
pub struct Copier<'a, 'n> {
    pdf: &'a Pdf,
    next: &'n mut Ref,
    map: HashMap<ObjRef, Ref>,
    pending: Vec<ObjRef>,
    written: HashSet<ObjRef>,
}

impl std::fmt::Debug for Copier<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Copier").field("mapped", &self.map.len()).finish_non_exhaustive()
    }
}

impl<'a, 'n> Copier<'a, 'n> {
    pub fn new(pdf: &'a Pdf, next: &'n mut Ref) -> Self {
        Self { pdf, next, map: HashMap::new(), pending: Vec::new(), written: HashSet::new() }
    }

    /// The new number of a source object (allocated on first use).
    pub fn map(&mut self, source: ObjRef) -> Ref {
        if let Some(r) = self.map.get(&source) {
            return *r;
        }
        let r = self.next.bump();
        self.map.insert(source, r);
        r
    }

    /// A new number for an object the caller writes, of no source.
    pub fn fresh(&mut self) -> Ref {
        self.next.bump()
    }

    /// Marks a source object as written by the caller (e.g. a page rewritten with a new parent).
    pub fn claim(&mut self, source: ObjRef) -> Ref {
        self.written.insert(source);
        self.map(source)
    }

    /// Writes the entries of `dict` into `out`, but `skip` and the keys never carried over.
    pub fn dict_entries(&mut self, dict: &Dict<'_>, out: &mut pdf_writer::Dict<'_>, skip: &[&[u8]]) {
        for (key, value) in dict.entries() {
            let key: &[u8] = key.deref();
            if LEFT_OUT.contains(&key) || skip.contains(&key) {
                continue;
            }
            self.value(&value, out.insert(Name(key)));
        }
    }

    /// Writes a value; a reference is renumbered and its object queued for [`Self::copy_pending`].
    pub fn value(&mut self, value: &MaybeRef<Object<'_>>, out: Obj<'_>) {
        match value {
            MaybeRef::Ref(r) => self.reference(*r, out),
            MaybeRef::NotRef(object) => self.direct(object, out),
        }
    }

    fn reference(&mut self, r: ObjRef, out: Obj<'_>) {
        // Mapped already: known to exist, queued or written (fonts are referenced from every page).
        if let Some(new) = self.map.get(&r) {
            out.primitive(*new);
            return;
        }
        if self.pdf.xref().get::<Object<'_>>(ObjectIdentifier::from(r)).is_some() {
            let new = self.map(r);
            if !self.written.contains(&r) {
                self.pending.push(r);
            }
            out.primitive(new);
        } else {
            // A dangling reference stays a null, never a number pointing at nothing.
            out.primitive(pdf_writer::Null);
        }
    }

    fn direct(&mut self, object: &Object<'_>, out: Obj<'_>) {
        match object {
            Object::Null(_) | Object::Stream(_) => out.primitive(pdf_writer::Null),
            Object::Boolean(b) => out.primitive(*b),
            Object::Number(n) => {
                let v = n.as_f64();
                if v.fract() == 0.0 && v.abs() < f64::from(i32::MAX) {
                    out.primitive(v as i32);
                } else {
                    out.primitive(v as f32);
                }
            }
            Object::String(s) => out.primitive(Str(s.as_ref())),
            Object::Name(n) => out.primitive(Name(name_bytes(n))),
            Object::Dict(d) => {
                let mut dict = out.dict();
                self.dict_entries(d, &mut dict, &[]);
            }
            Object::Array(a) => self.array(a, out),
        }
    }

    fn array(&mut self, array: &Array<'_>, out: Obj<'_>) {
        let mut items = out.array();
        for item in array.raw_iter() {
            self.value(&item, items.push());
        }
    }

    /// Writes every object referenced so far, and those they reference, into `chunk`.
    pub fn copy_pending(&mut self, chunk: &mut Chunk) {
        while let Some(source) = self.pending.pop() {
            if !self.written.insert(source) {
                continue;
            }
            let Some(object) = self.pdf.xref().get::<Object<'_>>(ObjectIdentifier::from(source)) else { continue };
            let id = self.map(source);
            match &object {
                Object::Stream(stream) => {
                    let data = stream.raw_data();
                    let mut out = chunk.stream(id, &data);
                    // pdf-writer writes the length of what it is given.
                    self.dict_entries(stream.dict(), &mut out, &[b"Length"]);
                }
                other => self.direct(other, chunk.indirect(id)),
            }
        }
    }
}

fn name_bytes<'b>(name: &'b PdfName<'_>) -> &'b [u8] {
    name.deref()
}
