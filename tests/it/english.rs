//! Letters to a debtor who reads English (`debiteur.langue: en`, issue 17 item 7): the relances and
//! the mise en demeure in English with the French letter's figures, to the cent; documents for the
//! court stay in French; a wrong value is located.

use std::collections::BTreeMap;
use std::path::Path;

use rust_decimal::Decimal;

use crate::support::{
    TODAY_VAR, assert_absent, assert_mentions, built, contains_words, copy_sample, latest_build, pdf_text, recouvre,
    root,
};

const SAMPLE: &str = "debiteur-anglophone";

/// Every amount with cents a letter prints, counted: `€12,345.67` (English) or `12 345,67 €`.
fn amounts(text: &str, english: bool) -> BTreeMap<Decimal, usize> {
    let text: String = text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
    let mut found = BTreeMap::new();
    for (at, _) in text.match_indices('€') {
        let digits = if english { english_amount(&text[at + '€'.len_utf8()..]) } else { french_amount(&text[..at]) };
        if let Some(value) = digits.and_then(|d| d.parse::<Decimal>().ok()) {
            *found.entry(value).or_default() += 1;
        }
    }
    found
}

/// `12,345.67` at the start of `after` (the text after a `€`), as `12345.67`.
fn english_amount(after: &str) -> Option<String> {
    let number: String = after.chars().take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.').collect();
    let number = number.trim_end_matches(['.', ',']);
    let (int, cents) = number.split_once('.')?;
    (cents.len() == 2).then(|| format!("{}.{cents}", int.replace(',', "")))
}

/// `12 345,67` at the end of `before` (the text before a `€`), as `12345.67`: groups of three
/// digits read backwards until a group of one to three digits that is not preceded by another.
fn french_amount(before: &str) -> Option<String> {
    // An amount in parentheses, « (116,40 €) », starts after the parenthesis.
    let mut tokens = before.trim_end().rsplit(' ').map(|t| t.trim_start_matches('('));
    let (int, cents) = tokens.next()?.split_once(',')?;
    let all_digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if cents.len() != 2 || !all_digits(int) || int.len() > 3 {
        return None;
    }
    let mut groups = vec![int];
    while groups.last().is_some_and(|g| g.len() == 3) {
        match tokens.next() {
            Some(t) if all_digits(t) && t.len() <= 3 => groups.push(t),
            _ => break,
        }
    }
    groups.reverse();
    Some(format!("{}.{cents}", groups.concat()))
}

/// The base and the amount of every interest line of the case's décompte (`decompte --format json`).
fn decompte_lines(case: &Path) -> Vec<[Decimal; 2]> {
    let run = recouvre().env(TODAY_VAR, "2026-11-23").args(["decompte", "--format", "json"]).arg(case).output();
    let json: serde_json::Value = serde_json::from_slice(&run.expect("decompte").stdout).expect("json");
    let decimal = |v: &serde_json::Value| v.as_str().and_then(|s| s.parse::<Decimal>().ok()).expect("amount");
    let invoices = json["factures"].as_array().cloned().unwrap_or_default();
    invoices
        .iter()
        .flat_map(|f| f["segments"].as_array().cloned().unwrap_or_default())
        .map(|s| [decimal(&s["base"]), decimal(&s["montant"])])
        .collect()
}

/// The sample's case with `langue: en` taken out: the same debtor, written to in French.
fn french_twin(dir: &Path) {
    let case = dir.join("case.yaml");
    let text = std::fs::read_to_string(&case).expect("case");
    assert!(text.contains("  langue: en\n"), "the sample's debtor reads English");
    std::fs::write(&case, text.replace("  langue: en\n", "")).expect("write");
}

#[test]
fn amounts_are_read_in_both_conventions() {
    let french =
        amounts("IL-1 30/09/2026 1 740,00 € 0,00 € total 12 345,67 € (2 × 40 €) capital 40 000 € (1 883,60 €)", false);
    let english = amounts("€1,740.00 €0.00 total €12,345.67. (2 × €40) €40 (€1,883.60)", true);
    assert_eq!(french, english);
    assert_eq!(french.len(), 4, "{french:?}");
}

#[test]
fn english_mise_en_demeure_prints_the_french_letters_figures() {
    let english = built(SAMPLE, &[]);
    let english_text = pdf_text(&english.dir.join("01-mise-en-demeure.pdf"));
    let twin = copy_sample(SAMPLE);
    french_twin(twin.path());
    let out = twin.path().join("sortie");
    recouvre().arg("build").arg(twin.path().join("case.yaml")).arg("-o").arg(&out).assert().success();
    let french_text = pdf_text(&latest_build(&out, "UB-2026-031").join("01-mise-en-demeure.pdf"));
    assert!(contains_words(&french_text, "Objet : Mise en demeure de payer"), "the twin is French:\n{french_text}");

    // Every amount of the French letter, as often, in the English one; beyond them, the English
    // letter prints only its table of the penalties (base and amount of each line), which is the
    // French décompte's, line for line (the French letter encloses that décompte). The note for
    // the court repeats the total, its breakdown and the payment in French, and nothing else.
    let in_english = amounts(&english_text, true);
    let in_french = amounts(&french_text, false);
    assert!(in_french.len() >= 8, "the French letter prints its table and breakdown: {in_french:?}");
    let mut expected = in_french.clone();
    for line in decompte_lines(&twin.path().join("case.yaml")) {
        for amount in line {
            *expected.entry(amount).or_default() += 1;
        }
    }
    assert_eq!(in_english, expected, "English letter:\n{english_text}\nFrench letter:\n{french_text}");
    // The payment and its imputation, in both letters: 2 000,00 = 116,40 + 1 883,60; the
    // penalties accrued, less the part imputed on them.
    for amount in ["2000.00", "116.40", "1883.60", "323.81"] {
        let amount: Decimal = amount.parse().expect("decimal");
        assert!(in_french.contains_key(&amount), "the French letter explains the payment ({amount}):\n{french_text}");
    }
    // The note gives the penalties still due (207,41 €): the letter's 323,81 € accrued less 116,40 €.
    let remaining: Decimal = "207.41".parse().expect("decimal");
    let accrued_less_paid =
        "323.81".parse::<Decimal>().expect("decimal") - "116.40".parse::<Decimal>().expect("decimal");
    assert_eq!(remaining, accrued_less_paid);
    let note: Vec<Decimal> = amounts(&english_text, false).into_keys().collect();
    for amount in &note {
        assert!(
            in_french.contains_key(amount) || *amount == remaining,
            "the note's {amount} is one of the letter's figures"
        );
    }
    assert_eq!(note.len(), 6, "the note gives the total, its breakdown and the payment: {note:?}");
    assert!(contains_words(&french_text, "P.J. : décompte détaillé de la créance"), "{french_text}");
    assert!(contains_words(&english_text, "Enclosed: detailed statement of account (décompte"), "{english_text}");

    // The same deadline, the same articles.
    for (en, fr) in [
        ("within 8 days of receipt of this letter", "dans un délai de 8 jours à compter de la réception"),
        ("Article 1344 of the French Civil Code", "l'article 1344 du Code civil"),
        ("Article L. 441-10 of the French Commercial Code", "art. L. 441-10 C. com."),
        ("Articles L. 441-10 and D. 441-5", "art. L. 441-10 et D. 441-5 C. com."),
        ("Article 1343-1 of the French Civil Code", "art. 1343-1 C. civ."),
        ("Articles 1405 et seq. of the French Code of Civil Procedure", "art. 1405 et s. CPC"),
    ] {
        assert!(contains_words(&english_text, en), "English letter lacks « {en} »:\n{english_text}");
        assert!(contains_words(&french_text, fr), "French letter lacks « {fr} »:\n{french_text}");
    }
}

#[test]
fn english_relances_carry_the_decompte_and_never_read_as_a_formal_notice() {
    for level in ["1", "2", "3"] {
        let outcome = built(SAMPLE, &["--etape", "relance", "--niveau", level]);
        let text = pdf_text(&outcome.dir.join(format!("01-relance-{level}.pdf")));
        let what = format!("relance {level}");
        let french = ["Madame", "Monsieur", "Nous vous", "Objet", "Fait à", "(e)", "facture n°", "Pour Usinage"];
        assert_absent(&what, &text, &french);
        assert_absent(&what, &text, &["This letter is a formal notice", "give you formal notice"]);
        assert!(contains_words(&text, "Dear Ms Carter,"), "{what}:\n{text}");
        assert!(contains_words(&text, "Total €10,260.00 €1,883.60 €8,376.40"), "{what}:\n{text}");
        if level != "1" {
            assert!(contains_words(&text, "Total claimed €8,663.81"), "{what}:\n{text}");
        }
    }
}

/// The mise en demeure goes out in English; recorded as sent, it becomes a pièce of the requête,
/// which, like every document for the court, stays in French.
#[test]
fn court_documents_stay_french_and_file_the_english_letter_as_sent() {
    let work = copy_sample(SAMPLE);
    let case = work.path().join("case.yaml");
    let out = work.path().join("sortie");
    let text = std::fs::read_to_string(&case).expect("case");
    // Sent on 5 October 2026: the letter built that day, kept in the output folder.
    std::fs::write(&case, text.replace("date_calcul: 2026-11-23", "date_calcul: 2026-10-05")).expect("write");
    recouvre().env(TODAY_VAR, "2026-10-05").arg("build").arg(&case).arg("-o").arg(&out).assert().success();
    std::fs::copy(root().join("tests/fixtures/valid/preuves/ar.pdf"), work.path().join("pieces/ar.pdf")).expect("ar");
    let sent = "mise_en_demeure:\n  date: 2026-10-05\n  delai_jours: 8\n  envoi: lrar\n  numero_envoi: \"1A 234 567 8901 2\"\n  \
                date_reception: 2026-10-07\n  accuse_reception: pieces/ar.pdf\n\npieces:\n";
    std::fs::write(&case, text.replacen("pieces:\n", sent, 1)).expect("write");
    recouvre().arg("build").arg(&case).arg("-o").arg(&out).assert().success();
    let dir = latest_build(&out, "UB-2026-031");
    assert!(dir.ends_with("2026-11-23-injonction-de-payer"), "{}", dir.display());

    let request = pdf_text(&dir.join("01-requete-injonction-de-payer.pdf"));
    assert_mentions(
        "requête",
        &request,
        &[
            "REQUÊTE EN INJONCTION DE PAYER",
            "représentée par Emily Carter, présidente",
            "mise en demeure adressée le 5 octobre 2026 par lettre recommandée avec accusé de réception",
            "Total réclamé, arrêté au 23 novembre 2026 : 8 663,81 €",
        ],
    );
    for name in ["01-requete-injonction-de-payer.pdf", "02-bordereau-de-pieces.pdf", "03-decompte.pdf"] {
        let english = ["Dear", "Formal notice", "invoice", "€8,663.81", "Ref."];
        assert_absent(&format!("{name}, for the court, in French"), &pdf_text(&dir.join(name)), &english);
    }
    let piece = std::fs::read_dir(dir.join("pieces"))
        .expect("pieces")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("piece-05-mise-en-demeure"))
        .expect("the mise en demeure is pièce n° 5");
    assert_mentions(
        "pièce n° 5",
        &pdf_text(&piece),
        &[
            "Annecy, 5 October 2026",
            "Subject: Formal notice to pay (mise en demeure)",
            "Mention en français, pour la juridiction",
            "somme arrêtée au 5 octobre 2026",
        ],
    );
}

#[test]
fn a_language_other_than_fr_or_en_is_located() {
    let work = copy_sample(SAMPLE);
    let case = work.path().join("case.yaml");
    let text = std::fs::read_to_string(&case).expect("case");
    let line = text.lines().position(|l| l == "  langue: en").expect("langue line") + 1;
    let text = text.replace("  langue: en\n", "  langue: de\n").replacen(
        "  bic: AGRIFRPP881\n",
        "  bic: AGRIFRPP881\n  langue: en\n",
        1,
    );
    std::fs::write(&case, text).expect("write");
    let out = recouvre().arg("check").arg(&case).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("case.yaml:{}:11: erreur S002: debiteur.langue : valeur inconnue « de »", line + 1)),
        "{stderr}"
    );
    assert!(stderr.contains("valeurs possibles : fr, en"), "{stderr}");
    assert!(
        stderr.contains(
            "creancier.langue : « langue » choisit la langue des lettres au débiteur, pas celle du créancier"
        ),
        "{stderr}"
    );
}

/// `sample` with `langue: en` under its debtor, built at step mise_en_demeure: the text of each
/// page of the letter.
fn english_notice_of(sample: &str) -> Vec<String> {
    let work = copy_sample(sample);
    let case = work.path().join("case.yaml");
    let text = std::fs::read_to_string(&case).expect("case");
    assert!(text.contains("\ndebiteur:\n"), "{sample}: a debtor block");
    std::fs::write(&case, text.replacen("\ndebiteur:\n", "\ndebiteur:\n  langue: en\n", 1)).expect("write");
    let out = work.path().join("sortie");
    let run = recouvre().args(["build", "--etape", "mise_en_demeure"]).arg(&case).arg("-o").arg(&out).output();
    let run = run.expect("run");
    assert!(run.status.success(), "{sample}: {}", String::from_utf8_lossy(&run.stderr));
    let reference = text.lines().find_map(|l| l.strip_prefix("reference: ")).expect("reference").trim();
    crate::legal_support::page_texts(&latest_build(&out, reference).join("01-mise-en-demeure.pdf"))
}

/// The English letter with three invoices, a payment and a credit note carries its table of
/// penalties and runs to a second page that holds more than the signature; a consumer's letter
/// (no penalties) keeps one page and addresses her in English: « Ms Jeanne Petit », her mediator,
/// no 40 €.
#[test]
fn english_notice_pages_and_a_consumer() {
    let pages = english_notice_of("atelier-dupont");
    let text = pages.concat();
    assert_eq!(pages.len(), 2, "{text}");
    let last = &pages[1];
    assert!(
        contains_words(last, "Failing payment in full within this period"),
        "the last page is not the signature alone:\n{last}"
    );
    assert!(contains_words(last, "Yours sincerely,"), "{last}");
    let mentions = [
        "Dear Mr Martin,",
        "Claire Dupont, Managing Director",
        "our credit note no. AV-2026-003 of 20 June 2026 (€240.00) and your payment of €1,000.00 on 1 July 2026, applied first to the penalties then due (€31.96), then to the principal (€968.04)",
        "3 × €40 €120.00",
        "Total claimed €8,218.81",
        "F-2026-0042 12 Jun 2026 30 Jun 2026 19 €4,800.00 12.15% €30.36",
    ];
    assert_mentions("atelier-dupont in English", &text, &mentions);
    let pages = english_notice_of("consommateur-tj");
    let text = pages.concat();
    assert_eq!(pages.len(), 1, "{text}");
    assert_mentions(
        "consommateur-tj in English",
        &text,
        &[
            "Ms Jeanne Petit",
            "Dear Ms Petit,",
            "within 15 days of receipt of this letter",
            "Under Articles 1231-6 and 1344-1 of the French Civil Code (Code civil)",
            "interest at the French statutory rate (taux de l'intérêt légal) from receipt of this formal notice",
            "President of the tribunal judiciaire d'Annecy",
            "the consumer mediator whose scheme we belong to, Médiation Consommation Alpes",
            "Articles L. 612-1, L. 616-1 and L. 616-2 of the French Consumer Code (Code de la consommation)",
            "Yours sincerely,",
        ],
    );
    let absent = ["€40", "L. 441-10", "Mme Jeanne Petit", "Late-payment penalties"];
    assert_absent("a consumer's letter in English", &text, &absent);
}

/// An invoice whose principal was paid late is not « impayée »: what is still due on it are the
/// penalties and the 40 € it gave rise to. The letter says so, in French and in English.
#[test]
fn a_letter_does_not_call_an_invoice_paid_late_unpaid() {
    let letter = |english: bool| {
        let work = copy_sample(SAMPLE);
        if !english {
            french_twin(work.path());
        }
        let case = work.path().join("case.yaml");
        let text = std::fs::read_to_string(&case).expect("case");
        let payment = "  - { date: 2026-09-15, montant: \"2000.00\"";
        assert!(text.contains(payment), "the sample's payment");
        let paid = "  - { date: 2026-09-20, montant: \"2839.71\", mode: virement, facture: UB-2026-0488 }\n";
        std::fs::write(&case, text.replacen(payment, &format!("{paid}{payment}"), 1)).expect("write");
        let out = work.path().join("sortie");
        let run = recouvre().arg("build").arg(&case).arg("-o").arg(&out).output().expect("run");
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        pdf_text(&latest_build(&out, "UB-2026-031").join("01-mise-en-demeure.pdf"))
    };
    let french = letter(false);
    assert_mentions(
        "mise en demeure",
        &french,
        &[
            "nous constatons que les factures suivantes, échues, demeurent impayées en tout ou partie, ou ont été réglées en retard sans l'indemnité forfaitaire qui en résulte :",
        ],
    );
    let english = letter(true);
    assert_mentions(
        "formal notice",
        &english,
        &[
            "the following invoices, now overdue, remain unpaid in whole or in part, or were paid late without the fixed compensation they gave rise to",
        ],
    );
}
