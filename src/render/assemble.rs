//! From a plan to PDFs: the bundle of parts, one compilation, then one PDF per part and the
//! merged dossier, all cut from the same pages.

use rust_decimal::Decimal;
use typst_layout::PagedDocument;

use super::bundle::{Bundle, Part, part_pages, sub_document};
use super::cache::Session;
use super::data::parts::{PieceData, SuppliedDocumentData, SuppliedFileData};
use super::data::{PartData, base, court, enforcement as after, history, letters, parts, routes, sheet, statement};
use super::long::Slicing;
use super::merge::{MergedInfo, marks, merge};
use super::output::{MERGED_NAME, Rendered, RenderedFile};
use super::pieces::{self, SuppliedFile};
use super::{PdfKind, RenderWorld, Templates, compile, export};
use crate::case::model::Case;
use crate::claim::Claim;
use crate::diag::{Diagnostic, Diagnostics};
use crate::format::data::{Money, iso};
use crate::format::date_fr;
use crate::ground::manifest::SourceFile;
use crate::inputs::Files;
use crate::plan::{DocKind, PieceSource, Plan, PlannedPiece, Step};

/// Compiles a bundle once and cuts it into the dossier's PDFs.
pub fn render(templates: &Templates, case: &Case, plan: &Plan, bundle: Bundle) -> Result<Rendered, Diagnostics> {
    render_with(templates, case, plan, bundle, Slicing::default())
}

/// [`render`], a long décompte laid out in slices as `slicing` says (`long`); a long merged
/// dossier laid out in parts (`dossier`).
pub fn render_with(
    templates: &Templates,
    case: &Case,
    plan: &Plan,
    mut bundle: Bundle,
    slicing: Slicing,
) -> Result<Rendered, Diagnostics> {
    if plan.merged && super::dossier::is_long(&bundle, slicing) {
        return super::dossier::render(templates, case, bundle, slicing);
    }
    let long = if plan.merged { Vec::new() } else { super::long::take_long(&mut bundle, slicing) };
    let mut rendered = if bundle.parts.is_empty() {
        Rendered { files: Vec::new(), warnings: Diagnostics::new() }
    } else {
        render_bundle(templates, case, plan, &bundle)?
    };
    for (position, part) in &long {
        let ident = format!("{}/{}", case.reference, part.output.as_deref().unwrap_or_default());
        let (bytes, pages, warnings) =
            super::long::render_statement(templates, &bundle, part, case.computed_on, &ident, slicing)?;
        if let Some(file) = part.rendered(pages, bytes) {
            rendered.files.insert((*position).min(rendered.files.len()), file);
        }
        rendered.warnings.extend(warnings);
    }
    Ok(rendered)
}

/// Compiles the bundle once and cuts it into the dossier's PDFs.
fn render_bundle(templates: &Templates, case: &Case, plan: &Plan, bundle: &Bundle) -> Result<Rendered, Diagnostics> {
    let mut world = RenderWorld::new(templates, bundle.data_json(), case.computed_on);
    bundle.fill(&mut world);
    // Typst's caches are evicted by one policy for the process, never during a compilation.
    let session = Session::start();
    let (doc, warnings) = compile(&world)?;
    let ranges = part_pages(&doc);
    let date = case.computed_on;
    let reference = &case.reference;
    let merged_kind = if bundle.parts.iter().any(|p| p.embeds_pdf) { PdfKind::Plain } else { PdfKind::Archival };
    // A plain merged file is put together from the parts' PDFs: each page is exported once.
    // A PDF/A merged file is exported whole (one document's metadata and structure).
    let assemble_merged = plan.merged && merged_kind == PdfKind::Plain;
    let mut files = Vec::new();
    let mut exported: Vec<(std::ops::Range<usize>, Vec<u8>)> = Vec::new();
    for part in &bundle.parts {
        if part.output.is_none() && !assemble_merged {
            continue;
        }
        let Some((_, range)) = ranges.iter().find(|(key, _)| key == &part.key) else {
            return Err(part.unmarked());
        };
        let sub = sub_document(&doc, range.clone(), &part.title);
        let name = part.output.as_deref().unwrap_or(part.key.as_str());
        let bytes = export(&sub, &format!("{reference}/{name}"), date, part.pdf_kind(), bundle.needs_pdf_2)?;
        if assemble_merged {
            exported.push((range.clone(), bytes.clone()));
        }
        files.extend(part.rendered(range.len(), bytes));
    }
    if plan.merged {
        let ident = format!("{reference}/{MERGED_NAME}");
        let bytes = match merged_from_parts(&doc, &mut exported, bundle, &ident) {
            Some(bytes) => bytes?,
            None => export(&doc, &ident, date, merged_kind, bundle.needs_pdf_2)?,
        };
        files.push(RenderedFile::merged(doc.pages().len(), date, bytes));
    }
    session.end();
    Ok(Rendered { files, warnings })
}

/// The merged dossier from the parts' PDFs, when they cover every page of the compilation in
/// order (`None` otherwise, or when none were exported: the caller exports the whole document).
fn merged_from_parts(
    doc: &PagedDocument,
    exported: &mut [(std::ops::Range<usize>, Vec<u8>)],
    bundle: &Bundle,
    ident: &str,
) -> Option<Result<Vec<u8>, Diagnostics>> {
    if exported.is_empty() {
        return None;
    }
    exported.sort_by_key(|(range, _)| range.start);
    let mut next = 0;
    for (range, _) in exported.iter() {
        if range.start != next {
            return None;
        }
        next = range.end;
    }
    if next != doc.pages().len() {
        return None;
    }
    let parts: Vec<&[u8]> = exported.iter().map(|(_, bytes)| bytes.as_slice()).collect();
    let info = MergedInfo { title: &bundle.title, author: &bundle.author, ident };
    Some(merge(&parts, &marks(doc), &info).map_err(|e| Diagnostic::error(format!("dossier complet : {e}")).into()))
}

/// The parts of the compilation, in filing order: cover and contents (merged dossiers only),
/// then each document, then each pièce.
/// `notice_claim`: the claim as it stood on the day the mise en demeure was sent, for its copy.
pub fn assemble(
    case: &Case,
    claim: &Claim,
    notice_claim: Option<&Claim>,
    plan: &Plan,
    files: &Files,
) -> Result<Bundle, Diagnostics> {
    let mut bundle = Bundle {
        title: format!("{} — {}", case.reference, plan.step.label()),
        author: case.creditor.display_name.clone(),
        ..Bundle::default()
    };
    let mut problems = Diagnostics::new();
    let images = super::letter_images::load(case, files, &mut bundle, &mut problems);
    if plan.merged {
        bundle.parts.push(cover(case, claim, plan));
    }
    for (i, document) in plan.documents.iter().enumerate() {
        let key = format!("doc-{i}");
        let mut date = Some(iso(case.computed_on));
        let mut embeds_pdf = false;
        let mut sources = Vec::new();
        let data = match document.kind {
            DocKind::Reminder { level } => PartData::Reminder(Box::new(letters::reminder(case, claim, &key, level))),
            DocKind::FormalNotice => {
                let court = crate::plan::competent_court(case);
                if let Some(m) = &case.formal_notice {
                    date = Some(iso(m.sent));
                }
                let notice = letters::formal_notice(case, notice_claim.unwrap_or(claim), &key, &court);
                PartData::FormalNotice(Box::new(notice))
            }
            DocKind::History => PartData::History(Box::new(history::history(case, plan, &key, plan.merged))),
            DocKind::Statement => PartData::Statement(Box::new(statement::statement(case, claim, &key, plan.merged))),
            DocKind::RegistryLetter => {
                PartData::RegistryLetter(Box::new(letters::registry_letter(case, claim, plan, &key)))
            }
            DocKind::PaymentOrderRequest => {
                PartData::PaymentOrderRequest(Box::new(court::payment_order_request(case, claim, plan, &key)))
            }
            DocKind::ExhibitList => PartData::ExhibitList(Box::new(court::exhibit_list(case, plan, &key))),
            DocKind::SmallClaimsRequest => {
                PartData::SmallClaimsRequest(Box::new(court::small_claims_request(case, claim, plan, &key)))
            }
            DocKind::BailiffLetter => {
                PartData::BailiffLetter(Box::new(letters::bailiff_letter(case, claim, plan, &key)))
            }
            DocKind::DebtorSheet => PartData::DebtorSheet(Box::new(sheet::debtor_sheet(case, &key))),
            DocKind::ClaimDeclaration => {
                PartData::ClaimDeclaration(Box::new(routes::claim_declaration(case, claim, plan, &key)))
            }
            DocKind::ForeclosureRequest => {
                PartData::ForeclosureRequest(Box::new(routes::foreclosure_request(case, claim, plan, &key)))
            }
            DocKind::Summons { .. } => PartData::Summons(Box::new(routes::summons(case, claim, plan, &key))),
            DocKind::TitleStatement => match after::title_statement(case, claim, plan, &key) {
                Some(data) => PartData::TitleStatement(Box::new(data)),
                None => {
                    problems.push(
                        Diagnostic::error("décompte selon le titre demandé sans ordonnance accordant de sommes")
                            .hint("indiquez sous procedure.ordonnance ce que l'ordonnance accorde"),
                    );
                    continue;
                }
            },
            DocKind::CertificateRequest => {
                PartData::CertificateRequest(Box::new(after::certificate_request(case, plan, &key)))
            }
            DocKind::NoNoticeStatement => {
                PartData::NoNoticeStatement(Box::new(after::no_notice_statement(case, plan, &key)))
            }
            DocKind::EnforcementRequest => {
                PartData::EnforcementRequest(Box::new(after::enforcement_request(case, claim, plan, &key)))
            }
            DocKind::Order | DocKind::FiledRequest | DocKind::ServiceAct | DocKind::Certificate => {
                let Some(source) = &document.source else { continue };
                match supplied(source, files, &mut bundle) {
                    Ok((file, path, found)) => {
                        embeds_pdf = file.kind == crate::case::model::FileKind::Pdf;
                        sources = found;
                        date = None;
                        PartData::Supplied(Box::new(SuppliedDocumentData {
                            key: key.clone(),
                            titre: document.title.clone(),
                            reference: case.reference.clone(),
                            in_dossier: plan.merged,
                            file: file_data(&file, path),
                        }))
                    }
                    Err(d) => {
                        problems.push(d);
                        continue;
                    }
                }
            }
        };
        let mut part = Part {
            key: key.clone(),
            title: document.title.clone(),
            data,
            output: Some(document.output.clone()),
            role: document.kind.role().to_string(),
            piece: None,
            date,
            embeds_pdf,
            sources,
        };
        if let Some(amount) = transfer_amount(document.kind, claim, plan) {
            add_payment_qr(case, amount, &mut part.data, &mut bundle);
        }
        images.add_to(&mut part.data);
        bundle.parts.push(part);
    }
    for piece in &plan.pieces {
        match piece_part(case, piece, files, &mut bundle) {
            Ok(part) => bundle.parts.push(part),
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(bundle)
}

/// The amount a document asks the debtor to transfer, for its « payer par virement » QR code:
/// the total due, for every relance (the first one says what it holds beyond the principal) and
/// for the décompte sent to the debtor with it or with the mise en demeure: one sum in one envelope. Court papers: none. Nor the mise en demeure: it is the pièce the
/// judge reads, a one-page formal letter, and a code beside its signature made it run to two
/// pages on the samples; its payment paragraph gives the IBAN and the reference.
fn transfer_amount(kind: DocKind, claim: &Claim, plan: &Plan) -> Option<Decimal> {
    match kind {
        DocKind::Reminder { .. } => Some(claim.totals.total_due),
        // Only where the décompte goes to the debtor with a letter; the « attente » pack is the
        // creditor's own file.
        DocKind::Statement if matches!(plan.step, Step::Reminder | Step::FormalNotice) => Some(claim.totals.total_due),
        _ => None,
    }
}

/// Adds the EPC QR code of a transfer of `amount` to the document's `paiement` data (creating it
/// for a décompte), when the creditor's IBAN is known.
fn add_payment_qr(case: &Case, amount: Decimal, data: &mut PartData, bundle: &mut Bundle) {
    let Some(iban) = case.creditor.iban.as_deref() else { return };
    let payment = match data {
        PartData::Reminder(d) => &mut d.paiement,
        PartData::Statement(d) => d.paiement.get_or_insert_with(|| base::payment(case)),
        _ => return,
    };
    let transfer = crate::render::payment_qr::Transfer {
        name: &case.creditor.display_name,
        iban,
        bic: case.creditor.bic.as_deref(),
        amount,
        reference: &payment.reference,
    };
    let Some(svg) = transfer.svg() else { return };
    payment.qr = Some(bundle.add_file("svg", typst::foundations::Bytes::new(svg.into_bytes())));
    payment.qr_montant = Some(Money(amount));
}

fn cover(case: &Case, claim: &Claim, plan: &Plan) -> Part {
    Part {
        key: "couverture".into(),
        title: "Couverture et sommaire".into(),
        data: PartData::Cover(Box::new(parts::cover(case, claim, plan, cover_addressee(case, plan)))),
        output: None,
        role: "couverture".into(),
        piece: None,
        date: None,
        embeds_pdf: false,
        sources: Vec::new(),
    }
}

/// How templates find a supplied file in the bundle.
fn file_data(file: &SuppliedFile, path: String) -> SuppliedFileData {
    SuppliedFileData { fichier: path, image: file.kind != crate::case::model::FileKind::Pdf, pages: file.pages }
}

/// Reads a supplied file into the bundle: its virtual path and the manifest's source entry.
fn supplied(
    source: &PieceSource,
    files: &Files,
    bundle: &mut Bundle,
) -> Result<(SuppliedFile, String, Vec<SourceFile>), Diagnostic> {
    let (file, written, sha) = match source {
        PieceSource::File { file } => {
            let loaded =
                pieces::load(files, &file.path, file.kind, &file.relative).map_err(|d| d.field(file.field.clone()))?;
            let sha = loaded.sha256.clone();
            (loaded, file.relative.clone(), sha)
        }
        PieceSource::PreviousOutput { path, sha256 } => {
            let loaded = pieces::load(files, path, crate::case::model::FileKind::Pdf, &path.display().to_string())?;
            // The archived letter as sent: its bytes are those its build recorded, or it is not used.
            if loaded.sha256 != *sha256 {
                return Err(Diagnostic::error(format!(
                    "« {} » a changé pendant la construction : ce n'est plus la lettre archivée",
                    path.display()
                ))
                .hint("relancez la construction ; ne modifiez pas les dossiers archivés"));
            }
            (loaded, path.display().to_string(), sha256.clone())
        }
        PieceSource::InvoiceStatement { .. } | PieceSource::DeliveryNoteStatement { .. } => {
            return Err(Diagnostic::error("pièce générée traitée comme un fichier"));
        }
    };
    bundle.needs_pdf_2 |= file.pdf_2;
    let path = bundle.add_file(file.extension(), file.bytes.clone());
    Ok((file, path, vec![SourceFile { chemin: written, sha256: sha }]))
}

fn piece_part(case: &Case, piece: &PlannedPiece, files: &Files, bundle: &mut Bundle) -> Result<Part, Diagnostic> {
    let key = base::piece_key(piece.number);
    // The first pièce opens the « Pièces » group of bookmarks.
    let first = piece.number == 1;
    let mut embeds_pdf = false;
    let mut sources = Vec::new();
    let data = match &piece.source {
        PieceSource::InvoiceStatement { invoice } => {
            let data = parts::invoice_statement(case, *invoice, piece);
            PartData::EstablishedStatement(Box::new(parts::EstablishedStatementData { premiere: first, ..data }))
        }
        PieceSource::DeliveryNoteStatement { note } => {
            let data = parts::delivery_note_statement(case, *note, piece);
            PartData::EstablishedStatement(Box::new(parts::EstablishedStatementData { premiere: first, ..data }))
        }
        source => {
            let (file, path, found) = supplied(source, files, bundle)?;
            embeds_pdf = file.kind == crate::case::model::FileKind::Pdf;
            sources = found;
            PartData::Piece(Box::new(PieceData {
                key: key.clone(),
                numero: piece.number,
                intitule: piece.title.clone(),
                date: piece.date.map(date_fr),
                reference: case.reference.clone(),
                in_dossier: true,
                file: file_data(&file, path),
                premiere: first,
            }))
        }
    };
    Ok(Part {
        key,
        title: format!("Pièce n° {} — {}", piece.number, piece.title),
        data,
        output: Some(piece.output.clone()),
        role: format!(
            "piece_{}",
            serde_json::to_value(piece.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
        ),
        piece: Some(piece.number),
        date: piece.date.map(iso),
        embeds_pdf,
        sources,
    })
}

/// Who the dossier goes to, named as on an envelope: « Greffe du tribunal de commerce de
/// Grenoble », the commissaire de justice's office, never a bare role.
fn cover_addressee(case: &Case, plan: &Plan) -> String {
    match (plan.recipient, plan.court.as_ref(), case.procedure.bailiff.as_ref()) {
        ("greffe", Some(court), _) => format!("Greffe du {}", court.name),
        ("mandataire judiciaire" | "juge-commissaire", ..) => match case.open_insolvency() {
            Some(p) if plan.step == Step::ForeclosureRelief => {
                format!("Juge-commissaire {} de {}, {}", p.kind.of_label(), case.debtor.display_name, p.court)
            }
            Some(p) => format!("{}, {}", p.trustee.name, p.kind.trustee_title()),
            None => plan.recipient.to_string(),
        },
        // « SELARL …, commissaires de justice » already says what the office is.
        ("commissaire de justice", _, Some(b)) if b.office.to_lowercase().contains("commissaire") => b.office.clone(),
        ("commissaire de justice", _, Some(b)) => format!("{}, commissaire de justice", b.office),
        (role, ..) => {
            let mut chars = role.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
    }
}
