//! Open items of an aged balance grouped into one case draft per debtor: invoices, the
//! payments on them, and negative rows as unallocated payments (imputed by law).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use rust_decimal::Decimal;

use super::creditor::Shared;
use super::draft::{Draft, DraftInvoice, DraftPayment};
use super::entries::{Credit, Item};
use super::identity::{Source, flag_identifiers, party_label};
use super::naming::{reference, slug, unique};
use super::tiers::{self, Tiers};
use crate::case::raw::RawPartyKind;
use crate::diag::Diagnostic;
use crate::diag::{Diagnostics, Pos};

pub fn drafts(
    file: &Path,
    items: Vec<Item>,
    credits: Vec<Credit>,
    tiers: Option<&Tiers>,
    shared: &Shared,
    warnings: &mut Diagnostics,
) -> Vec<Draft> {
    let mut groups: BTreeMap<String, (usize, Vec<Item>)> = BTreeMap::new();
    for (order, item) in items.into_iter().enumerate() {
        groups.entry(item.debtor.key()).or_insert_with(|| (order, Vec::new())).1.push(item);
    }
    let mut ordered: Vec<(usize, String, Vec<Item>)> = groups.into_iter().map(|(k, (o, v))| (o, k, v)).collect();
    ordered.sort_by_key(|(order, _, _)| *order);
    let mut credits_by_key: BTreeMap<String, Vec<Credit>> = BTreeMap::new();
    for c in credits {
        credits_by_key.entry(c.debtor.key()).or_default().push(c);
    }
    let mut taken = HashSet::new();
    let mut out = Vec::new();
    for (_, key, items) in ordered {
        let credits = credits_by_key.remove(&key).unwrap_or_default();
        if let Some(draft) = draft_for(file, items, credits, tiers, shared, &mut taken, warnings) {
            out.push(draft);
        }
    }
    for (_, orphans) in credits_by_key {
        for c in orphans {
            warnings.push(
                Diagnostic::warning(format!(
                    "ligne {} : avoir ou règlement {} de {} sur un client sans facture impayée : non repris",
                    c.line, c.reference, c.amount
                ))
                .in_file(file)
                .at(Pos::new(c.line, 1)),
            );
        }
    }
    out
}

fn draft_for(
    file: &Path,
    items: Vec<Item>,
    credits: Vec<Credit>,
    tiers: Option<&Tiers>,
    shared: &Shared,
    taken: &mut HashSet<String>,
    warnings: &mut Diagnostics,
) -> Option<Draft> {
    let first = items.first()?;
    let source = Source { file, line: first.line };
    let mut debtor = first.debtor.party.clone();
    let entry = tiers.and_then(|t| t.find(first.debtor.code.as_deref(), first.debtor.name.as_deref()));
    let mut identity = None;
    if let Some(entry) = entry {
        identity = Some(entry.line);
        let mut from_tiers = entry.party.clone();
        tiers::complete(&mut from_tiers, &debtor);
        debtor = from_tiers;
    } else if tiers.is_some() {
        warnings.push(source.warning(format!(
            "débiteur {} absent du fichier de tiers : son identité est à compléter",
            first.debtor.name.clone().or_else(|| first.debtor.code.clone()).unwrap_or_default()
        )));
    }
    if debtor.raison_sociale.is_none() && debtor.nom.is_none() {
        debtor.raison_sociale = first.debtor.name.clone().or_else(|| first.debtor.code.clone());
    }
    tiers::settle(&mut debtor);
    let label = party_label(&debtor, "débiteur");
    let folder = unique(&slug(debtor.raison_sociale.as_deref().or(debtor.nom.as_deref()).unwrap_or("debiteur")), taken);
    let (first_line, last_line) = (first.line, items.iter().map(|i| i.line).max().unwrap_or(first.line));
    let rows = match items.len() {
        1 => format!("ligne {first_line}"),
        n => format!("{n} lignes, de la ligne {first_line} à la ligne {last_line}"),
    };
    let mut draft = Draft {
        reference: reference(&folder),
        folder,
        origin: vec![format!(
            "Préparé par « recouvre import balance » à partir de {} ({rows}).",
            file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        )],
        computed_on: shared.computed_on,
        signed_at: shared.signed_at.clone(),
        creditor: shared.creditor.clone(),
        debtor,
        conditions: shared.conditions.clone(),
        ..Draft::default()
    };
    if let (Some(line), Some(path)) = (identity, tiers.map(Tiers::path)) {
        draft.origin.push(format!("Identité du débiteur : {}, ligne {line}.", path.display()));
    }
    if draft.creditor.kind.is_none() {
        draft.creditor.kind = Some(RawPartyKind::Societe);
        draft.note("creancier", "À COMPLÉTER : vous, le créancier (ou relancez l'import avec --creancier)");
    }
    if draft.debtor.adresse.is_none() {
        warnings.push(source.warning(format!("{label} : adresse inconnue, à compléter")).hint(
            "donnez un fichier --tiers avec les colonnes adresse, code postal et ville (par code client ou par nom)",
        ));
    }
    for item in items {
        add_item(&mut draft, item);
    }
    for credit in credits {
        let index = draft.payments.len() + 1;
        draft.payments.push(DraftPayment {
            date: Some(credit.date),
            amount: credit.amount,
            invoice: None,
            mode: Some("autre"),
            reference: Some(format!("{} (ligne {} de l'export)", credit.reference, credit.line)),
        });
        draft.note(
            format!("paiements[{index}]"),
            "avoir ou règlement de l'export sans facture désignée (acompte, règlement non lettré) : imputé selon l'art. 1342-10 C. civ.",
        );
        warnings.push(
            Source { file, line: credit.line }
                .warning(format!(
                    "{} de {} : avoir ou règlement sans facture désignée, repris comme paiement non affecté",
                    credit.reference,
                    crate::format::euros(credit.amount)
                ))
                .hint("s'il s'agit d'un avoir sur une facture précise, déplacez-le dans « avoirs » avec son numéro de facture"),
        );
    }
    if draft.total_due() <= Decimal::ZERO {
        warnings.push(source.warning(format!(
            "{label} : rien ne reste dû une fois les montants négatifs déduits ; pas de dossier écrit"
        )));
        return None;
    }
    flag_identifiers(&mut draft, "debiteur", source, warnings);
    // The creditor's identifiers were reported once, when its file was read: only the notes here.
    flag_identifiers(&mut draft, "creancier", source, &mut Diagnostics::new());
    Some(draft)
}

fn add_item(draft: &mut Draft, item: Item) {
    let index = draft.invoices.len() + 1;
    if item.due.is_none() {
        draft.note(format!("factures[{index}].echeance"), format!("absente de l'export (ligne {})", item.line));
    }
    if item.paid > Decimal::ZERO {
        let p = draft.payments.len() + 1;
        draft.payments.push(DraftPayment {
            date: Some(item.paid_on.unwrap_or(item.date)),
            amount: item.paid,
            invoice: Some(item.number.clone()),
            mode: None,
            reference: Some(format!("réglé d'après l'export (ligne {})", item.line)),
        });
        if item.paid_on.is_none() {
            draft.note(
                format!("paiements[{p}]"),
                "date inconnue : celle de la facture (le moins d'intérêts) ; à corriger si connue",
            );
        }
    }
    draft.invoices.push(DraftInvoice {
        number: item.number,
        date: Some(item.date),
        due: item.due,
        subject: item.subject,
        net: item.net,
        vat: item.vat,
        gross: Some(item.gross),
        file: None,
        delivery_notes: Vec::new(),
    });
}
