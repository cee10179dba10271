//! The synthetic cases of the benchmark: a typical dossier (7 files), one with 30 supplied
//! invoices, and long claims of thousands of invoices without files.

use std::path::Path;

use chrono::NaiveDate;
use recouvre::render::{PdfKind, RenderWorld, Templates, compile, export};

/// Three PDFs of 1, 2 and 3 pages of invoice-like text, made with recouvre's own Typst engine.
pub fn pieces_of_n_pages() -> Vec<Vec<u8>> {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("main.typ"),
        r#"#let data = json("/data.json")
#set page(paper: "a4")
#set text(font: "Libertinus Serif", lang: "fr")
#for p in range(data.pages) {
  if p > 0 { pagebreak() }
  [= Document de #data.pages page(s) — page #(p + 1)]
  for i in range(40) [Ligne #i : fourniture et pose, quantité #(i + 1), prix unitaire #(i * 7) € HT. \ ]
}
"#,
    )
    .expect("write");
    let templates = Templates::with_overrides(dir.path()).expect("templates");
    let date = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    (1..=3)
        .map(|pages| {
            let world = RenderWorld::new(&templates, format!("{{\"pages\": {pages}}}").into_bytes(), date);
            let (doc, _) = compile(&world).expect("compile");
            export(&doc, "bench", date, PdfKind::Plain, false).expect("export")
        })
        .collect()
}

/// A case folder: the case file and its 7 files (3 invoices, CGV, devis, the mise en demeure sent
/// and its AR), each made unique with a trailing comment.
pub fn write_case(root: &Path, i: usize, pieces: &[Vec<u8>]) {
    let dir = root.join(format!("c{i:04}"));
    std::fs::create_dir_all(dir.join("pieces")).expect("mkdir");
    let unique = |bytes: &[u8]| {
        let mut b = bytes.to_vec();
        b.extend_from_slice(format!("\n% cas {i}\n").as_bytes());
        b
    };
    let files =
        [("f1.pdf", 1), ("f2.pdf", 2), ("f3.pdf", 1), ("cgv.pdf", 3), ("ar.pdf", 1), ("mdd.pdf", 1), ("devis.pdf", 2)];
    for (name, pages) in files {
        std::fs::write(dir.join("pieces").join(name), unique(&pieces[pages - 1])).expect("write");
    }
    let case = format!(
        r#"{head}factures:
  - {{ numero: F-{i}-1, date: 2026-05-12, echeance: 2026-06-11, objet: Travaux, montant_ht: "{a}.00", montant_tva: "{ta}.00", montant_ttc: "{sa}.00", fichier: pieces/f1.pdf }}
  - {{ numero: F-{i}-2, date: 2026-06-03, echeance: 2026-07-03, objet: Fournitures, montant_ht: "2650.00", montant_tva: "530.00", montant_ttc: "3180.00", fichier: pieces/f2.pdf }}
  - {{ numero: F-{i}-3, date: 2026-07-15, echeance: 2026-08-14, objet: Réparation, montant_ht: "780.00", montant_tva: "156.00", montant_ttc: "936.00", fichier: pieces/f3.pdf }}
paiements:
  - {{ date: 2026-07-01, montant: "1000.00", facture: F-{i}-1 }}
relances:
  - {{ date: 2026-06-18, canal: email, interlocuteur: Comptabilité, resume: Première relance }}
  - {{ date: 2026-07-10, canal: telephone, interlocuteur: M. Martin, resume: Appel, reponse: Promet un paiement, promesse: 2026-07-31 }}
  - {{ date: 2026-08-20, canal: courrier, interlocuteur: Comptabilité, resume: Relance écrite }}
mise_en_demeure:
  date: 2026-09-02
  numero_envoi: "1A 123 456 7890 1"
  date_reception: 2026-09-04
  fichier: pieces/mdd.pdf
  accuse_reception: pieces/ar.pdf
pieces:
  - {{ intitule: Devis signé, date: 2026-04-02, fichier: pieces/devis.pdf, role: devis }}
  - {{ intitule: Conditions générales de vente, fichier: pieces/cgv.pdf, role: cgv }}
procedure:
  juridiction: {{ type: tribunal_de_commerce, ville: Grenoble }}
"#,
        head = case_head(&format!("BENCH-{i:04}"), i),
        a = 4000 + i,
        ta = (4000 + i) / 5,
        sa = 4000 + i + (4000 + i) / 5,
    );
    std::fs::write(dir.join("case.yaml"), case).expect("write");
}

/// One case with `n` invoices, each with its own supplied PDF of 1 to 3 pages.
pub fn write_case_with_invoices(dir: &Path, reference: &str, n: usize, pieces: &[Vec<u8>]) {
    std::fs::create_dir_all(dir.join("pieces")).expect("mkdir");
    let mut invoices = String::new();
    for k in 0..n {
        let mut bytes = pieces[k % 3].clone();
        bytes.extend_from_slice(format!("\n% facture {k}\n").as_bytes());
        std::fs::write(dir.join(format!("pieces/f{k:02}.pdf")), bytes).expect("write");
        invoices.push_str(&format!(
            "  - {{ numero: G-{k:02}, date: 2026-03-02, echeance: 2026-04-01, objet: Livraison {k}, montant_ht: \"100.00\", montant_tva: \"20.00\", montant_ttc: \"120.00\", fichier: pieces/f{k:02}.pdf }}\n"
        ));
    }
    for (name, pages) in [("mdd.pdf", 1), ("ar.pdf", 1), ("devis.pdf", 2)] {
        std::fs::write(dir.join("pieces").join(name), &pieces[pages - 1]).expect("write");
    }
    let head = case_head(reference, 0);
    let case = format!(
        r#"{head}factures:
{invoices}mise_en_demeure:
  date: 2026-09-02
  numero_envoi: "1A 123 456 7890 1"
  date_reception: 2026-09-04
  fichier: pieces/mdd.pdf
  accuse_reception: pieces/ar.pdf
pieces:
  - {{ intitule: Devis signé, date: 2026-02-02, fichier: pieces/devis.pdf, role: devis }}
procedure:
  juridiction: {{ type: tribunal_de_commerce, ville: Grenoble }}
"#
    );
    std::fs::write(dir.join("case.yaml"), case).expect("write");
}

/// The start of a synthetic case file: reference, date, both parties (numbered by `i`) and terms.
fn case_head(reference: &str, i: usize) -> String {
    let n = i % 90 + 1;
    format!(
        r#"version: 1
reference: {reference}
date_calcul: 2026-11-23
lieu_signature: Lyon
creancier:
  type: societe
  raison_sociale: Société Créancière {i}
  forme_juridique: SAS
  capital: "10000"
  siren: "000912345"
  rcs: Lyon
  adresse: {{ lignes: ["{n} rue des Forges"], code_postal: "69007", ville: Lyon }}
  representant: {{ nom: Claire Dupont, qualite: présidente }}
  iban: FR7630004008230001012345669
  bic: BNPAFRPP
debiteur:
  type: societe
  raison_sociale: Client Débiteur {i}
  forme_juridique: SARL
  siren: "000912352"
  adresse: {{ lignes: ["{n} avenue Jean Jaurès"], code_postal: "38000", ville: Grenoble }}
  representant: {{ nom: Paul Martin, qualite: gérant }}
conditions: {{ source: cgv }}
"#
    )
}

/// A business claim of `n` unpaid invoices without files, two relances, one payment: its next
/// step is the mise en demeure, with the décompte detailing every invoice.
pub fn write_long_claim(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).expect("mkdir");
    let mut invoices = String::new();
    for k in 0..n {
        let (month, day, net) = (1 + (k * 7) % 9, 1 + (k * 13) % 27, 100 + (k * 37) % 900);
        invoices.push_str(&format!(
            "  - {{ numero: F-{k:05}, date: 2026-{month:02}-{day:02}, echeance: 2026-{:02}-{day:02}, montant_ht: \"{net}.00\", montant_tva: \"{}.00\", montant_ttc: \"{}.00\" }}\n",
            month + 1,
            net / 5,
            net + net / 5
        ));
    }
    let head = case_head(&format!("LONG-{n}"), 0);
    let case = format!(
        r#"{head}factures:
{invoices}paiements:
  - {{ date: 2026-07-01, montant: "1000.00", facture: F-00000 }}
relances:
  - {{ date: 2026-06-18, canal: email, interlocuteur: Comptabilité, resume: Première relance }}
  - {{ date: 2026-08-20, canal: courrier, interlocuteur: Comptabilité, resume: Relance écrite }}
"#
    );
    std::fs::write(dir.join("case.yaml"), case).expect("write");
}
